export const id = 460;
export const ids = [460];
export const modules = {

/***/ 2599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ DEFAULT_PATIENCE),
/* harmony export */   w: () => (/* binding */ watch)
/* harmony export */ });
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7840);
/* harmony import */ var _failures_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8380);
/**
 * How long a cache operation may go on: as long as it makes progress (the service answers, bytes arrive),
 * within a bound that grows with the entry's size, and never through more than a retry or so of the library.
 */


const MIB = 1024 * 1024;
const DEFAULT_PATIENCE = { quietMs: 10_000, minBytesPerSecond: 2 * MIB, retries: 1 };
// tar runs at disk speed, far above any link's; its allowance only has to grow with the size.
const LOCAL_BYTES_PER_SECOND = 20 * MIB;
/** Runs `start` and waits for it while it makes progress; abandons it, saying why, once it stops. */
function watch(start, patience, opts = {}) {
    const now = Date.now;
    const started = now();
    let stage = opts.stage ?? 'service';
    let last = started;
    let done = 0;
    let total = opts.sizeBytes;
    let failures = 0;
    let verdict;
    let give = () => undefined;
    const onProgress = (p) => {
        opts.onProgress?.(p);
        switch (p.kind) {
            case 'request':
                stage = 'service';
                last = now();
                return;
            case 'answer':
            case 'found':
                last = now();
                return;
            case 'retry':
                failures++;
                if (failures > patience.retries)
                    give(`the cache service failed ${failures} times (${p.error})`);
                return;
            case 'transfer':
                stage = 'transfer';
                last = now();
                return;
            case 'traffic':
                done = p.bytes;
                last = now();
                return;
            case 'size':
                total = p.bytes;
                return;
            case 'local':
                stage = 'local';
                last = now();
        }
    };
    const size = () => Math.max(done, total ?? 0);
    const entry = () => (total === undefined ? '' : ` (a ${total}-byte entry)`);
    const stillness = () => {
        const quiet = now() - last;
        if (stage === 'local') {
            const allowance = patience.quietMs + (size() / LOCAL_BYTES_PER_SECOND) * 1000;
            return quiet > allowance ? `tar made no progress in ${(0,_config_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(allowance)}` : undefined;
        }
        if (quiet <= patience.quietMs)
            return undefined;
        if (stage === 'service')
            return `the cache service did not answer within ${(0,_config_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(patience.quietMs)}`;
        return `the transfer stalled: no bytes moved for ${(0,_config_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(patience.quietMs)}${entry()}`;
    };
    const slowness = () => {
        const elapsed = now() - started;
        const bound = 2 * patience.quietMs + (size() / patience.minBytesPerSecond) * 1000;
        return elapsed > bound ? `the transfer was too slow: ${(0,_config_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(elapsed)}${entry()}` : undefined;
    };
    return new Promise((resolve, reject) => {
        let call;
        const timer = setInterval(() => {
            const reason = stillness() ?? slowness();
            if (reason)
                give(reason);
        }, Math.min(250, patience.quietMs / 4));
        give = reason => {
            if (verdict !== undefined)
                return;
            verdict = reason;
            clearInterval(timer);
            call?.abandon();
            resolve({ abandoned: reason, stage });
        };
        try {
            call = start(onProgress);
        }
        catch (error) {
            clearInterval(timer);
            reject(error);
            return;
        }
        if (verdict !== undefined)
            call.abandon();
        call.settled.then(value => {
            if (verdict !== undefined)
                return;
            verdict = 'settled';
            clearInterval(timer);
            resolve({ value, stage });
        }, (error) => give((0,_failures_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error)));
    });
}


/***/ }),

/***/ 876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GA: () => (/* binding */ scratchDir),
/* harmony export */   T1: () => (/* binding */ versionFile),
/* harmony export */   jC: () => (/* binding */ scratchDirIn),
/* harmony export */   pR: () => (/* binding */ mergeTree),
/* harmony export */   t2: () => (/* binding */ exists),
/* harmony export */   xj: () => (/* binding */ versionDirs)
/* harmony export */ });
/* unused harmony exports treeSize, linkFiles, linkTree */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _go_modcache_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4310);
/* harmony import */ var _go_proxy_path_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2592);
/**
 * The download tree on disk: a run's own scratch directories inside the module cache, walking the tree,
 * linking what an entry keeps into a snapshot, and moving a restored tree into place beside other jobs.
 */




const SCRATCH_PREFIX = 'go-mod-download-';
// A run killed midway leaves its directory behind; no restore or save of a live run lasts a day.
const STALE_MS = 24 * 60 * 60_000;
/**
 * A directory of this run's own, `<GOMODCACHE>/cache/go-mod-download-<purpose>-XXXXXX`: inside the module
 * cache so hard links reach it, and private so jobs sharing the cache never meet in it.
 */
async function scratchDir(modCache, purpose) {
    return scratchDirIn(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(modCache, 'cache'), purpose);
}
/** A directory of this run's own, `<parent>/go-mod-download-<purpose>-XXXXXX`, stale ones of killed runs removed. */
async function scratchDirIn(parent, purpose) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(parent, { recursive: true });
    for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(parent).catch(() => [])) {
        if (!name.startsWith(SCRATCH_PREFIX))
            continue;
        const dir = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(parent, name);
        const age = Date.now() -
            (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(dir).then(s => s.mtimeMs, () => Date.now()));
        if (age > STALE_MS)
            (0,_go_modcache_js__WEBPACK_IMPORTED_MODULE_2__/* .removeTree */ .dM)(dir);
    }
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(parent, `${SCRATCH_PREFIX}${purpose}-`));
}
async function treeSize(dir) {
    let total = 0;
    const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
    for (const e of entries) {
        if (e.isFile())
            total += (await stat(path.join(e.parentPath, e.name)).catch(() => ({ size: 0 }))).size;
    }
    return total;
}
async function exists(p) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(p).then(() => true, () => false);
}
/** Every `<escaped path>/@v` directory under a download cache with its files, the checksum database aside. */
async function versionDirs(download) {
    const found = [];
    const walk = async (dir, rel) => {
        const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true }).catch(() => []);
        if (rel[rel.length - 1] === '@v') {
            found.push({
                dir,
                relative: node_path__WEBPACK_IMPORTED_MODULE_1___default().join(...rel),
                modulePath: (0,_go_proxy_path_js__WEBPACK_IMPORTED_MODULE_3__/* .decodeCase */ .He)(rel.slice(0, -1).join('/')) ?? rel.slice(0, -1).join('/'),
                names: entries.filter(e => e.isFile()).map(e => e.name)
            });
            return;
        }
        for (const e of entries) {
            if (!e.isDirectory() || (rel.length === 0 && e.name === 'sumdb'))
                continue;
            await walk(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, e.name), [...rel, e.name]);
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
    return { version: (0,_go_proxy_path_js__WEBPACK_IMPORTED_MODULE_3__/* .decodeCase */ .He)(match[1]) ?? match[1], ext: match[2] };
}
/** Hard-links `names` from `src` into `dst` (copies where linking fails); both sit in the module cache. */
async function linkFiles(src, dst, names) {
    await mkdir(dst, { recursive: true });
    for (const name of names) {
        const from = path.join(src, name);
        const to = path.join(dst, name);
        await link(from, to).catch(() => copyFile(from, to));
    }
}
/** Mirrors `src` into `dst` with hard links (copies where linking fails). */
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
// What rename says when another job put the directory in place first (EPERM on Windows).
const TAKEN = new Set(['EEXIST', 'ENOTEMPTY', 'EPERM']);
/**
 * Moves what `src` holds into `dst`, keeping files `dst` already has; `src` is gone afterwards. Each file
 * arrives whole (a rename), so a go running meanwhile on the same module cache never sees half of one.
 */
async function mergeTree(src, dst) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(dst), { recursive: true });
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(src, dst);
        return;
    }
    catch (error) {
        if (!TAKEN.has(error.code ?? ''))
            throw error;
    }
    for (const e of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(src, { withFileTypes: true })) {
        const from = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(src, e.name);
        const to = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dst, e.name);
        if (e.isDirectory())
            await mergeTree(from, to);
        else if (!(await exists(to)))
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(from, to);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(src, { recursive: true, force: true });
}


/***/ }),

/***/ 283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ZY: () => (/* binding */ actionsCacheService),
  gu: () => (/* binding */ buildCacheService)
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
// Every entry holds one folder relative to the directory the library runs in (`download` for the module
// cache): its version (a hash of the path strings) is then the same at every cache path, and each run can
// use a directory of its own.
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
    // GNU tar's "file changed as we read it": a hard link made or removed changes a file's ctime.
    const touched = /^Failed to save: "?\S*tar"? failed with error: .* exit code 1$/m.exec(text);
    if (touched)
        return { saved: false, reason: 'touched', message: touched[0] };
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
/** The cache service for entries that hold the folder `entry`. */
function cacheServiceFor(entry) {
    return {
        entry,
        available: () => cache/* isFeatureAvailable */.w3(),
        lookup(key, restoreKeys, onProgress) {
            return watched(() => cache/* restoreCache */.P3([entry], key, restoreKeys, { lookupOnly: true }), onProgress, (found, output) => ({
                key: found,
                failure: found === undefined ? libraryMessage(output, 'Failed to restore:') : undefined
            }));
        },
        restore(dir, key, restoreKeys, onProgress) {
            const undo = runIn(dir, false);
            return watched(() => cache/* restoreCache */.P3([entry], key, restoreKeys), onProgress, (found, output) => ({
                key: found,
                failure: found === undefined ? libraryMessage(output, 'Failed to restore:') : undefined,
                sizeBytes: librarySize(output, SIZE_LINES.restore)
            }), undo);
        },
        save(dir, key, onProgress) {
            const undo = runIn(dir, true);
            return watched(() => cache/* saveCache */.Io([entry], key), onProgress, (id, output) => id === -1
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
}
/** The module cache's entries: `download/`, GOMODCACHE's `cache/download`. */
const actionsCacheService = cacheServiceFor('download');
/** The build cache's entries: `go-build/`, GOCACHE's `00`-`ff` folders. */
const buildCacheService = cacheServiceFor('go-build');


/***/ })

};
