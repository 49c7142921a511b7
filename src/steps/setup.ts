import path from 'node:path'
import { splitGoproxy, type Inputs } from '../config/inputs.js'
import { retryPolicy, type RetryPolicy } from '../config/policy.js'
import { errorMessage } from '../failures/errors.js'
import { goCommand, readGoEnv, type GoCommand, type GoEnv } from '../go/command.js'
import { distinctMirrors } from '../go/proxy-path.js'
import { lacksGoSum, snapshotUserFiles, type UserFiles } from '../go/user-files.js'
import { newRelaySecret } from '../relay/relay.js'
import { execCommand } from '../runner/exec.js'
import { findExecutable } from '../runner/io.js'
import type { Runner } from '../runner/port.js'
import { actionsToolCache } from '../runner/tool-cache.js'
import { downloadEnv, environmentWarnings, withGoConfig } from '../security/environment.js'
import { tokenForms } from '../security/git-auth.js'
import { urlSecrets } from '../security/redact.js'
import { installGo, ToolchainError } from '../toolchain/install.js'
import { findJobRelay, withoutJobRelay, type JobRelayAddress } from './job-relay.js'

const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct'

/** A problem with the job's setup (no go, an unreadable go env) that the user has to fix. */
export class SetupError extends Error {}

/** A working directory: `label` as the user wrote it, `dir` absolute. */
export interface Workdir {
  label: string
  dir: string
}

/** The job as the set-up found it: what every later phase of the main step works with. */
export interface SetUp {
  inputs: Inputs
  /** The inputs' retry policy, for go's attempts and the relays alike. */
  policy: RetryPolicy
  /** Clock time at which the step's budget runs out. */
  deadline: number
  /** The repository root: working directories are relative to it, annotations point into it. */
  workspace: string
  workdirs: Workdir[]
  goBin: string
  go: GoCommand
  goEnv: GoEnv
  modCache: string
  /** GOPROXY entries in the user's order, credentials included (masked); the job's relay is not among them. */
  mirrors: string[]
  /** The relay an earlier use of the action left running for the job, when there is one. */
  earlierRelay?: JobRelayAddress
  /** The path prefix of this step's relay, masked. */
  relaySecret: string
  /** The job's environment, with go's configuration file's privacy settings made explicit: what the job relay and later steps are given. */
  processEnv: NodeJS.ProcessEnv
  /** go's environment for the download: private paths merged in, the token for git when there is one. */
  env: NodeJS.ProcessEnv
  /** What the step warns about, in the log already; the later phases add theirs. */
  warnings: string[]
  /** go.mod, go.sum and the rest as found: the download must leave them so. */
  userFiles: UserFiles[]
  /** The working directories that require modules and have no go.sum. */
  withoutGoSum: Workdir[]
}

/**
 * Masks, before the step writes any line, what the inputs hold that must never be shown (the token's
 * forms, credentials in the proxies input) and the path prefix of this step's relay, which go prints in
 * its trace and its errors. Returns the relay's secret.
 */
export function maskSecrets(runner: Runner, inputs: Inputs): string {
  for (const form of tokenForms(inputs.token)) runner.setSecret(form)
  maskCredentials(runner, inputs.proxies)
  const relaySecret = newRelaySecret()
  runner.setSecret(relaySecret)
  return relaySecret
}

/**
 * The set-up: go found (or installed, with go-version), go env read, the mirrors listed and their
 * credentials masked, the relay an earlier use left for the job found, and go's environment for the download.
 */
export async function setUp(
  runner: Runner,
  inputs: Inputs,
  opts: { processEnv: NodeJS.ProcessEnv; workspace: string; deadline: number; relaySecret: string }
): Promise<SetUp> {
  const { processEnv, workspace, relaySecret } = opts
  const policy = retryPolicy(inputs)

  const goBin =
    (await findExecutable('go')) ??
    (inputs.goVersion ? await installGoVersion(runner, inputs.goVersion, policy) : undefined)
  if (!goBin) {
    throw new SetupError(
      'go was not found on PATH: add an actions/setup-go step before this one, or set the go-version input'
    )
  }
  const workdirs = inputs.workingDirectories.map(label => ({ label, dir: path.resolve(workspace, label) }))
  const firstDir = (workdirs[0] as Workdir).dir
  const go = goCommand(goBin, execCommand)
  let goEnv: GoEnv
  try {
    goEnv = await readGoEnv(go, firstDir, processEnv)
  } catch (error) {
    throw new SetupError(errorMessage(error))
  }

  // One relay per job: one an earlier use of the action left running is this use's way to the mirrors.
  const earlierRelay = findJobRelay(runner, processEnv)
  const mirrors = withoutJobRelay(
    distinctMirrors(
      inputs.proxies.length > 0
        ? inputs.proxies
        : splitGoproxy(processEnv.GOPROXY || goEnv.GOPROXY || DEFAULT_GOPROXY)
    ),
    earlierRelay
  )
  maskCredentials(runner, mirrors)
  const configured = withGoConfig(processEnv, goEnv)
  const { env, warnings: tokenWarnings } = downloadEnv(configured, inputs.privateModules, inputs.token)
  const warnings = [...environmentWarnings(configured), ...tokenWarnings]
  for (const warning of warnings) runner.warning(warning)
  const modCache = goEnv.GOMODCACHE || path.join(goEnv.GOPATH?.split(path.delimiter)[0] ?? '', 'pkg', 'mod')
  return {
    inputs,
    policy,
    deadline: opts.deadline,
    workspace,
    workdirs,
    goBin,
    go,
    goEnv,
    modCache,
    mirrors,
    earlierRelay,
    relaySecret,
    processEnv: configured,
    env,
    warnings,
    userFiles: workdirs.map(w => snapshotUserFiles(w.dir)),
    withoutGoSum: workdirs.filter(w => lacksGoSum(w.dir))
  }
}

/** Go from the tool cache or the download site, under the same retry policy as the modules; its bin goes on PATH. */
async function installGoVersion(runner: Runner, goVersion: string, policy: RetryPolicy): Promise<string> {
  const go = await installGo({
    versionSpec: goVersion,
    maxAttempts: policy.maxAttempts,
    backoff: policy.backoff,
    stallTimeoutMs: policy.stallTimeoutMs,
    toolCache: actionsToolCache,
    log: line => runner.info(line)
  }).catch((error: unknown) => {
    throw error instanceof ToolchainError ? new SetupError(error.message) : error
  })
  runner.addPath(go.binDir)
  runner.info(`Using ${go.version} from ${go.source === 'download' ? go.url : 'the tool cache'}: ${go.goBin}`)
  return go.goBin
}

/** Credentials in mirror URLs: masked before anything that could show them is logged. */
function maskCredentials(runner: Runner, mirrors: readonly string[]): void {
  for (const form of mirrors.flatMap(urlSecrets)) runner.setSecret(form)
}
