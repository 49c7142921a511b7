export const id = 796;
export const ids = [796];
export const modules = {

/***/ 7796:
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

// EXTERNAL MODULE: ./src/runner/state.ts
var state = __webpack_require__(6003);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/go/platform.ts
var go_platform = __webpack_require__(259);
;// CONCATENATED MODULE: ./src/cache/key.ts
/** The cache key: the runner's platform and a hash of the go.sum files, found with one glob. */





/** `go-mod-<os>-<arch>-`, the restore key every key of this runner's platform starts with. */
function cacheKeyPrefix(platform = process.platform, arch = process.arch) {
    return `go-mod-${(0,go_platform/* goOs */.f)(platform)}-${(0,go_platform/* goArch */.J)(arch, platform)}-`;
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
    const service = opts.service ?? actionsCacheService;
    const workspace = opts.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd();
    const given = opts.dependencyPath
        .split(/\r?\n/)
        .map(p => p.trim())
        .filter(p => p !== '' && !p.startsWith('#'));
    const goSumFiles = await service.glob(opts.workingDirectories.flatMap(dir => [
        absolute(external_node_path_default().join(dir, '**', 'go.sum'), workspace),
        absolute(external_node_path_default().join(dir, '**', 'go.work.sum'), workspace),
        absolute(`!${external_node_path_default().join(dir, '**', 'vendor', '**')}`, workspace)
    ]));
    const hashed = given.length > 0 ? await service.glob(given.map(p => absolute(p, workspace))) : goSumFiles;
    const outer = (0,external_node_crypto_.createHash)('sha256');
    for (const file of hashed) {
        const inner = (0,external_node_crypto_.createHash)('sha256').update(await (0,promises_.readFile)(file));
        outer.update(inner.digest());
    }
    return { key: cacheKeyPrefix(opts.platform, opts.arch) + outer.digest('hex'), goSumFiles };
}

;// CONCATENATED MODULE: ./src/cache/patience.ts
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
            return quiet > allowance ? `tar made no progress in ${(0,duration/* formatDuration */.a)(allowance)}` : undefined;
        }
        if (quiet <= patience.quietMs)
            return undefined;
        if (stage === 'service')
            return `the cache service did not answer within ${(0,duration/* formatDuration */.a)(patience.quietMs)}`;
        return `the transfer stalled: no bytes moved for ${(0,duration/* formatDuration */.a)(patience.quietMs)}${entry()}`;
    };
    const slowness = () => {
        const elapsed = now() - started;
        const bound = 2 * patience.quietMs + (size() / patience.minBytesPerSecond) * 1000;
        return elapsed > bound ? `the transfer was too slow: ${(0,duration/* formatDuration */.a)(elapsed)}${entry()}` : undefined;
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
        }, (error) => give((0,errors/* errorMessage */.g)(error)));
    });
}

// EXTERNAL MODULE: ./src/go/proxy-path.ts
var proxy_path = __webpack_require__(2592);
;// CONCATENATED MODULE: ./src/cache/snapshot.ts
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
    const parent = external_node_path_default().join(modCache, 'cache');
    await (0,promises_.mkdir)(parent, { recursive: true });
    for (const name of await (0,promises_.readdir)(parent).catch(() => [])) {
        if (!name.startsWith(SCRATCH_PREFIX))
            continue;
        const dir = external_node_path_default().join(parent, name);
        const age = Date.now() -
            (await (0,promises_.stat)(dir).then(s => s.mtimeMs, () => Date.now()));
        if (age > STALE_MS)
            (0,modcache/* removeTree */.dM)(dir);
    }
    return (0,promises_.mkdtemp)(external_node_path_default().join(parent, `${SCRATCH_PREFIX}${purpose}-`));
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
    return (0,promises_.stat)(p).then(() => true, () => false);
}
/** Every `<escaped path>/@v` directory under a download cache with its files, the checksum database aside. */
async function versionDirs(download) {
    const found = [];
    const walk = async (dir, rel) => {
        const entries = await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => []);
        if (rel[rel.length - 1] === '@v') {
            found.push({
                dir,
                relative: external_node_path_default().join(...rel),
                modulePath: (0,proxy_path/* decodeCase */.He)(rel.slice(0, -1).join('/')) ?? rel.slice(0, -1).join('/'),
                names: entries.filter(e => e.isFile()).map(e => e.name)
            });
            return;
        }
        for (const e of entries) {
            if (!e.isDirectory() || (rel.length === 0 && e.name === 'sumdb'))
                continue;
            await walk(external_node_path_default().join(dir, e.name), [...rel, e.name]);
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
    return { version: (0,proxy_path/* decodeCase */.He)(match[1]) ?? match[1], ext: match[2] };
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
    await (0,promises_.mkdir)(external_node_path_default().dirname(dst), { recursive: true });
    try {
        await (0,promises_.rename)(src, dst);
        return;
    }
    catch (error) {
        if (!TAKEN.has(error.code ?? ''))
            throw error;
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
/** `go mod verify` for the download cache, and whether it holds every file the download needs. */





/** The checks go.sum asks for among the files of one `@v` directory. */
function hashChecks(dir, modulePath, names, sums) {
    const checks = [];
    for (const name of names) {
        const file = versionFile(name);
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
    let data;
    try {
        data = await (0,promises_.readFile)(external_node_path_default().join(c.dir, `${c.escVersion}.${c.what}`));
    }
    catch {
        return { ok: false, bytes: 0 };
    }
    if (c.what === 'mod')
        return { ok: (0,gosum/* hashGoMod */.hK)(data) === c.want, bytes: data.length };
    let got;
    try {
        got = (0,gosum/* hashModuleZip */.y8)(data);
    }
    catch {
        return { ok: false, bytes: data.length };
    }
    if (got !== c.want)
        return { ok: false, bytes: data.length };
    // go trusts the .ziphash without re-hashing the zip, so a wrong one is as bad as a wrong zip.
    const ziphash = await (0,promises_.readFile)(external_node_path_default().join(c.dir, `${c.escVersion}.ziphash`), 'utf8').catch(() => undefined);
    return { ok: ziphash === undefined || ziphash.trim() === c.want, bytes: data.length };
}
/** Hashes the files, four at a time: the `path@version`s that do not match go.sum, and the bytes read. */
async function runHashChecks(checks) {
    const bad = new Map();
    let bytes = 0;
    await eachLimited(checks, 4, async (c) => {
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
    for (const { dir, modulePath, names } of await versionDirs((0,modcache/* downloadRoot */.Fw)(modCache))) {
        for (const name of names) {
            const file = versionFile(name);
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
    const service = opts.service ?? actionsCacheService;
    const log = opts.log ?? service.log;
    const patience = { ...DEFAULT_PATIENCE, ...opts.patience };
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
        return miss('The GitHub cache service is not configured on this runner; starting without a module cache.');
    }
    const restoreKeys = opts.restoreKeys ?? [opts.key.slice(0, opts.key.lastIndexOf('-') + 1)];
    const started = Date.now();
    let staging;
    try {
        staging = await scratchDir(opts.modCache, 'restore');
        const dir = staging;
        const watched = await watch(progress => service.restore(dir, opts.key, restoreKeys, progress), patience, {
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
        if (!(await exists(restored))) {
            return miss(`The module cache entry ${matchedKey} did not restore into ${restored}; starting without a cache.`, {
                restoreMs: report.restoreMs
            });
        }
        report.sizeBytes = sizeBytes;
        await mergeTree(restored, (0,modcache/* downloadRoot */.Fw)(opts.modCache));
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
    const { key, goSumFiles } = await cacheKey({
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
