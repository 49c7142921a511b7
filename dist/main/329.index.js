export const id = 329;
export const ids = [329];
export const modules = {

/***/ 2329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  restoreModuleCache: () => (/* binding */ restoreModuleCache)
});

// UNUSED EXPORTS: DEFAULT_RESTORE_BUDGET_MS

// EXTERNAL MODULE: ./src/runner/cache-service.ts
var cache_service = __webpack_require__(3446);
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
function captureLibraryOutput(call) {
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

// EXTERNAL MODULE: ./src/go/modcache.ts
var modcache = __webpack_require__(4310);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
// EXTERNAL MODULE: ./src/failures/errors.ts
var errors = __webpack_require__(8380);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/cache/library.ts

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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/cache/snapshot.ts



/** Where cache entries are staged: restored into before go sees them, and built from the module cache to save. */
function snapshotDir(modCache) {
    return external_node_path_default().join(modCache, 'cache', 'download-snapshot');
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
/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited(items, limit, work) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
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

// EXTERNAL MODULE: ./src/go/gosum.ts + 2 modules
var gosum = __webpack_require__(1457);
;// CONCATENATED MODULE: ./src/cache/verify.ts





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

;// CONCATENATED MODULE: ./src/cache/restore.ts








const DEFAULT_RESTORE_BUDGET_MS = 2 * 60_000;
/**
 * Restores the module download cache before the download: into a staging directory go never reads, moved
 * into place only when the restore finished within the budget, then verified against go.sum. Never throws.
 */
async function restoreModuleCache(opts) {
    const log = opts.log ?? cache_service/* actionsLog */._;
    const budgetMs = opts.budgetMs ?? DEFAULT_RESTORE_BUDGET_MS;
    const report = { enabled: opts.enabled ?? true, key: opts.key, hit: 'miss', purged: [] };
    if (!report.enabled)
        return report;
    const miss = (warning) => {
        log.warning(warning);
        return { ...report, hit: 'miss', warning };
    };
    if (!cache_service/* cacheService */.q.isFeatureAvailable()) {
        return miss('The GitHub cache service is not configured on this runner; starting without a module cache.');
    }
    const snapshot = snapshotDir(opts.modCache);
    const restoreKeys = opts.restoreKeys ?? [opts.key.slice(0, opts.key.lastIndexOf('-') + 1)];
    const started = Date.now();
    let matchedKey;
    let output;
    try {
        (0,modcache/* removeTree */.dM)(snapshot);
        const call = captureLibraryOutput(() => cache_service/* cacheService */.q.restoreCache([libraryPath(snapshot)], opts.key, restoreKeys));
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


/***/ }),

/***/ 3446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ actionsLog),
/* harmony export */   q: () => (/* binding */ cacheService)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9312);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3838);
/* harmony import */ var _actions_glob__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2377);



/** The GitHub cache service and the file globbing the cache code needs, as @actions/cache and glob give them. */
const cacheService = {
    isFeatureAvailable: () => _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3(),
    /** The key of the entry restored into `paths`, or undefined on a miss. */
    restoreCache: (paths, key, restoreKeys, options) => _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3(paths, key, restoreKeys, options),
    /** The id of the entry saved, or -1 when the library could not save it (it logs why). */
    saveCache: (paths, key) => _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .saveCache */ .Io(paths, key),
    /** Files matching glob patterns, one per line (`!` excludes), directories left out. */
    glob: async (patterns) => (await _actions_glob__WEBPACK_IMPORTED_MODULE_2__/* .create */ .v(patterns, { matchDirectories: false })).glob(),
    /** sha256 over the files' sha256 digests; files outside GITHUB_WORKSPACE are skipped. */
    hashFiles: (patterns) => _actions_glob__WEBPACK_IMPORTED_MODULE_2__/* .hashFiles */ .y(patterns)
};
/** The cache code's messages, as workflow commands. */
const actionsLog = {
    info: message => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(message),
    warning: message => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(message),
    notice: message => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .notice */ .lm(message)
};


/***/ })

};
