export const id = 326;
export const ids = [326];
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

/***/ 8326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   saveBuildCache: () => (/* binding */ saveBuildCache)
/* harmony export */ });
/* unused harmony export DEFAULT_THRESHOLD */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7840);
/* harmony import */ var _failures_errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8380);
/* harmony import */ var _go_disk_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2605);
/* harmony import */ var _go_modcache_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4310);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(2011);
/* harmony import */ var _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6788);
/* harmony import */ var _build_entries_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2547);
/* harmony import */ var _patience_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2599);
/* harmony import */ var _snapshot_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(876);
/**
 * The post step's half of the build cache: count what the job used and added, keep only that, and save it
 * under this run's key when the job added enough to be worth a new entry.
 */











const MIB = 1024 * 1024;
const DEFAULT_THRESHOLD = { share: 0.1, bytes: 20 * MIB, firstBytes: 1 * MIB };
function tally(entries) {
    return { entries: entries.length, bytes: entries.reduce((n, e) => n + e.bytes, 0) };
}
async function readManifest(file) {
    if (file === undefined)
        return new Set();
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8').catch(() => '');
    return new Set(text.split('\n').filter(line => line !== ''));
}
/** Hard-links the entries into `snapshot` (copies where linking fails), a cached executable's folder with its one file. */
async function linkEntries(gocache, snapshot, entries) {
    const subdirs = new Set(entries.map(e => e.name.slice(0, 2)));
    for (const sub of subdirs)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(snapshot, sub), { recursive: true });
    const linkFile = (from, to) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.link)(from, to).catch(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(from, to));
    await (0,_go_disk_js__WEBPACK_IMPORTED_MODULE_3__/* .eachLimited */ .ko)(entries, 16, async (entry) => {
        const from = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(gocache, ...entry.name.split('/'));
        const to = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(snapshot, ...entry.name.split('/'));
        if (!entry.executable)
            return linkFile(from, to);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(to);
        for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(from))
            await linkFile(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(from, name), node_path__WEBPACK_IMPORTED_MODULE_1___default().join(to, name));
    });
}
/**
 * Counts the entries the job restored, used and added, and saves those it used or added under the key when
 * the trust policy, the outcome and the threshold allow. Deletes nothing from GOCACHE. Never throws: a failure
 * is a warning (a notice when another job saved the key first or nothing new was worth saving).
 */
async function saveBuildCache(opts) {
    const service = opts.service ?? _runner_cache_service_js__WEBPACK_IMPORTED_MODULE_5__/* .buildCacheService */ .gu;
    const log = opts.log ?? service.log;
    const patience = { ..._patience_js__WEBPACK_IMPORTED_MODULE_7__/* .DEFAULT_PATIENCE */ .Q, ...opts.patience };
    const threshold = { ...DEFAULT_THRESHOLD, ...opts.threshold };
    const { state } = opts;
    const none = { entries: 0, bytes: 0 };
    const report = {
        key: state.key,
        matchedKey: state.matchedKey,
        restored: { entries: state.restoredEntries, bytes: state.restoredBytes },
        ...(state.restoreMs !== undefined ? { restoreMs: state.restoreMs } : {}),
        used: none,
        added: none
    };
    if (state.skipped !== undefined)
        return { ...report, skipped: state.skipped };
    const skip = (sentence, level = 'info') => {
        log[level](`Build cache not saved: ${sentence}`);
        return { ...report, notSaved: `Not saved: ${sentence}` };
    };
    let scratch;
    try {
        const restored = await readManifest(state.manifest);
        const entries = await (0,_build_entries_js__WEBPACK_IMPORTED_MODULE_6__/* .listEntries */ .fi)(state.gocache);
        const added = entries.filter(e => !restored.has(e.name));
        report.used = tally(entries.filter(e => restored.has(e.name) && (0,_build_entries_js__WEBPACK_IMPORTED_MODULE_6__/* .usedSince */ .oO)(e, state.restoredAt)));
        report.added = tally(added);
        const addedText = `${report.added.entries} added (${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(report.added.bytes)})`;
        log.info(state.restoredEntries === 0
            ? `Build cache: nothing restored, ${addedText}.`
            : `Build cache: ${state.restoredEntries} entries restored, ${report.used.entries} of them used ` +
                `(${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(report.used.bytes)}), ${addedText}.`);
        if (opts.outcome !== 'success' && opts.outcome !== 'vendor')
            return skip('the main step did not complete the download, so no build used this cache.');
        if (state.saveBlocked !== undefined)
            return skip(`${state.saveBlocked}.`, state.saveBlockedNotice ? 'notice' : 'info');
        if (state.matchedKey === state.key)
            return skip(`it was restored from ${state.key} itself.`);
        const unavailable = state.unavailable ?? opts.unavailable;
        if (unavailable !== undefined)
            return skip(`the cache service could not be used (${unavailable}).`);
        if (!service.available())
            return skip('the GitHub cache service is not configured on this runner.');
        if (state.restoredEntries === 0 && added.length === 0)
            return skip("the job's go commands wrote nothing to GOCACHE.");
        const kept = await (0,_build_entries_js__WEBPACK_IMPORTED_MODULE_6__/* .keptEntries */ .lJ)(state.gocache, entries, state.restoredAt);
        const keptAdded = tally(kept.filter(e => !restored.has(e.name)));
        const needed = state.restoredBytes > 0
            ? Math.max(threshold.share * state.restoredBytes, threshold.bytes)
            : threshold.firstBytes;
        if (keptAdded.bytes < needed) {
            return skip(`the job added ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(keptAdded.bytes)} to ${state.restoredBytes > 0 ? `the ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(state.restoredBytes)} restored` : 'an empty cache'}, ` +
                `less than the ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(needed)} a new entry needs, so ${state.restoredBytes > 0 ? 'the entry restored stays the newest' : 'nothing is kept'}.`, 'notice');
        }
        const started = Date.now();
        scratch = await (0,_snapshot_js__WEBPACK_IMPORTED_MODULE_8__/* .scratchDirIn */ .jC)(state.gocache, 'save');
        const bytes = kept.reduce((n, e) => n + e.bytes, 0);
        await linkEntries(state.gocache, node_path__WEBPACK_IMPORTED_MODULE_1___default().join(scratch, service.entry), kept);
        const exists = () => skip(`the entry ${state.key} already exists: another job of this run saved it first ` +
            '(matrix legs that build differently need build-cache-variants of their own).', 'notice');
        // Another job saving the same files at the same time can make tar fail; by the next lookup it has often saved.
        let result;
        for (let round = 1; result === undefined; round++) {
            const lookup = await (0,_patience_js__WEBPACK_IMPORTED_MODULE_7__/* .watch */ .w)(progress => service.lookup(state.key, [], progress), patience);
            if ('abandoned' in lookup)
                return skip(`${lookup.abandoned}.`, 'warning');
            if (lookup.value.key === state.key)
                return exists();
            if (lookup.value.failure)
                return skip(`the cache service failed: ${lookup.value.failure}`, 'warning');
            const dir = scratch;
            const saved = await (0,_patience_js__WEBPACK_IMPORTED_MODULE_7__/* .watch */ .w)(progress => service.save(dir, state.key, progress), patience, {
                stage: 'local',
                sizeBytes: bytes
            });
            if ('abandoned' in saved)
                return skip(`${saved.abandoned}.`, 'warning');
            if (saved.value.saved || saved.value.reason !== 'touched' || round === 2)
                result = saved.value;
        }
        if (!result.saved) {
            if (result.reason === 'exists')
                return exists();
            if (result.reason === 'denied')
                return skip("this run's token may only read the cache (cache write denied).", 'notice');
            return skip(result.message, 'warning');
        }
        const saveMs = Date.now() - started;
        report.saved = {
            entries: kept.length,
            bytes,
            executables: kept.filter(e => e.executable).length,
            ...(result.sizeBytes !== undefined ? { archiveBytes: result.sizeBytes } : {}),
            saveMs
        };
        log.info(`Saved the build cache as ${state.key}: ${kept.length} entries (${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(bytes)}) in ${(0,_config_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(saveMs)}.`);
        return report;
    }
    catch (error) {
        return skip((0,_failures_errors_js__WEBPACK_IMPORTED_MODULE_10__/* .errorMessage */ .g)(error), 'warning');
    }
    finally {
        // An abandoned save may still be archiving the snapshot; pulling it away makes that attempt fail.
        if (scratch !== undefined)
            (0,_go_modcache_js__WEBPACK_IMPORTED_MODULE_4__/* .removeTree */ .dM)(scratch);
        if (state.manifest !== undefined)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(state.manifest), { recursive: true, force: true });
    }
}


/***/ })

};
