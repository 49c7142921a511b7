import { readFileSync } from 'node:fs'
import tls from 'node:tls'

/**
 * The certificates go would trust, as near as node gets: the system store where node can read it
 * (node 22.15 and later), node's own, and SSL_CERT_FILE, which go also reads.
 */
export function trustedCertificates(env: NodeJS.ProcessEnv): string[] | undefined {
  const read = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates
  const system = read
    ? (() => {
        try {
          return read('system')
        } catch {
          return []
        }
      })()
    : []
  let fromFile: string[] = []
  if (env.SSL_CERT_FILE) {
    try {
      fromFile =
        readFileSync(env.SSL_CERT_FILE, 'utf8').match(
          /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g
        ) ?? []
    } catch {
      fromFile = []
    }
  }
  if (system.length === 0 && fromFile.length === 0) return undefined
  const bundled = read ? read('default') : [...tls.rootCertificates]
  return [...new Set([...bundled, ...system, ...fromFile])]
}
