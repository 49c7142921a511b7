/* eslint-disable no-control-regex -- finding control characters is what these patterns are for */
// C0 and C1 controls; the runner starts a line at a bare CR as at LF, and reads `::` at a line start as a command.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/
const CONTROL_BUT_TAB_AND_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** The first control character in `text` (LF allowed when `lines`, for inputs that take one item per line). */
export function findControl(text: string, lines = false): string | undefined {
  return (lines ? CONTROL_BUT_LF : new RegExp(CONTROL.source)).exec(text)?.[0]
}

/** `text` as one line: every control character (CR and LF included) written as an escape such as `\r`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, visible)
}

/** Text for the log, LF and tab kept: every other control (a bare CR above all) written as an escape. */
export function safeLogText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL_BUT_TAB_AND_LF, visible)
}

/** How a control character is shown: `\r`, `\n`, `\t`, else `\u` and its code. */
function visible(control: string): string {
  const named: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' }
  return named[control] ?? `\\u${control.charCodeAt(0).toString(16).padStart(4, '0')}`
}
