export const id = 870;
export const ids = [870];
export const modules = {

/***/ 2547:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fi: () => (/* binding */ listEntries),
/* harmony export */   iQ: () => (/* binding */ UNUSED_AGE_MS),
/* harmony export */   jM: () => (/* binding */ writeTrimStamp),
/* harmony export */   lJ: () => (/* binding */ keptEntries),
/* harmony export */   n0: () => (/* binding */ holdsEntries),
/* harmony export */   oO: () => (/* binding */ usedSince),
/* harmony export */   wy: () => (/* binding */ markUnused)
/* harmony export */ });
/* unused harmony exports USED_SLACK_MS, actionOutput, readActionOutput */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _go_disk_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2605);
/**
 * The build cache on disk (cmd/go/internal/cache): `00`-`ff` folders of entries, an action entry `<id>-a`
 * naming its output `<id>-d` (a file, or for a cached executable a folder holding it), use marked by mtime.
 */



const SUBDIR = /^[0-9a-f]{2}$/;
const ENTRY = /^([0-9a-f]{64})-([ad])$/;
/** go marks an entry used only when its mtime is an hour old or more; restored entries are set further back. */
const UNUSED_AGE_MS = 2 * 60 * 60_000;
/** What tells a used or added entry from an untouched restored one, which is UNUSED_AGE_MS old at restore time. */
const USED_SLACK_MS = 60 * 60_000;
/**
 * The entries under `root` (a GOCACHE or a restored copy of one), in `00`-`ff` only. Anything else is left
 * out: a name that is not an entry's, an entry in the wrong folder, a link, a folder that is not one file.
 */
async function listEntries(root) {
    const subdirs = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(root).catch(() => [])).filter(name => SUBDIR.test(name));
    const found = [];
    await (0,_go_disk_js__WEBPACK_IMPORTED_MODULE_2__/* .eachLimited */ .ko)(subdirs, 8, async (sub) => {
        for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, sub)).catch(() => [])) {
            const match = ENTRY.exec(name);
            if (!match || !match[1].startsWith(sub))
                continue;
            const entry = await describe(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, sub, name));
            if (entry)
                found.push({ name: `${sub}/${name}`, id: match[1], kind: match[2], ...entry });
        }
    });
    return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
async function describe(file) {
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(file).catch(() => undefined);
    if (info?.isFile())
        return { executable: false, bytes: info.size, mtimeMs: info.mtimeMs };
    if (!info?.isDirectory() || !file.endsWith('-d'))
        return undefined;
    const inside = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(file, { withFileTypes: true }).catch(() => []);
    const only = inside[0];
    if (inside.length !== 1 || !only?.isFile())
        return undefined;
    const binary = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(file, only.name)).catch(() => undefined);
    return binary ? { executable: true, bytes: binary.size, mtimeMs: info.mtimeMs } : undefined;
}
/** Whether GOCACHE holds any entry at all; stops at the first. */
async function holdsEntries(gocache) {
    const subdirs = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(gocache).catch(() => [])).filter(name => SUBDIR.test(name));
    for (const sub of subdirs) {
        const names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(gocache, sub)).catch(() => []);
        if (names.some(name => ENTRY.test(name)))
            return true;
    }
    return false;
}
// `v1 <hex action id> <hex output id> <size, 20 wide> <unix nanoseconds, 20 wide>\n`
const ACTION_ENTRY_BYTES = 2 + 1 + 64 + 1 + 64 + 1 + 20 + 1 + 20 + 1;
const ACTION_ENTRY = /^v1 ([0-9a-f]{64}) ([0-9a-f]{64}) {1,20}\d{1,20} {1,20}\d{1,20}\n$/;
/** The output id an action entry names, or undefined when the text is not an action entry go would read. */
function actionOutput(text, actionId) {
    if (text.length !== ACTION_ENTRY_BYTES)
        return undefined;
    const match = ACTION_ENTRY.exec(text);
    return match && match[1] === actionId ? match[2] : undefined;
}
/** Reads the output id of the action entry `xx/<id>-a` under `root`. */
async function readActionOutput(root, entry) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, ...entry.name.split('/')), 'r').catch(() => undefined);
    if (!handle)
        return undefined;
    try {
        const buffer = Buffer.alloc(ACTION_ENTRY_BYTES + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return actionOutput(buffer.subarray(0, bytesRead).toString('latin1'), entry.id);
    }
    finally {
        await handle.close();
    }
}
/**
 * Sets the mtime of each entry (a cached executable's folder, not the file in it) to `at`, so that the next
 * use marks it; returns the names it could not set.
 */
async function markUnused(root, entries, at) {
    const failed = [];
    const when = new Date(at);
    await (0,_go_disk_js__WEBPACK_IMPORTED_MODULE_2__/* .eachLimited */ .ko)(entries, 16, async (entry) => {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.utimes)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, ...entry.name.split('/')), when, when).catch(() => failed.push(entry.name));
    });
    return failed;
}
/** Writes go's last-trim time (Unix seconds, as go writes it), so that no go of this job scans the cache to trim it. */
async function writeTrimStamp(gocache, now) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(gocache, 'trim.txt'), String(Math.floor(now / 1000)));
}
/** Whether an entry was used or written since the restore at `restoredAt`. */
function usedSince(entry, restoredAt) {
    return entry.mtimeMs >= restoredAt - USED_SLACK_MS;
}
/**
 * What a save keeps: entries used or added since the restore, an action entry only with the output it names,
 * an output only with an action entry that names it.
 */
async function keptEntries(root, entries, restoredAt) {
    const recent = entries.filter(e => usedSince(e, restoredAt));
    const outputs = new Set(recent.filter(e => e.kind === 'd').map(e => e.id));
    const named = new Set();
    const actions = [];
    await (0,_go_disk_js__WEBPACK_IMPORTED_MODULE_2__/* .eachLimited */ .ko)(recent.filter(e => e.kind === 'a'), 16, async (entry) => {
        const output = await readActionOutput(root, entry);
        if (output === undefined || !outputs.has(output))
            return;
        named.add(output);
        actions.push(entry);
    });
    const kept = new Set(actions.map(e => e.name));
    return recent.filter(e => kept.has(e.name) || (e.kind === 'd' && named.has(e.id)));
}


/***/ }),

/***/ 9870:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  restoreJobBuildCache: () => (/* binding */ restoreJobBuildCache)
});

// UNUSED EXPORTS: restoreBuildCache

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
// EXTERNAL MODULE: ./src/failures/errors.ts
var errors = __webpack_require__(8380);
// EXTERNAL MODULE: ./src/go/command.ts + 1 modules
var command = __webpack_require__(4785);
;// CONCATENATED MODULE: ./src/go/build-env.ts
/** What go env says about the builds of later steps: the Go they run, where they cache, what changes their outputs. */

/** Settings that change what a build writes into GOCACHE, as go env prints them. */
const OUTPUT_SETTINGS = [
    'GOOS',
    'GOARCH',
    'GOFLAGS',
    'CGO_ENABLED',
    'GOEXPERIMENT',
    'GO386',
    'GOAMD64',
    'GOARM',
    'GOARM64',
    'GOMIPS',
    'GOMIPS64',
    'GOPPC64',
    'GORISCV64',
    'GOWASM'
];
const SWITCH = /^go: downloading (go\S+) \(/m;
/**
 * Reads go env in `dir` as later steps' go sees it, toolchain switch included, without any download: with
 * GOPROXY=off a go that must switch to a toolchain it does not have names it and stops, and the settings
 * then come from the local go (GOTOOLCHAIN=local). Throws when go env fails otherwise.
 */
async function readBuildEnv(run, goBin, dir, env) {
    const args = ['env', '-json', 'GOVERSION', 'GOCACHE', 'GOCACHEPROG', ...OUTPUT_SETTINGS];
    const offline = { ...env, GOPROXY: 'off' };
    let result = await run(goBin, args, { cwd: dir, env: offline, timeoutMs: 60_000 });
    let switchedTo;
    if (result.code !== 0) {
        switchedTo = SWITCH.exec(result.stderr)?.[1];
        if (switchedTo === undefined) {
            throw new Error(`go env failed in ${dir}: ${(0,command/* firstLine */.TM)(result.stderr) || `exit ${result.code}`}`);
        }
        result = await run(goBin, args, {
            cwd: dir,
            env: { ...offline, GOTOOLCHAIN: 'local' },
            timeoutMs: 60_000
        });
        if (result.code !== 0) {
            throw new Error(`go env failed in ${dir}: ${(0,command/* firstLine */.TM)(result.stderr) || `exit ${result.code}`}`);
        }
    }
    const values = JSON.parse(result.stdout);
    return {
        goVersion: switchedTo ?? values.GOVERSION ?? '',
        gocache: values.GOCACHE ?? '',
        gocacheprog: values.GOCACHEPROG ?? '',
        settings: Object.fromEntries(OUTPUT_SETTINGS.map(name => [name, values[name] ?? '']))
    };
}

// EXTERNAL MODULE: ./src/go/modcache.ts
var modcache = __webpack_require__(4310);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/runner/cache-service.ts + 344 modules
var cache_service = __webpack_require__(6788);
// EXTERNAL MODULE: ./src/cache/build-entries.ts
var build_entries = __webpack_require__(2547);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/go/platform.ts
/** go's GOOS for Node's platform: the same names, but for Windows. */
function goOs(platform) {
    return platform === 'win32' ? 'windows' : platform;
}
const GOARCH = { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64' };
/**
 * go's GOARCH for Node's architecture, as `go env GOARCH` prints it on that machine. Node's one `ppc64`
 * is big-endian only on AIX; elsewhere it is go's ppc64le. Other names (s390x, riscv64, loong64) agree.
 */
function goArch(arch, platform) {
    if (arch === 'ppc64')
        return platform === 'aix' ? 'ppc64' : 'ppc64le';
    return GOARCH[arch] ?? arch;
}

;// CONCATENATED MODULE: ./src/cache/build-key.ts
/**
 * The build cache's key: what makes entries worth restoring (platform, Go, output settings, the variant, go.sum),
 * then the run, so that every run that saves writes a key of its own and the newest entry is found by prefix.
 */


// Go versions such as `devel go1.27-abc Tue Jan 2` hold spaces; keys may hold no commas.
function keyPart(text) {
    return text.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 64) || 'unknown';
}
/** `go-build-<os>-<arch>-<go>-<settings>-<go.sum>-<run id>-<attempt>`, with 16-hex-digit digests. */
function buildCacheKey(parts) {
    const settings = (0,external_node_crypto_.createHash)('sha256');
    for (const [name, value] of Object.entries(parts.env.settings).sort(([a], [b]) => a.localeCompare(b))) {
        settings.update(`${name}=${value}\n`);
    }
    settings.update(`variant=${parts.variant}\n`);
    const platform = parts.platform ?? process.platform;
    const base = [
        'go-build',
        goOs(platform),
        goArch(parts.arch ?? process.arch, platform),
        keyPart(parts.env.goVersion),
        settings.digest('hex').slice(0, 16)
    ].join('-');
    const withSums = `${base}-${parts.goSumDigest.slice(0, 16)}`;
    return {
        key: `${withSums}-${keyPart(parts.runId)}-${keyPart(parts.runAttempt)}`,
        restoreKeys: [`${withSums}-`, `${base}-`]
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/cache/build-policy.ts
/**
 * Which runs may restore and save the build cache. Nothing checks a build cache entry the way go.sum checks a
 * module zip, so an entry is only as trustworthy as the run that saved it: by default only runs on the default
 * branch save, other runs restore what those saved, and tag and release builds start from nothing.
 */

/** The events whose runs on the default branch save by default: none of them can be started from a fork. */
const SAVING_EVENTS = new Set(['push', 'schedule', 'workflow_dispatch']);
/** The repository's default branch from the event payload, or undefined when it cannot be read. */
function defaultBranch(eventPath) {
    if (!eventPath)
        return undefined;
    try {
        const payload = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
        const branch = payload.repository?.default_branch;
        return typeof branch === 'string' && branch !== '' ? branch : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * What this run may do with the build cache, from the input, the event (GITHUB_EVENT_NAME, GITHUB_REF, the
 * payload's default branch) and the cache access GitHub gives the job (ACTIONS_CACHE_MODE). `off` is decided
 * before this is asked.
 */
function buildCachePolicy(mode, env, branchOf = defaultBranch) {
    const cacheMode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    if (cacheMode === 'none') {
        const why = 'this job has no access to the GitHub cache (cache-mode: none)';
        return { noRestore: why, noSave: why };
    }
    const policy = {};
    if (cacheMode === 'write-only')
        policy.noRestore = 'this job may only write to the cache (cache-mode: write-only)';
    const event = env.GITHUB_EVENT_NAME ?? '';
    const ref = env.GITHUB_REF ?? '';
    if (mode === 'on' && (event === 'release' || ref.startsWith('refs/tags/'))) {
        const why = 'tag and release runs build from scratch unless build-cache is always';
        return { noRestore: why, noSave: why };
    }
    if (cacheMode === 'read') {
        return {
            ...policy,
            noSave: 'GitHub gives this run a read-only cache (cache-mode: read)',
            noSaveNotice: true
        };
    }
    if (mode === 'always')
        return policy;
    const branch = branchOf(env.GITHUB_EVENT_PATH);
    const onDefault = branch !== undefined && ref === `refs/heads/${branch}`;
    if (!SAVING_EVENTS.has(event) || !onDefault) {
        const why = event === ''
            ? 'this is not a GitHub Actions run'
            : branch === undefined
                ? 'the event does not name it'
                : `this is a ${event} run on ${ref || 'no ref'}`;
        return {
            ...policy,
            noSave: `only push, schedule and workflow_dispatch runs on ${branch ?? 'the default branch'} save it (build-cache: always lets every run save), and ${why}`
        };
    }
    return policy;
}

// EXTERNAL MODULE: ./src/go/workspace.ts
var go_workspace = __webpack_require__(4711);
;// CONCATENATED MODULE: ./src/cache/key.ts
/** The cache key: the runner's platform and a hash of the go.sum files. */






/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
function cacheKeyPrefix(platform = process.platform, arch = process.arch) {
    return `go-mod-${goOs(platform)}-${goArch(arch, platform)}-`;
}
function absolute(pattern, workspace) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const resolved = external_node_path_default().isAbsolute(body) || body.startsWith('~') ? body : external_node_path_default().resolve(workspace, body);
    return (negated ? '!' : '') + resolved;
}
/**
 * `go-mod-<os>-<arch>-<sha256 over the files' contents, in path order>`: the files are the go.sum files
 * verification goes by, or those `cache-dependency-path` names when it is set. Not glob's hashFiles: it
 * skips files outside GITHUB_WORKSPACE and hashes in glob order, and every existing key would change.
 */
async function cacheKey(opts) {
    const service = opts.service ?? cache_service/* actionsCacheService */.ZY;
    const workspace = opts.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd();
    const given = opts.dependencyPath
        .split(/\r?\n/)
        .map(p => p.trim())
        .filter(p => p !== '' && !p.startsWith('#'));
    const goSumFiles = await (0,go_workspace/* findGoSumFiles */.Me)(opts.workingDirectories.map(dir => external_node_path_default().resolve(workspace, dir)));
    const hashed = given.length > 0 ? await service.glob(given.map(p => absolute(p, workspace))) : goSumFiles;
    const outer = (0,external_node_crypto_.createHash)('sha256');
    for (const file of hashed) {
        const inner = (0,external_node_crypto_.createHash)('sha256').update(await (0,promises_.readFile)(file));
        outer.update(inner.digest());
    }
    return { key: cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex'), goSumFiles };
}

// EXTERNAL MODULE: ./src/cache/patience.ts
var cache_patience = __webpack_require__(2599);
// EXTERNAL MODULE: ./src/cache/snapshot.ts
var snapshot = __webpack_require__(876);
;// CONCATENATED MODULE: ./src/cache/build-restore.ts
/**
 * The main step's half of the build cache: restore into a scratch folder inside GOCACHE, move the entries
 * into place, and mark every one unused, so that the mtimes at the end of the job say which ones it used.
 */















/**
 * Restores the newest build cache entry the key's prefixes find into an empty GOCACHE and marks every entry
 * unused; leaves a GOCACHE that is off, replaced by GOCACHEPROG or already filled exactly as it is. Never throws.
 */
async function restoreBuildCache(opts) {
    const service = opts.service ?? cache_service/* buildCacheService */.gu;
    const log = opts.log ?? service.log;
    const patience = { ...cache_patience/* DEFAULT_PATIENCE */.Q, ...opts.patience };
    const state = {
        key: opts.key,
        matchedKey: '',
        gocache: opts.gocache,
        restoredAt: Date.now(),
        restoredEntries: 0,
        restoredBytes: 0,
        ...(opts.policy.noSave !== undefined ? { saveBlocked: opts.policy.noSave } : {}),
        ...(opts.policy.noSaveNotice ? { saveBlockedNotice: true } : {})
    };
    const skip = (skipped) => {
        log.info(`Build cache not used: ${skipped}.`);
        return { ...state, skipped };
    };
    const leave = (line, level = 'info', extra = {}) => {
        log[level](line);
        return { ...state, restoredAt: Date.now(), ...extra };
    };
    if (opts.gocache === 'off')
        return skip('GOCACHE is off');
    if (opts.gocache === '')
        return skip('go env names no GOCACHE');
    if (opts.gocacheprog !== '')
        return skip('GOCACHEPROG is set, so go keeps its build cache elsewhere');
    try {
        if (await (0,build_entries/* holdsEntries */.n0)(opts.gocache)) {
            return skip(`${opts.gocache} already holds entries, which are left as they are, neither restored over nor saved`);
        }
        await (0,promises_.mkdir)(opts.gocache, { recursive: true });
    }
    catch (error) {
        return skip(`${opts.gocache} cannot be used: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    const { noRestore, noSave } = opts.policy;
    if (noRestore !== undefined && noSave !== undefined)
        return skip(noRestore);
    if (noRestore !== undefined)
        return leave(`Build cache not restored: ${noRestore}.`);
    if (opts.unavailable !== undefined) {
        return leave(`Build cache not restored: the cache service could not be used for the module cache (${opts.unavailable}).`, 'info', { unavailable: opts.unavailable });
    }
    if (!service.available()) {
        return leave('Build cache not restored: the GitHub cache service is not configured on this runner.', 'info', {
            unavailable: 'the GitHub cache service is not configured on this runner'
        });
    }
    const started = Date.now();
    let scratch;
    try {
        scratch = await (0,snapshot/* scratchDirIn */.jC)(opts.gocache, 'restore');
        const dir = scratch;
        const watched = await (0,cache_patience/* watch */.w)(progress => service.restore(dir, opts.key, opts.restoreKeys, progress), patience);
        const restoreMs = Date.now() - started;
        if ('abandoned' in watched) {
            return leave(`Gave up on the build cache restore: ${watched.abandoned}; later steps build without it.`, 'warning', watched.stage === 'service' ? { unavailable: watched.abandoned } : {});
        }
        const { key: matchedKey, failure } = watched.value;
        if (matchedKey === undefined) {
            if (failure) {
                return leave(`Could not restore the build cache: ${failure}; later steps build without it.`, 'warning', 
                // Trouble before the service answered means it cannot be used; the post step does not try it again.
                watched.stage === 'service' ? { unavailable: failure } : {});
            }
            return leave(`No build cache entry for ${opts.restoreKeys.join(' or ')}.`);
        }
        const restored = await moveEntries(external_node_path_default().join(scratch, service.entry), opts.gocache);
        const restoredAt = Date.now();
        const failed = new Set(await (0,build_entries/* markUnused */.wy)(opts.gocache, restored, restoredAt - build_entries/* UNUSED_AGE_MS */.iQ));
        // An entry whose mtime could not be set would look used: it was this step's own, so it goes.
        for (const name of failed)
            await (0,promises_.rm)(external_node_path_default().join(opts.gocache, ...name.split('/')), { recursive: true, force: true });
        const entries = restored.filter(e => !failed.has(e.name));
        await (0,build_entries/* writeTrimStamp */.jM)(opts.gocache, restoredAt);
        const manifest = await writeManifest(opts.manifestDir, entries);
        const bytes = entries.reduce((n, e) => n + e.bytes, 0);
        const executables = entries.filter(e => e.executable).length;
        log.info(`Build cache restored from ${matchedKey}: ${entries.length} entries (${(0,format/* formatBytes */.z3)(bytes)}` +
            `${executables > 0 ? `, ${executables} cached executables` : ''}) in ${(0,duration/* formatDuration */.a)(restoreMs)}.`);
        return {
            ...state,
            matchedKey,
            restoredAt,
            restoredEntries: entries.length,
            restoredBytes: bytes,
            restoreMs,
            manifest
        };
    }
    catch (error) {
        return leave(`Could not restore the build cache: ${(0,errors/* errorMessage */.g)(error)}; later steps build without it.`, 'warning');
    }
    finally {
        if (scratch !== undefined)
            (0,modcache/* removeTree */.dM)(scratch);
    }
}
/**
 * Moves the entries of a restored tree into GOCACHE: a whole `xx` folder by one rename when GOCACHE has none
 * and it holds entries only, else entry by entry. Returns what was moved, as it is in GOCACHE now.
 */
async function moveEntries(restored, gocache) {
    const entries = await (0,build_entries/* listEntries */.fi)(restored);
    const bySubdir = new Map();
    for (const entry of entries) {
        const sub = entry.name.slice(0, 2);
        bySubdir.set(sub, [...(bySubdir.get(sub) ?? []), entry]);
    }
    const moved = [];
    for (const [sub, group] of bySubdir) {
        const from = external_node_path_default().join(restored, sub);
        const to = external_node_path_default().join(gocache, sub);
        const names = await (0,promises_.readdir)(from);
        if (names.length === group.length) {
            const whole = await (0,promises_.rename)(from, to).then(() => true, () => false);
            if (whole) {
                moved.push(...group);
                continue;
            }
        }
        await (0,promises_.mkdir)(to, { recursive: true });
        for (const entry of group) {
            const name = entry.name.slice(3);
            // Never over an entry GOCACHE has: a rename would replace a file without a word.
            if (await (0,snapshot/* exists */.t2)(external_node_path_default().join(to, name)))
                continue;
            const ok = await (0,promises_.rename)(external_node_path_default().join(from, name), external_node_path_default().join(to, name)).then(() => true, () => false);
            if (ok)
                moved.push(entry);
        }
    }
    return moved;
}
/** Lists the restored entries, one `xx/<id>-<kind>` a line, in a file of this run's own. */
async function writeManifest(dir, entries) {
    if (entries.length === 0)
        return undefined;
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = external_node_path_default().join(await (0,promises_.mkdtemp)(external_node_path_default().join(dir, 'go-mod-download-build-')), 'restored.txt');
    await (0,promises_.writeFile)(file, entries.map(e => e.name).join('\n') + '\n');
    return file;
}
/**
 * The main step's whole part in the build cache: the trust policy, go env, the key, then, once the module
 * cache's restore has ended (the library does one at a time), the restore. Throws only when go env fails.
 */
async function restoreJobBuildCache(opts) {
    const { env } = opts;
    const policy = buildCachePolicy(opts.mode, env);
    const buildEnv = await readBuildEnv(opts.run, opts.goBin, opts.workdirs[0] ?? opts.workspace, env);
    const moduleKey = await cacheKey({
        dependencyPath: opts.cacheDependencyPath.join('\n'),
        workingDirectories: opts.workdirs,
        workspace: opts.workspace,
        ...(opts.service ? { service: opts.service } : {})
    });
    const { key, restoreKeys } = buildCacheKey({
        env: buildEnv,
        variant: opts.variant || env.GITHUB_JOB || '',
        goSumDigest: moduleKey.key.slice(moduleKey.key.lastIndexOf('-') + 1),
        runId: env.GITHUB_RUN_ID ?? 'local',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1'
    });
    const moduleReport = await opts.moduleRestore;
    return restoreBuildCache({
        key,
        restoreKeys,
        gocache: buildEnv.gocache,
        gocacheprog: buildEnv.gocacheprog,
        policy,
        manifestDir: env.RUNNER_TEMP || external_node_os_default().tmpdir(),
        unavailable: moduleReport?.unavailable,
        patience: opts.patience,
        service: opts.service,
        log: opts.log
    });
}


/***/ })

};
