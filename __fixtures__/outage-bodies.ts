// 404/410 bodies of mirrors whose own upstream failed: the relay's and go's classification are both tested on them.

/** A 404/410 body with each word that says the mirror's own upstream failed, as a mirror would send it. */
export const OUTAGE_BODIES: readonly (readonly [word: string, body: string])[] = [
  ['temporarily unavailable', 'Service Temporarily Unavailable'],
  ['timed out', 'not found: fetch timed out'],
  ['timeout', 'not found: example.com/m@v1.2.3: dial tcp 192.0.2.1:443: i/o timeout'],
  ['bad upstream', 'not found: bad upstream'],
  ['try again', 'Failed to fetch from the remote repository, please try again later.']
]
