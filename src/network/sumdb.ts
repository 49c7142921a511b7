/** The checksum database go consults, from GOSUMDB (`name[+key] [url]`); undefined when it is off. */
export function checksumDatabase(gosumdb: string): { name: string; url: string } | undefined {
  const fields = gosumdb.trim().split(/\s+/)
  const first = fields[0] ?? ''
  if (first === '' || first === 'off') return undefined
  const name = first.split('+')[0] as string
  const url = (fields[1] ?? `https://${name}`).replace(/\/+$/, '')
  return /^https?:\/\//i.test(url) ? { name, url } : { name, url: `https://${url}` }
}
