import { which } from '@actions/io'

/** The path of an executable on PATH (PATHEXT on Windows), or undefined when there is none. */
export async function findExecutable(name: string): Promise<string | undefined> {
  return (await which(name, false)) || undefined
}
