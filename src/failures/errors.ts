/** The message of anything thrown: an Error's message, or the value as text (a non-Error throw still says something). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
