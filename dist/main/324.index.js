export const id = 324;
export const ids = [324];
export const modules = {

/***/ 8324:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cacheKey: () => (/* binding */ cacheKey),
  goSumFiles: () => (/* binding */ goSumFiles),
  restoreModuleCache: () => (/* binding */ restoreModuleCache)
});

// UNUSED EXPORTS: DEFAULT_RESTORE_BUDGET_MS, DEFAULT_SAVE_BUDGET_MS, cacheKeyPrefix, dependencyPatterns, pruneDownloadCache, saveModuleCache, snapshotDir, verifyDownloadCache

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 322 modules
var cache = __webpack_require__(9312);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@actions/glob/lib/glob.js + 17 modules
var glob = __webpack_require__(2377);
;// CONCATENATED MODULE: ./src/runner/cache-service.ts



/** The GitHub cache service and the file globbing the cache code needs, as @actions/cache and glob give them. */
const cache_service_cacheService = {
    isFeatureAvailable: () => cache/* isFeatureAvailable */.w3(),
    /** The key of the entry restored into `paths`, or undefined on a miss. */
    restoreCache: (paths, key, restoreKeys, options) => cache/* restoreCache */.P3(paths, key, restoreKeys, options),
    /** The id of the entry saved, or -1 when the library could not save it (it logs why). */
    saveCache: (paths, key) => cache/* saveCache */.Io(paths, key),
    /** Files matching glob patterns, one per line (`!` excludes), directories left out. */
    glob: async (patterns) => (await glob/* create */.v(patterns, { matchDirectories: false })).glob(),
    /** sha256 over the files' sha256 digests; files outside GITHUB_WORKSPACE are skipped. */
    hashFiles: (patterns) => glob/* hashFiles */.y(patterns)
};
/** The cache code's messages, as workflow commands. */
const cache_service_actionsLog = {
    info: message => core/* info */.pq(message),
    warning: message => core/* warning */.$e(message),
    notice: message => core/* notice */.lm(message)
};

;// CONCATENATED MODULE: ./src/runner/cache-output.ts
// The library's own annotations for best-effort failures; this action reports them once, as it decides.
const LIBRARY_ANNOTATIONS = [
    'Failed to restore:',
    'Failed to save:',
    'Cache reservation failed:',
    'uploadCacheArchiveSDK:',
    "You've hit a rate limit",
    'Unable to finalize cache'
];
const active = new Set();
let originalWrite;
function decodeCommandMessage(text) {
    return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function parseLine(line) {
    const match = /^::([a-z-]+)(?: [^:]*)?::(.*)$/s.exec(line);
    if (!match)
        return { message: line };
    return { command: match[1], message: decodeCommandMessage(match[2]) };
}
function install() {
    if (originalWrite)
        return;
    const write = process.stdout.write.bind(process.stdout);
    originalWrite = process.stdout.write;
    process.stdout.write = ((chunk, ...rest) => {
        if (typeof chunk !== 'string' || active.size === 0)
            return write(chunk, ...rest);
        const out = [];
        for (const line of chunk.split(/(?<=\n)/)) {
            const bare = line.replace(/\r?\n$/, '');
            const parsed = parseLine(bare);
            for (const capture of active)
                capture.lines.push(parsed);
            const demote = (parsed.command === 'warning' || parsed.command === 'error' || parsed.command === 'notice') &&
                LIBRARY_ANNOTATIONS.some(prefix => parsed.message.startsWith(prefix));
            out.push(demote ? parsed.message + line.slice(bare.length) : line);
        }
        return write(out.join(''), ...rest);
    });
}
function uninstall() {
    if (active.size > 0 || !originalWrite)
        return;
    process.stdout.write = originalWrite;
    originalWrite = undefined;
}
/**
 * Runs an @actions/cache call while recording what it writes to stdout, and turns its own warning and error
 * annotations into plain log lines: the library reports a 5xx as an error and a busy key as a warning, while
 * this action reports each cache problem once, as a warning or a notice. The recording lasts until the call
 * settles, even when the caller stops waiting for it.
 */
function cache_output_captureLibraryOutput(call) {
    const output = { lines: [] };
    active.add(output);
    install();
    let settled;
    try {
        settled = call();
    }
    catch (error) {
        settled = Promise.reject(error);
    }
    const release = () => {
        active.delete(output);
        uninstall();
    };
    settled.then(release, release);
    return { output, settled };
}

// EXTERNAL MODULE: ./src/go/gosum.ts + 2 modules
var gosum = __webpack_require__(1457);
// EXTERNAL MODULE: ./src/go/modcache.ts
var modcache = __webpack_require__(4310);
// EXTERNAL MODULE: ./src/go/platform.ts
var go_platform = __webpack_require__(259);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
// EXTERNAL MODULE: ./src/failures/errors.ts
var errors = __webpack_require__(8380);
;// CONCATENATED MODULE: ./src/cache/module-cache.ts










const DEFAULT_RESTORE_BUDGET_MS = 2 * 60_000;
const DEFAULT_SAVE_BUDGET_MS = (/* unused pure expression or super */ null && (5 * 60_000));
/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
function cacheKeyPrefix(platform = process.platform, arch = process.arch) {
    return `go-mod-${(0,go_platform/* goOs */.f)(platform)}-${(0,go_platform/* goArch */.J)(arch, platform)}-`;
}
/** The patterns that name the files the key hashes, made absolute. */
function dependencyPatterns(opts) {
    const workspace = opts.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd();
    const given = opts.dependencyPath
        .split(/\r?\n/)
        .map(p => p.trim())
        .filter(p => p !== '' && !p.startsWith('#'));
    const patterns = given.length > 0
        ? given
        : opts.workingDirectories.flatMap(dir => [
            external_node_path_default().join(dir, '**', 'go.sum'),
            external_node_path_default().join(dir, '**', 'go.work.sum')
        ]);
    return patterns.map(p => {
        const negated = p.startsWith('!');
        const body = negated ? p.slice(1) : p;
        const absolute = external_node_path_default().isAbsolute(body) || body.startsWith('~') ? body : external_node_path_default().resolve(workspace, body);
        return (negated ? '!' : '') + absolute;
    });
}
/** Every go.sum and go.work.sum under the working directories: what verification and pruning go by. */
async function goSumFiles(workingDirectories) {
    const patterns = dependencyPatterns({ dependencyPath: '', workingDirectories });
    return (await cache_service_cacheService.glob([...patterns, ...workingDirectories.map(d => `!${external_node_path_default().join(d, '**', 'vendor', '**')}`)].join('\n'))).sort();
}
/**
 * `go-mod-<os>-<arch>-<sha256 over the matched files' contents, in path order>`. Not glob's hashFiles:
 * it skips files outside GITHUB_WORKSPACE and hashes in glob order, and every existing key would change.
 */
async function cacheKey(opts) {
    const files = (await cache_service_cacheService.glob(dependencyPatterns(opts).join('\n'))).sort();
    const outer = (0,external_node_crypto_.createHash)('sha256');
    for (const file of files) {
        const inner = (0,external_node_crypto_.createHash)('sha256').update(await (0,promises_.readFile)(file));
        outer.update(inner.digest());
    }
    return cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex');
}
/** Where cache entries are staged: restored into before go sees them, and built from the module cache to save. */
function snapshotDir(modCache) {
    return external_node_path_default().join(modCache, 'cache', 'download-snapshot');
}
// The library keys entries by the path strings too: a snapshot inside the working directory (a GOMODCACHE in
// the workspace) is named relative to it, so matrix jobs in different checkouts share entries.
function libraryPath(snapshot) {
    const relativePath = external_node_path_default().relative(process.cwd(), snapshot);
    return relativePath === '' || relativePath.startsWith('..') || external_node_path_default().isAbsolute(relativePath)
        ? snapshot
        : relativePath;
}
/** Waits for `settled` at most `ms`; undefined when the budget ran out first. */
async function withinBudget(settled, ms) {
    let timer;
    const timeout = new Promise(resolve => {
        timer = setTimeout(() => resolve(undefined), ms);
    });
    try {
        return await Promise.race([settled.then(value => ({ value })), timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
function libraryMessage(output, prefix) {
    return output.lines.find(l => l.message.startsWith(prefix))?.message;
}
function librarySize(output, pattern) {
    for (const line of output.lines) {
        const match = pattern.exec(line.message);
        if (match)
            return Number(match[1]);
    }
    return undefined;
}
async function treeSize(dir) {
    let total = 0;
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true, recursive: true }).catch(() => []);
    for (const e of entries) {
        if (e.isFile())
            total += (await (0,promises_.stat)(external_node_path_default().join(e.parentPath, e.name)).catch(() => ({ size: 0 }))).size;
    }
    return total;
}
async function exists(p) {
    return (0,promises_.stat)(p).then(() => true, () => false);
}
/** Every `<escaped path>/@v` directory under a download cache (the checksum database cache aside). */
async function versionDirs(download) {
    const found = [];
    const walk = async (dir, rel) => {
        const entries = await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => []);
        for (const e of entries) {
            if (!e.isDirectory())
                continue;
            if (rel.length === 0 && e.name === 'sumdb')
                continue;
            const child = external_node_path_default().join(dir, e.name);
            if (e.name === '@v')
                found.push({ dir: child, modulePath: (0,modcache/* unescapeModulePath */.ql)(rel.join('/')) });
            else
                await walk(child, [...rel, e.name]);
        }
    };
    await walk(download, []);
    return found;
}
const VERSION_FILE = /^(.+)\.(zip|ziphash|mod|info|partial|lock)$/;
function versionFile(name) {
    const match = VERSION_FILE.exec(name);
    if (!match)
        return undefined;
    return { version: (0,modcache/* unescapeModulePath */.ql)(match[1]), ext: match[2] };
}
async function zipMatches(dir, escVersion, want) {
    let got;
    try {
        got = (0,gosum/* hashModuleZip */.y8)(await (0,promises_.readFile)(external_node_path_default().join(dir, `${escVersion}.zip`)));
    }
    catch {
        return false;
    }
    if (got !== want)
        return false;
    // go trusts the .ziphash without re-hashing the zip, so a wrong one is as bad as a wrong zip.
    const ziphash = await (0,promises_.readFile)(external_node_path_default().join(dir, `${escVersion}.ziphash`), 'utf8').catch(() => undefined);
    return ziphash === undefined || ziphash.trim() === want;
}
async function goModMatches(dir, escVersion, want) {
    try {
        return (0,gosum/* hashGoMod */.hK)(await (0,promises_.readFile)(external_node_path_default().join(dir, `${escVersion}.mod`))) === want;
    }
    catch {
        return false;
    }
}
/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited(items, limit, work) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
/**
 * `go mod verify` for the download cache: every zip and .mod that go.sum records a hash for is hashed and
 * compared; a mismatching or unreadable one is purged with its extracted tree. Zips go.sum has no hash for
 * lose their .ziphash, so go re-hashes and checks them before any use. Returns the purged `path@version`s.
 */
async function verifyDownloadCache(modCache, goSumPaths) {
    const sums = await (0,gosum/* readGoSums */.BV)(goSumPaths);
    const checks = [];
    for (const { dir, modulePath } of await versionDirs((0,modcache/* downloadRoot */.Fw)(modCache))) {
        for (const name of await (0,promises_.readdir)(dir).catch(() => [])) {
            const file = versionFile(name);
            if (!file || (file.ext !== 'zip' && file.ext !== 'mod'))
                continue;
            const escVersion = name.slice(0, -(file.ext.length + 1));
            const recorded = sums.get(`${modulePath}@${file.version}`);
            if (file.ext === 'zip' && !recorded?.zip) {
                await (0,promises_.rm)(external_node_path_default().join(dir, `${escVersion}.ziphash`), { force: true });
                continue;
            }
            if (file.ext === 'mod' && !recorded?.mod)
                continue;
            checks.push({ dir, modulePath, version: file.version, escVersion, what: file.ext });
        }
    }
    const bad = new Map();
    await eachLimited(checks, 4, async (check) => {
        const recorded = sums.get(`${check.modulePath}@${check.version}`);
        const ok = check.what === 'zip'
            ? await zipMatches(check.dir, check.escVersion, recorded.zip)
            : await goModMatches(check.dir, check.escVersion, recorded.mod);
        if (!ok)
            bad.set(`${check.modulePath}@${check.version}`, {
                modulePath: check.modulePath,
                version: check.version
            });
    });
    for (const { modulePath, version } of bad.values())
        (0,modcache/* purgeModule */.Yd)(modCache, modulePath, version);
    return [...bad.keys()].sort();
}
async function removeEmptyDirs(dir, keepRoot = true) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
    if (!entries)
        return false;
    let empty = true;
    for (const e of entries) {
        if (e.isDirectory() && (await removeEmptyDirs(path.join(dir, e.name), false)))
            continue;
        empty = false;
    }
    if (empty && !keepRoot) {
        await rmdir(dir).catch(() => undefined);
        return true;
    }
    return empty;
}
/**
 * Keeps in a download cache only what the go.sum files name: .mod and .info of every listed version, zip and
 * .ziphash of those with a zip hash (so a restore can verify them), the `list` of kept modules and the
 * checksum database cache. Returns the `path@version`s removed.
 */
async function pruneDownloadCache(download, goSumPaths) {
    const sums = await readGoSums(goSumPaths);
    const removed = new Set();
    for (const { dir, modulePath } of await versionDirs(download)) {
        const names = await readdir(dir).catch(() => []);
        let kept = false;
        for (const name of names) {
            if (name === 'list')
                continue;
            const file = versionFile(name);
            const recorded = file ? sums.get(`${modulePath}@${file.version}`) : undefined;
            const keep = file !== undefined &&
                recorded !== undefined &&
                (file.ext === 'zip' || file.ext === 'ziphash'
                    ? recorded.zip !== undefined
                    : file.ext === 'mod' || file.ext === 'info');
            if (keep) {
                kept = true;
                continue;
            }
            await rm(path.join(dir, name), { force: true });
            if (file && !recorded && ['zip', 'mod', 'info'].includes(file.ext))
                removed.add(`${modulePath}@${file.version}`);
        }
        if (!kept)
            await rm(path.join(dir, 'list'), { force: true });
    }
    await removeEmptyDirs(download);
    return [...removed].sort();
}
/** Mirrors `src` into `dst` with hard links (copies where linking fails); both sit in the module cache. */
async function linkTree(src, dst) {
    await mkdir(dst, { recursive: true });
    for (const e of await readdir(src, { withFileTypes: true })) {
        const from = path.join(src, e.name);
        const to = path.join(dst, e.name);
        if (e.isDirectory())
            await linkTree(from, to);
        else if (e.isFile())
            await link(from, to).catch(() => copyFile(from, to));
    }
}
/** Moves what `src` holds into `dst`, keeping files `dst` already has; `src` is gone afterwards. */
async function mergeTree(src, dst) {
    if (!(await exists(dst))) {
        await (0,promises_.mkdir)(external_node_path_default().dirname(dst), { recursive: true });
        await (0,promises_.rename)(src, dst);
        return;
    }
    for (const e of await (0,promises_.readdir)(src, { withFileTypes: true })) {
        const from = external_node_path_default().join(src, e.name);
        const to = external_node_path_default().join(dst, e.name);
        if (e.isDirectory())
            await mergeTree(from, to);
        else if (!(await exists(to)))
            await (0,promises_.rename)(from, to);
    }
    await (0,promises_.rm)(src, { recursive: true, force: true });
}
/**
 * Restores the module download cache before the download: into a staging directory go never reads, moved
 * into place only when the restore finished within the budget, then verified against go.sum. Never throws.
 */
async function restoreModuleCache(opts) {
    const log = opts.log ?? cache_service_actionsLog;
    const budgetMs = opts.budgetMs ?? DEFAULT_RESTORE_BUDGET_MS;
    const report = { enabled: opts.enabled ?? true, key: opts.key, hit: 'miss', purged: [] };
    if (!report.enabled)
        return report;
    const miss = (warning) => {
        log.warning(warning);
        return { ...report, hit: 'miss', warning };
    };
    if (!cache_service_cacheService.isFeatureAvailable()) {
        return miss('The GitHub cache service is not configured on this runner; starting without a module cache.');
    }
    const snapshot = snapshotDir(opts.modCache);
    const restoreKeys = opts.restoreKeys ?? [opts.key.slice(0, opts.key.lastIndexOf('-') + 1)];
    const started = Date.now();
    let matchedKey;
    let output;
    try {
        (0,modcache/* removeTree */.dM)(snapshot);
        const call = cache_output_captureLibraryOutput(() => cache_service_cacheService.restoreCache([libraryPath(snapshot)], opts.key, restoreKeys));
        output = call.output;
        const result = await withinBudget(call.settled, budgetMs);
        if (!result) {
            return miss(`Restoring the module cache took longer than ${(0,duration/* formatDuration */.a)(budgetMs)}; abandoned it and starting without a cache.`);
        }
        matchedKey = result.value;
    }
    catch (error) {
        return miss(`Could not restore the module cache: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    report.restoreMs = Date.now() - started;
    if (matchedKey === undefined) {
        const failure = libraryMessage(output, 'Failed to restore:');
        if (failure)
            return { ...miss(`Could not restore the module cache: ${failure}`), restoreMs: report.restoreMs };
        log.info(`No module cache entry for ${opts.key} or ${restoreKeys.join(', ')}.`);
        return report;
    }
    try {
        if (!(await exists(snapshot))) {
            return miss(`The module cache entry ${matchedKey} did not restore into ${snapshot}; starting without a cache.`);
        }
        report.sizeBytes = librarySize(output, /Cache Size: .*\((\d+) B\)/) ?? (await treeSize(snapshot));
        await mergeTree(snapshot, (0,modcache/* downloadRoot */.Fw)(opts.modCache));
    }
    catch (error) {
        (0,modcache/* removeTree */.dM)(snapshot);
        return miss(`Could not put the restored module cache in place: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    report.matchedKey = matchedKey;
    report.hit = matchedKey === opts.key ? 'exact' : 'partial';
    const verifyStarted = Date.now();
    try {
        report.purged = await verifyDownloadCache(opts.modCache, opts.goSumFiles);
    }
    catch (error) {
        // Without a verdict nothing restored can be trusted, so go must fetch everything and this run not save.
        (0,modcache/* removeTree */.dM)((0,modcache/* downloadRoot */.Fw)(opts.modCache));
        report.purged = ['all restored modules'];
        report.warning = `Could not verify the restored module cache, so it was removed: ${(0,errors/* errorMessage */.g)(error)}`;
        log.warning(report.warning);
    }
    report.verifyMs = Date.now() - verifyStarted;
    if (report.purged.length > 0 && !report.warning) {
        report.warning =
            `Purged ${report.purged.length} module version(s) from the restored cache whose files do not match go.sum ` +
                `(${report.purged.join(', ')}); go downloads them again and this run will not save the cache.`;
        log.warning(report.warning);
    }
    log.info(`Module cache ${report.hit === 'exact' ? 'hit' : 'restored from'} ${matchedKey} in ${(0,duration/* formatDuration */.a)(report.restoreMs)}` +
        `, verified in ${(0,duration/* formatDuration */.a)(report.verifyMs)}.`);
    return report;
}
/**
 * Saves the pruned download cache under the key when the download completed, the key was not an exact hit
 * and the restored cache verified. Never throws: every failure is a warning (or a notice when another job
 * saved the key first or the token may only read) and a `skipped` sentence.
 */
async function saveModuleCache(opts) {
    const log = opts.log ?? actionsLog;
    const budgetMs = opts.budgetMs ?? DEFAULT_SAVE_BUDGET_MS;
    const skip = (skipped, level = 'info') => {
        log[level](skipped);
        return { saved: false, key: opts.key, skipped };
    };
    if (opts.outcome !== 'success') {
        return skip(opts.outcome === 'vendor'
            ? 'Not saved: the build used vendor/, so the module cache is incomplete.'
            : 'Not saved: the download did not complete.');
    }
    if (opts.exactHit)
        return skip(`Not saved: the cache was restored from ${opts.key} itself, so it is up to date.`);
    if (!opts.clean) {
        return skip('Not saved: verification purged modules from the restored cache, so this run does not pass it on.');
    }
    if (!cacheService.isFeatureAvailable())
        return skip('Not saved: the GitHub cache service is not configured on this runner.');
    const snapshot = snapshotDir(opts.modCache);
    const started = Date.now();
    try {
        removeTree(snapshot);
        if (!(await exists(downloadRoot(opts.modCache))))
            return skip('Not saved: the module cache holds no downloads.');
        await linkTree(downloadRoot(opts.modCache), snapshot);
        await pruneDownloadCache(snapshot, opts.goSumFiles);
        const sizeOnDisk = await treeSize(snapshot);
        if (sizeOnDisk === 0)
            return skip('Not saved: none of the downloaded modules is named in go.sum.');
        const remaining = () => Math.max(0, budgetMs - (Date.now() - started));
        const lookup = captureLibraryOutput(() => cacheService.restoreCache([libraryPath(snapshot)], opts.key, [], { lookupOnly: true }));
        const found = await withinBudget(lookup.settled, remaining());
        if (!found) {
            return skip(`Not saved: the cache service did not answer within ${formatDuration(budgetMs)}.`, 'warning');
        }
        if (found.value === opts.key) {
            return skip(`Not saved: the cache entry ${opts.key} already exists; another job saved it first.`, 'notice');
        }
        const lookupFailure = libraryMessage(lookup.output, 'Failed to restore:');
        if (lookupFailure)
            return skip(`Not saved: the cache service failed: ${lookupFailure}`, 'warning');
        const save = captureLibraryOutput(() => cacheService.saveCache([libraryPath(snapshot)], opts.key));
        const saved = await withinBudget(save.settled, remaining());
        if (!saved) {
            return skip(`Not saved: saving the module cache took longer than ${formatDuration(budgetMs)}.`, 'warning');
        }
        if (saved.value === -1)
            return classifySaveFailure(save.output, opts.key, skip);
        const sizeBytes = librarySize(save.output, /^File Size: (\d+)$/) ?? sizeOnDisk;
        const saveMs = Date.now() - started;
        log.info(`Saved the module cache as ${opts.key} (${sizeBytes} bytes) in ${formatDuration(saveMs)}.`);
        return { saved: true, key: opts.key, sizeBytes, saveMs };
    }
    catch (error) {
        return skip(`Not saved: ${errorMessage(error)}`, 'warning');
    }
    finally {
        // An abandoned save may still be archiving the snapshot; pulling it away makes that attempt fail.
        removeTree(snapshot);
    }
}
function classifySaveFailure(output, key, skip) {
    const text = output.lines.map(l => l.message).join('\n');
    if (/already exists|\(409\)/.test(text)) {
        return skip(`Not saved: the cache entry ${key} already exists; another job saved it first.`, 'notice');
    }
    if (/cache write denied|\(403\)/i.test(text)) {
        return skip("Not saved: this run's token may only read the cache (cache write denied).", 'notice');
    }
    const reason = libraryMessage(output, 'Failed to reserve cache:') ??
        libraryMessage(output, 'Failed to save:') ??
        libraryMessage(output, 'Cache reservation failed:') ??
        libraryMessage(output, 'Cache save skipped') ??
        'the cache library gave no reason';
    return skip(`Not saved: ${reason}`, 'warning');
}


/***/ })

};
