export const id = 125;
export const ids = [125];
export const modules = {

/***/ 5877:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ cacheKey)
/* harmony export */ });
/* unused harmony export cacheKeyPrefix */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _go_platform_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(259);
/* harmony import */ var _go_workspace_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4711);
/* harmony import */ var _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(283);
/** The cache key: the runner's platform and a hash of the go.sum files. */






/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
function cacheKeyPrefix(platform = process.platform, arch = process.arch) {
    return `go-mod-${(0,_go_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .goOs */ .f)(platform)}-${(0,_go_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .goArch */ .J)(arch, platform)}-`;
}
function absolute(pattern, workspace) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const resolved = node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(body) || body.startsWith('~') ? body : node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(workspace, body);
    return (negated ? '!' : '') + resolved;
}
/**
 * `go-mod-<os>-<arch>-<sha256 over the files' contents, in path order>`: the files are the go.sum files
 * verification goes by, or those `cache-dependency-path` names when it is set. Not glob's hashFiles: it
 * skips files outside GITHUB_WORKSPACE and hashes in glob order, and every existing key would change.
 */
async function cacheKey(opts) {
    const service = opts.service ?? _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_5__/* .actionsCacheService */ .ZY;
    const workspace = opts.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd();
    const given = opts.dependencyPath
        .split(/\r?\n/)
        .map(p => p.trim())
        .filter(p => p !== '' && !p.startsWith('#'));
    const goSumFiles = await (0,_go_workspace_js__WEBPACK_IMPORTED_MODULE_4__/* .findGoSumFiles */ .Me)(opts.workingDirectories.map(dir => node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(workspace, dir)));
    const hashed = given.length > 0 ? await service.glob(given.map(p => absolute(p, workspace))) : goSumFiles;
    const outer = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for (const file of hashed) {
        const inner = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file));
        outer.update(inner.digest());
    }
    return { key: cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex'), goSumFiles };
}


/***/ }),

/***/ 3125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  restoreJobCache: () => (/* binding */ restoreJobCache)
});

// UNUSED EXPORTS: restoreModuleCache

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/go/modcache.ts
var modcache = __webpack_require__(4310);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
// EXTERNAL MODULE: ./src/failures/errors.ts
var errors = __webpack_require__(8380);
// EXTERNAL MODULE: ./src/runner/cache-service.ts + 1 modules
var cache_service = __webpack_require__(283);
// EXTERNAL MODULE: ./src/runner/state.ts
var state = __webpack_require__(6003);
// EXTERNAL MODULE: ./src/cache/key.ts
var cache_key = __webpack_require__(5877);
// EXTERNAL MODULE: ./src/cache/patience.ts
var cache_patience = __webpack_require__(2599);
// EXTERNAL MODULE: ./src/cache/snapshot.ts
var snapshot = __webpack_require__(876);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/go/disk.ts
var disk = __webpack_require__(2605);
// EXTERNAL MODULE: ./src/go/gosum.ts
var gosum = __webpack_require__(207);
// EXTERNAL MODULE: ./src/go/zip-pool.ts
var zip_pool = __webpack_require__(4584);
;// CONCATENATED MODULE: ./src/cache/verify.ts
/** `go mod verify` for the download cache, and whether it holds every file the download needs. */







/** The checks go.sum asks for among the files of one `@v` directory. */
function hashChecks(dir, modulePath, names, sums) {
    const checks = [];
    for (const name of names) {
        const file = (0,snapshot/* versionFile */.T1)(name);
        if (!file || (file.ext !== 'zip' && file.ext !== 'mod'))
            continue;
        const want = sums.get(`${modulePath}@${file.version}`)?.[file.ext];
        if (want === undefined)
            continue;
        const escVersion = name.slice(0, -(file.ext.length + 1));
        checks.push({ dir, modulePath, version: file.version, escVersion, what: file.ext, want });
    }
    return checks;
}
/** Whether the file matches, and how many bytes were read to tell. */
async function check(c) {
    const file = external_node_path_default().join(c.dir, `${c.escVersion}.${c.what}`);
    if (c.what === 'mod') {
        const data = await (0,promises_.readFile)(file).catch(() => undefined);
        return data ? { ok: (0,gosum/* hashGoMod */.hK)(data) === c.want, bytes: data.length } : { ok: false, bytes: 0 };
    }
    const bytes = await (0,promises_.stat)(file).then(s => s.size, () => undefined);
    if (bytes === undefined)
        return { ok: false, bytes: 0 };
    const got = await (0,zip_pool/* zipPool */.Yk)()
        .hash(file, bytes)
        .catch(() => undefined);
    if (got?.hash !== c.want || got.flaw)
        return { ok: false, bytes };
    // go trusts the .ziphash without re-hashing the zip, so a wrong one is as bad as a wrong zip.
    const ziphash = await (0,promises_.readFile)(external_node_path_default().join(c.dir, `${c.escVersion}.ziphash`), 'utf8').catch(() => undefined);
    return { ok: ziphash === undefined || ziphash.trim() === c.want, bytes };
}
/** Hashes the files, a few at a time (the zips in worker threads): the `path@version`s that do not match go.sum, and the bytes read. */
async function runHashChecks(checks) {
    const bad = new Map();
    let bytes = 0;
    await (0,disk/* eachLimited */.ko)(checks, 4, async (c) => {
        const result = await check(c);
        bytes += result.bytes;
        if (!result.ok)
            bad.set(`${c.modulePath}@${c.version}`, { modulePath: c.modulePath, version: c.version });
    });
    return { bad: [...bad.values()], bytes };
}
/**
 * Verifies the download cache against go.sum: every zip and .mod it records a hash for is hashed and
 * compared; a mismatching or unreadable one is purged with its extracted tree. Zips go.sum has no hash for
 * lose their .ziphash, so go re-hashes and checks them before any use. Also lists what the download would
 * have to fetch: the .mod of every go.sum entry, and the zip and .info of every entry with a zip hash.
 */
async function verifyDownloadCache(modCache, goSumPaths) {
    const sums = await (0,gosum/* readGoSums */.BV)(goSumPaths);
    const present = new Set();
    const checks = [];
    for (const { dir, modulePath, names } of await (0,snapshot/* versionDirs */.xj)((0,modcache/* downloadRoot */.Fw)(modCache))) {
        for (const name of names) {
            const file = (0,snapshot/* versionFile */.T1)(name);
            if (!file)
                continue;
            present.add(`${modulePath}@${file.version}.${file.ext}`);
            if (file.ext === 'zip' && sums.get(`${modulePath}@${file.version}`)?.zip === undefined) {
                await (0,promises_.rm)(external_node_path_default().join(dir, `${name}hash`), { force: true });
            }
        }
        checks.push(...hashChecks(dir, modulePath, names, sums));
    }
    const { bad } = await runHashChecks(checks);
    const purged = new Set();
    for (const { modulePath, version } of bad) {
        (0,modcache/* purgeModule */.Yd)(modCache, modulePath, version);
        purged.add(`${modulePath}@${version}`);
    }
    const missing = [];
    for (const [id, recorded] of sums) {
        const needed = [...(recorded.mod ? ['mod'] : []), ...(recorded.zip ? ['zip', 'info'] : [])];
        for (const ext of needed)
            if (purged.has(id) || !present.has(`${id}.${ext}`))
                missing.push(`${id}.${ext}`);
    }
    return { purged: [...purged].sort(), missing };
}

;// CONCATENATED MODULE: ./src/cache/restore.ts
/** The main step's half of the module cache: restore into a private staging directory, verify, move into place. */










/**
 * Restores the module download cache before the download: into a staging directory of this run's own that go
 * never reads, moved into place only when the restore finished, then verified against go.sum. Never throws.
 */
async function restoreModuleCache(opts) {
    const service = opts.service ?? cache_service/* actionsCacheService */.ZY;
    const log = opts.log ?? service.log;
    const patience = { ...cache_patience/* DEFAULT_PATIENCE */.Q, ...opts.patience };
    const report = { enabled: opts.enabled ?? true, key: opts.key, hit: 'miss', purged: [] };
    if (!report.enabled)
        return report;
    let networkNeeded = false;
    const needNetwork = () => {
        if (networkNeeded)
            return;
        networkNeeded = true;
        opts.onNetworkNeeded?.();
    };
    const miss = (warning, extra = {}) => {
        needNetwork();
        log.warning(warning);
        return { ...report, ...extra, hit: 'miss', warning };
    };
    if (!service.available()) {
        return miss('The GitHub cache service is not configured on this runner; starting without a module cache.', {
            noService: true
        });
    }
    const restoreKeys = opts.restoreKeys ?? [opts.key.slice(0, opts.key.lastIndexOf('-') + 1)];
    const started = Date.now();
    let staging;
    try {
        staging = await (0,snapshot/* scratchDir */.GA)(opts.modCache, 'restore');
        const dir = staging;
        const watched = await (0,cache_patience/* watch */.w)(progress => service.restore(dir, opts.key, restoreKeys, progress), patience, {
            onProgress: p => {
                if (p.kind === 'found' && p.key !== opts.key)
                    needNetwork();
            }
        });
        report.restoreMs = Date.now() - started;
        // Trouble before the service answered means it cannot be used; the post step does not try it again.
        const unavailable = (reason) => (watched.stage === 'service' ? reason : undefined);
        if ('abandoned' in watched) {
            return miss(`Gave up on the module cache restore: ${watched.abandoned}; starting without a cache.`, {
                restoreMs: report.restoreMs,
                unavailable: unavailable(watched.abandoned)
            });
        }
        const { key: matchedKey, failure, sizeBytes } = watched.value;
        if (matchedKey === undefined) {
            if (failure) {
                return miss(`Could not restore the module cache: ${failure}`, {
                    restoreMs: report.restoreMs,
                    unavailable: unavailable(failure)
                });
            }
            needNetwork();
            log.info(`No module cache entry for ${opts.key} or ${restoreKeys.join(', ')}.`);
            return report;
        }
        const restored = external_node_path_default().join(staging, 'download');
        if (!(await (0,snapshot/* exists */.t2)(restored))) {
            return miss(`The module cache entry ${matchedKey} did not restore into ${restored}; starting without a cache.`, {
                restoreMs: report.restoreMs
            });
        }
        report.sizeBytes = sizeBytes;
        await (0,snapshot/* mergeTree */.pR)(restored, (0,modcache/* downloadRoot */.Fw)(opts.modCache));
        report.matchedKey = matchedKey;
        report.hit = matchedKey === opts.key ? 'exact' : 'partial';
    }
    catch (error) {
        return miss(`Could not restore the module cache: ${(0,errors/* errorMessage */.g)(error)}`, { restoreMs: report.restoreMs });
    }
    finally {
        if (staging !== undefined)
            (0,modcache/* removeTree */.dM)(staging);
    }
    const verifyStarted = Date.now();
    let missing = [];
    try {
        ;
        ({ purged: report.purged, missing } = await verifyDownloadCache(opts.modCache, opts.goSumFiles));
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
    report.complete = report.hit === 'exact' && report.purged.length === 0 && missing.length === 0;
    if (!report.complete)
        needNetwork();
    log.info(`Module cache ${report.hit === 'exact' ? 'hit' : 'restored from'} ${report.matchedKey} in ${(0,duration/* formatDuration */.a)(report.restoreMs ?? 0)}` +
        `, verified in ${(0,duration/* formatDuration */.a)(report.verifyMs)}.`);
    if (report.complete)
        log.info('It holds every file go.sum names for the download, so no mirror is probed.');
    else if (report.hit === 'exact' && missing.length > 0) {
        log.info(`It lacks ${missing.length} file(s) go.sum names, such as ${missing[0]}; go fetches them.`);
    }
    return report;
}
/**
 * The main step's whole part in the cache: the key, the restore, and the state the post step saves by.
 * `cacheDependencyPath` is the input's lines; the working directories are absolute.
 */
async function restoreJobCache(opts) {
    const { key, goSumFiles } = await (0,cache_key/* cacheKey */.T)({
        dependencyPath: opts.cacheDependencyPath.join('\n'),
        workingDirectories: opts.workingDirectories
    });
    const report = await restoreModuleCache({
        key,
        modCache: opts.modCache,
        goSumFiles,
        onNetworkNeeded: opts.onNetworkNeeded,
        log: opts.log
    });
    return { report, state: (0,state/* cacheState */.gI)(report, opts.modCache, goSumFiles) };
}


/***/ })

};
