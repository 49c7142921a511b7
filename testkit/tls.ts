import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

export interface SelfSignedCert {
  certFile: string
  keyFile: string
}

/** A two-day self-signed certificate for the given names (DNS names, or IP addresses), made by openssl. */
export function selfSignedCert(dir: string, names: string[]): SelfSignedCert {
  mkdirSync(dir, { recursive: true })
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  const altNames = names.map(n => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${altNames}`
    ],
    { stdio: 'ignore' }
  )
  return { certFile, keyFile }
}
