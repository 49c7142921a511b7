import { formatDuration } from '../config/duration.js'
import type { DownloadReport, ModuleFailure } from '../download/types.js'
import type { FailureClass, Misconfiguration } from '../failures/classes.js'

/** What a failure class tells a Go maintainer. Plain text; `backticks` mark code. */
export interface ClassAdvice {
  /** What the class usually means, in one line. */
  meaning: string
  /** The remedy that fits the class. */
  fix: string
  /** A popular remedy that is a bad trade for this class, and why. */
  avoid?: string
}

const reachableMirrorFirst =
  'Put a mirror the runner can reach first in `proxies` (a company Athens or Artifactory, `https://goproxy.cn`, `https://goproxy.io`) and keep `https://proxy.golang.org` behind it; on self-hosted runners check `HTTPS_PROXY` and `NO_PROXY`.'

const directAlone =
  '`GOPROXY=direct` on its own: slower, it hits every VCS host from the same network, and it loses the mirror cache.'

const transientFix =
  'Nothing to change in your code: retries and a second mirror in `proxies` absorb it. If it keeps happening, the mirror is unhealthy; put another one first.'

const cleanModcache =
  '`go clean -modcache`: it throws away everything that did download, and the next run fetches it all again from the same mirror.'

export const ADVICE: Record<FailureClass, ClassAdvice> = {
  'not-found': {
    meaning:
      'The mirror answered 404 or 410: this version was never published, was retracted or removed, or its tag was moved.',
    fix: 'Check what exists with `go list -m -versions <module>`, then require a published version or `replace` the module with a fork. A tag pushed minutes ago may not have reached the mirror yet.',
    avoid: '`GOSUMDB=off`: a missing version stays missing, and every other module loses its checksum check.'
  },
  forbidden: {
    meaning:
      'The mirror answered 403 or 401: a gatekeeping proxy does not allow this module, or it wants credentials.',
    fix: 'Get the module onto the proxy allow list, or give go credentials for it (`.netrc` or `GOAUTH`); list private paths in `private-modules` so go fetches them direct.',
    avoid:
      'Falling back to a public mirror for a private path: the path leaks to a third party and the module is not there anyway.'
  },
  'rate-limited': {
    meaning: 'The mirror answered 429: too many requests from this runner or its shared address.',
    fix: 'Put a company mirror first, keep the module cache on, and have fewer parallel jobs hit one mirror at once.',
    avoid: 'Retrying in a tight loop: it keeps the limit in force for longer.'
  },
  'server-error': {
    meaning: 'The mirror answered 5xx (or 408): trouble on its side, usually short-lived.',
    fix: transientFix,
    avoid: cleanModcache
  },
  connection: {
    meaning: 'The runner could not connect to the mirror (refused, network unreachable, no route to host).',
    fix: reachableMirrorFirst,
    avoid: directAlone
  },
  dns: {
    meaning:
      'The mirror host name did not resolve: a typo in the URL (`no such host`) or a failing resolver (`server misbehaving`).',
    fix: `Check the spelling of the mirror URL. ${reachableMirrorFirst}`,
    avoid: directAlone
  },
  timeout: {
    meaning:
      'Connecting to the mirror or its TLS handshake timed out: the network drops or filters the traffic.',
    fix: reachableMirrorFirst,
    avoid: directAlone
  },
  stalled: {
    meaning:
      'The mirror took the request and then went silent. go has no response timeout, so the watchdog stopped it and moved the mirror to the back.',
    fix: reachableMirrorFirst,
    avoid: directAlone
  },
  reset: {
    meaning: 'The connection dropped mid-request (EOF, reset by peer, HTTP/2 GOAWAY or stream error).',
    fix: transientFix,
    avoid: cleanModcache
  },
  truncated: {
    meaning: 'A download ended early or arrived damaged (`unexpected EOF`, `zip: not a valid zip file`).',
    fix: transientFix,
    avoid: cleanModcache
  },
  tls: {
    meaning:
      'The mirror certificate was refused (unknown authority, expired, wrong host), often because a TLS-inspecting proxy sits on the network.',
    fix: 'Install the network CA certificate on the runner (or point `SSL_CERT_FILE` at it), or use a mirror with a valid certificate.',
    avoid: '`GOINSECURE` or `GOFLAGS=-insecure`: they give up transport security for module downloads.'
  },
  'bad-response': {
    meaning:
      'The mirror answered with something go cannot use: an HTML page, the info of another version, a zip with unexpected files.',
    fix: 'Check that the mirror URL is the GOPROXY root (not a web page or a login portal), or drop that mirror from `proxies`.'
  },
  'checksum-mismatch': {
    meaning:
      'The bits served do not hash to what go.sum records: a mirror or the local cache holds a different copy, or the tag moved after go.sum was written.',
    fix: 'Keep `on-checksum-mismatch: fallback` so another mirror is asked (go.sum still verifies what it serves) and report the mirror that served the bad copy. If go.sum is the wrong side (a moved tag), update it deliberately in a reviewed commit.',
    avoid:
      'Deleting go.sum, `GOSUMDB=off`, `GOFLAGS=-insecure` or `GONOSUMCHECK` (not even a Go variable): each lets unverified code in.'
  },
  sumdb: {
    meaning: 'go could not confirm a hash with the checksum database (sum.golang.org).',
    fix: 'A 404 or 410 on the lookup of one of your own modules means its path is private: add it to `private-modules` (GOPRIVATE). A 5xx or network error is transient and a retry absorbs it.',
    avoid: '`GOSUMDB=off` or `GONOSUMDB=*`: they switch off verification for every public module as well.'
  },
  auth: {
    meaning: 'git, fetching a module direct, needs credentials it does not have for a private repository.',
    fix: 'Pass a token with read access to that repository in `token` (scoped to its host) and list the path in `private-modules` so go fetches it direct.',
    avoid:
      'A token pasted into `GOPROXY` or into a git URL in the workflow file: it ends up in logs and caches.'
  },
  'invalid-version': {
    meaning:
      'The code asks for something that does not exist: an unknown revision, a malformed path, or a module that declares another path.',
    fix: 'Fix go.mod: require an existing version, correct the path or add a `replace`. `go mod tidy` locally shows the same error.',
    avoid: 'Retrying or switching mirrors: every mirror gives the same answer.'
  },
  toolchain: {
    meaning:
      'go.mod asks for a newer Go than the one installed, and that toolchain could not be fetched or used.',
    fix: 'Install the Go that go.mod asks for (`go-version` or actions/setup-go), or set `GOTOOLCHAIN` explicitly.',
    avoid: '`GOTOOLCHAIN=auto` with `GOPROXY=off`: go decides it needs a toolchain and then may not fetch it.'
  },
  local: {
    meaning:
      'The runner itself refused (no space left on device, permission denied, a read-only file system), or a setting of the job leaves go no way to work.',
    fix: 'Free disk space or point `GOMODCACHE` at a writable volume with room; on self-hosted runners check who owns the module cache.'
  },
  unknown: {
    meaning: 'go failed in a way the action does not recognise.',
    fix: 'Read the go message in the modules table; the attempt timeline and the JSON report hold every request. Please report the message so it can be classified.'
  }
}

/** The fix for each setting go cannot work with, naming the setting. */
export const MISCONFIGURATION_FIXES: Record<Misconfiguration, string> = {
  'goproxy-off':
    "`off` in `proxies` (or in the job's `GOPROXY` when `proxies` is empty) lets go fetch nothing, and the module cache lacks the module: put a mirror before `off`, or restore a module cache that holds every module (`cache`).",
  'insecure-credentials':
    'go sends credentials only over https: give the mirror in `proxies` that carries them an `https://` URL, or take the credentials out of it.',
  'modcache-unusable':
    'go cannot create its module cache where `GOMODCACHE` (or `GOPATH`) points: point `GOMODCACHE` at a directory the runner can write.',
  'modcache-relative': '`GOMODCACHE` must be an absolute path: set it to one.',
  'modcache-unset':
    'Neither `GOMODCACHE` nor `GOPATH` is set, and there is no `HOME` to derive `GOPATH` from: set `GOMODCACHE` to an absolute path.',
  'gopath-relative': '`GOPATH` must be an absolute path: set it to one, or set `GOMODCACHE`.',
  'toolchain-local':
    'The `go` line of go.mod asks for a newer Go than the one installed, and `GOTOOLCHAIN=local` forbids switching: install that Go (`go-version`, or actions/setup-go with `go-version-file: go.mod`), or let go switch with `GOTOOLCHAIN=auto`.'
}

/**
 * The advice for a class and the failures of it: for failures that name a setting, the fix for that
 * setting (with the general one too when some name none).
 */
export function adviceFor(
  cls: FailureClass,
  failures: readonly { class: FailureClass; misconfigured?: Misconfiguration }[]
): ClassAdvice {
  const advice = ADVICE[cls]
  const own = failures.filter(f => f.class === cls)
  const named = [...new Set(own.flatMap(f => (f.misconfigured ? [f.misconfigured] : [])))]
  if (named.length === 0) return advice
  const fixes = named.map(m => MISCONFIGURATION_FIXES[m]).join(' ')
  return { ...advice, fix: own.every(f => f.misconfigured) ? fixes : `${fixes} ${advice.fix}` }
}

/** What to say when the step's own time budget ran out: it is the user's setting, not the network. */
export function budgetAdvice(timeoutMs: number): ClassAdvice {
  const budget = formatDuration(timeoutMs)
  return {
    meaning: `The step's time budget (\`timeout\`, ${budget}) ran out before the download finished, and go was stopped: that says nothing about the network or the mirrors.`,
    fix: `Raise \`timeout\` (now ${budget}) to what a download into an empty module cache takes, and keep \`cache\` on so that later runs fetch less.`
  }
}

/** Whether a failure is only the budget running out: what an attempt stopped at the deadline was still fetching. */
export function stoppedByBudget(download: DownloadReport): (failure: ModuleFailure) => boolean {
  const key = (f: ModuleFailure): string => `${f.workdir}\n${f.module}@${f.version}`
  const stopped = new Set(
    download.attempts.filter(a => a.stopped === 'timeout').flatMap(a => a.failures.map(key))
  )
  return failure => failure.class === 'timeout' && stopped.has(key(failure))
}

// Code hosts where the first path element is an owner, so the owner, not the host, is what is private.
const SHARED_CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'gitee.com'])

/** The GOPRIVATE prefix that covers a module: the owner on a shared code host, else the host. */
export function privatePrefix(module: string): string {
  const [host = '', owner] = module.split('/')
  return SHARED_CODE_HOSTS.has(host) && owner ? `${host}/${owner}` : host
}

/**
 * The prefixes to add to `private-modules` for the sumdb failures that are a 404 or 410 from the
 * checksum database lookup: it has never seen the module, which for a module of your own means it is private.
 */
export function privateModuleHints(
  failures: readonly { class: FailureClass; module: string; message: string }[]
): string[] {
  const prefixes = failures
    .filter(f => f.class === 'sumdb' && f.module !== '' && /\/lookup\/\S+: (?:404|410)\b/.test(f.message))
    .map(f => privatePrefix(f.module))
  return [...new Set(prefixes)]
}

/** The hint for those prefixes, in advice text. */
export function privateModuleHint(prefixes: readonly string[]): string | undefined {
  if (prefixes.length === 0) return undefined
  const one = prefixes.length === 1
  const names = prefixes.map(p => `\`${p}\``).join(', ')
  return `Add ${names} to \`private-modules\` if ${one ? 'it is' : 'they are'} private: the checksum database has never seen ${one ? 'that module' : 'those modules'}.`
}
