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
/* harmony import */ var _go_platform_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(259);
/* harmony import */ var _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(283);
/** The cache key: the runner's platform and a hash of the go.sum files. */





/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
function cacheKeyPrefix(platform = process.platform, arch = process.arch) {
    return `go-mod-${(0,_go_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .goOs */ .f)(platform)}-${(0,_go_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .goArch */ .J)(arch, platform)}-`;
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
async function goSumFiles(workingDirectories, service = _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_4__/* .actionsCacheService */ .Z) {
    const patterns = dependencyPatterns({ dependencyPath: '', workingDirectories });
    return service.glob([...patterns, ...workingDirectories.map(d => `!${node_path__WEBPACK_IMPORTED_MODULE_2___default().join(d, '**', 'vendor', '**')}`)]);
}
/**
 * `go-mod-<os>-<arch>-<sha256 over the matched files' contents, in path order>`. Not glob's hashFiles:
 * it skips files outside GITHUB_WORKSPACE and hashes in glob order, and every existing key would change.
 */
async function cacheKey(opts) {
    const files = await (opts.service ?? _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_4__/* .actionsCacheService */ .Z).glob(dependencyPatterns(opts));
    const outer = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for (const file of files) {
        const inner = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file));
        outer.update(inner.digest());
    }
    return cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex');
}


/***/ }),

/***/ 283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Z: () => (/* binding */ actionsCacheService)
});

// UNUSED EXPORTS: actionsLog

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 322 modules
var cache = __webpack_require__(9312);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@actions/glob/lib/glob.js + 17 modules
var glob = __webpack_require__(2377);
// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: external "node:diagnostics_channel"
var external_node_diagnostics_channel_ = __webpack_require__(3053);
var external_node_diagnostics_channel_default = /*#__PURE__*/__webpack_require__.n(external_node_diagnostics_channel_);
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
// Which call a write comes from: an abandoned call may still write while a later one runs.
const calling = new external_node_async_hooks_.AsyncLocalStorage();
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
        const capture = calling.getStore();
        if (typeof chunk !== 'string' || capture === undefined)
            return write(chunk, ...rest);
        const out = [];
        for (const line of chunk.split(/(?<=\n)/)) {
            const bare = line.replace(/\r?\n$/, '');
            const parsed = parseLine(bare);
            capture.output.lines.push(parsed);
            capture.onLine?.(parsed);
            const demote = (parsed.command === 'warning' || parsed.command === 'error' || parsed.command === 'notice') &&
                LIBRARY_ANNOTATIONS.some(prefix => parsed.message.startsWith(prefix));
            out.push(demote ? parsed.message + line.slice(bare.length) : line);
        }
        return write(out.join(''), ...rest);
    });
}
// Every HTTP request the library makes (its own client's and the Azure SDK's) names the call it belongs to;
// the channel is held here, since node keeps channels only while something refers to them.
const requests = external_node_diagnostics_channel_default().channel('http.client.request.start');
requests.subscribe(message => {
    const capture = calling.getStore();
    const request = message.request;
    if (!capture || !request)
        return;
    // Published once the request has its connection, or is about to get it.
    if (request.socket)
        capture.sockets.add(request.socket);
    else
        request.once('socket', socket => capture.sockets.add(socket));
});
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
 * settles, even when the caller stops waiting for it; `onLine` sees each line as it is written, and
 * `bytesMoved` counts the bytes sent and received on the call's connections so far.
 */
function captureLibraryOutput(call, onLine) {
    const capture = { output: { lines: [] }, onLine, sockets: new Set() };
    active.add(capture);
    install();
    let settled;
    try {
        settled = calling.run(capture, call);
    }
    catch (error) {
        settled = Promise.reject(error);
    }
    const release = () => {
        active.delete(capture);
        uninstall();
    };
    settled.then(release, release);
    const bytesMoved = () => {
        let total = 0;
        for (const socket of capture.sockets)
            total += socket.bytesRead + socket.bytesWritten;
        return total;
    };
    return { output: capture.output, settled, bytesMoved };
}

;// CONCATENATED MODULE: ./src/runner/cache-service.ts
/**
 * The GitHub cache as the module cache code sees it: every @actions/cache, @actions/glob and @actions/core
 * call it makes, behind one small interface, with what the library writes turned into progress and results.
 */





const actionsLog = {
    info: message => core/* info */.pq(message),
    warning: message => core/* warning */.$e(message),
    notice: message => core/* notice */.lm(message)
};
// Every entry holds `download/` relative to the directory the library runs in: its version (a hash of the
// path strings) is then the same at every GOMODCACHE path, and each run can use a directory of its own.
const ENTRY_PATHS = ['download'];
const SIZE_LINES = { restore: /^Cache Size: ~\d+ MB \((\d+) B\)$/, save: /^File Size: (\d+)$/ };
let borrowed = false;
/**
 * Points the library at `dir` (GITHUB_WORKSPACE, where tar reads and writes; the working directory too
 * when `chdir`, which is what the save's path globbing resolves against). Returns the undo.
 */
function runIn(dir, chdir) {
    if (borrowed)
        throw new Error('one cache restore or save at a time');
    borrowed = true;
    const cwd = process.cwd();
    const workspace = process.env.GITHUB_WORKSPACE;
    process.env.GITHUB_WORKSPACE = dir;
    if (chdir)
        process.chdir(dir);
    let undone = false;
    return () => {
        if (undone)
            return;
        undone = true;
        if (chdir)
            process.chdir(cwd);
        if (workspace === undefined)
            delete process.env.GITHUB_WORKSPACE;
        else
            process.env.GITHUB_WORKSPACE = workspace;
        borrowed = false;
    };
}
/** What one line of the library's output says about progress. */
function progressOf(line) {
    const text = line.message;
    if (line.command === 'debug') {
        if (text.startsWith('[Request] '))
            return { kind: 'request' };
        if (text.startsWith('[Response] '))
            return { kind: 'answer' };
        if (text.startsWith('Cache not found for version'))
            return { kind: 'found' };
        if (text.startsWith('Starting download of archive') || text.startsWith('Attempting to upload cache'))
            return { kind: 'transfer' };
        return undefined;
    }
    const found = /^Cache hit for(?: restore-key)?: (.+)$/.exec(text);
    if (found)
        return { kind: 'found', key: found[1] };
    const retry = /^Attempt \d+ of \d+ failed with error: (.*)\. Retrying request in \d+ ms\.\.\.$/s.exec(text);
    if (retry)
        return { kind: 'retry', error: retry[1] };
    const transfer = /^(?:Received|Sent) \d+ of (\d+) /.exec(text);
    if (transfer)
        return { kind: 'size', bytes: Number(transfer[1]) };
    if (SIZE_LINES.restore.test(text))
        return { kind: 'local' };
    return undefined;
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
function classifySaveFailure(output) {
    const text = output.lines.map(l => l.message).join('\n');
    if (/already exists|\(409\)/.test(text))
        return { saved: false, reason: 'exists', message: 'already exists' };
    if (/cache write denied|\(403\)/i.test(text))
        return { saved: false, reason: 'denied', message: 'cache write denied' };
    const message = libraryMessage(output, 'Failed to reserve cache:') ??
        libraryMessage(output, 'Failed to save:') ??
        libraryMessage(output, 'Cache reservation failed:') ??
        libraryMessage(output, 'Cache save skipped') ??
        'the cache library gave no reason';
    return { saved: false, reason: 'failed', message };
}
/** Runs one library call with its output and its traffic turned into progress. */
function watched(start, onProgress, result, undo = () => undefined, sizeLine) {
    let archive;
    let abandoned = false;
    const call = captureLibraryOutput(start, line => {
        const path = /^Archive path: (.+)$/.exec(line.message);
        if (line.command === 'debug' && path)
            archive = path[1];
        if (sizeLine?.test(line.message))
            undo();
        const progress = progressOf(line);
        // Said once the download is in and before tar starts: an abandoned restore then finds no archive.
        if (abandoned && progress?.kind === 'local' && archive !== undefined)
            (0,external_node_fs_.rmSync)(archive, { force: true });
        if (!abandoned && progress)
            onProgress(progress);
    });
    let moved = 0;
    const poll = setInterval(() => {
        const now = call.bytesMoved();
        if (now > moved)
            onProgress({ kind: 'traffic', bytes: (moved = now) });
    }, 250);
    poll.unref();
    const finish = () => {
        clearInterval(poll);
        undo();
    };
    const settled = call.settled.finally(finish).then(value => result(value, call.output));
    // An abandoned call may still fail later; nobody is waiting for it any more.
    settled.catch(() => undefined);
    return {
        settled,
        abandon() {
            abandoned = true;
            finish();
        }
    };
}
const actionsCacheService = {
    available: () => cache/* isFeatureAvailable */.w3(),
    lookup(key, restoreKeys, onProgress) {
        return watched(() => cache/* restoreCache */.P3([...ENTRY_PATHS], key, restoreKeys, { lookupOnly: true }), onProgress, (found, output) => ({
            key: found,
            failure: found === undefined ? libraryMessage(output, 'Failed to restore:') : undefined
        }));
    },
    restore(dir, key, restoreKeys, onProgress) {
        const undo = runIn(dir, false);
        return watched(() => cache/* restoreCache */.P3([...ENTRY_PATHS], key, restoreKeys), onProgress, (found, output) => ({
            key: found,
            failure: found === undefined ? libraryMessage(output, 'Failed to restore:') : undefined,
            sizeBytes: librarySize(output, SIZE_LINES.restore)
        }), undo);
    },
    save(dir, key, onProgress) {
        const undo = runIn(dir, true);
        return watched(() => cache/* saveCache */.Io([...ENTRY_PATHS], key), onProgress, (id, output) => id === -1
            ? classifySaveFailure(output)
            : { saved: true, sizeBytes: librarySize(output, SIZE_LINES.save) }, undo, 
        // Once tar has written the archive, the library no longer needs the directory.
        SIZE_LINES.save);
    },
    async glob(patterns) {
        const globber = await glob/* create */.v(patterns.join('\n'), { matchDirectories: false });
        return (await globber.glob()).sort();
    },
    log: actionsLog
};


/***/ })

};
