/** Hides the user:password part of a URL (or a URL-like input value), so credentials never reach a log or report. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@')
}
