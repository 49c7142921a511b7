export const id = 877;
export const ids = [877];
export const modules = {

/***/ 5877:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cacheKey: () => (/* binding */ cacheKey),
/* harmony export */   goSumFiles: () => (/* binding */ goSumFiles)
/* harmony export */ });
/* unused harmony exports cacheKeyPrefix, dependencyPatterns */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3446);
/* harmony import */ var _go_platform_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(259);





/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
function cacheKeyPrefix(platform = process.platform, arch = process.arch) {
    return `go-mod-${(0,_go_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .goOs */ .f)(platform)}-${(0,_go_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .goArch */ .J)(arch, platform)}-`;
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
            node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, '**', 'go.sum'),
            node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, '**', 'go.work.sum')
        ]);
    return patterns.map(p => {
        const negated = p.startsWith('!');
        const body = negated ? p.slice(1) : p;
        const absolute = node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(body) || body.startsWith('~') ? body : node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(workspace, body);
        return (negated ? '!' : '') + absolute;
    });
}
/** Every go.sum and go.work.sum under the working directories: what verification and pruning go by. */
async function goSumFiles(workingDirectories) {
    const patterns = dependencyPatterns({ dependencyPath: '', workingDirectories });
    return (await _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_3__/* .cacheService */ .q.glob([...patterns, ...workingDirectories.map(d => `!${node_path__WEBPACK_IMPORTED_MODULE_2___default().join(d, '**', 'vendor', '**')}`)].join('\n'))).sort();
}
/**
 * `go-mod-<os>-<arch>-<sha256 over the matched files' contents, in path order>`. Not glob's hashFiles:
 * it skips files outside GITHUB_WORKSPACE and hashes in glob order, and every existing key would change.
 */
async function cacheKey(opts) {
    const files = (await _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_3__/* .cacheService */ .q.glob(dependencyPatterns(opts).join('\n'))).sort();
    const outer = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for (const file of files) {
        const inner = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file));
        outer.update(inner.digest());
    }
    return cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex');
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
