import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 183:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.req = exports.json = exports.toBuffer = void 0;
const http = __importStar(__nccwpck_require__(611));
const https = __importStar(__nccwpck_require__(692));
async function toBuffer(stream) {
    let length = 0;
    const chunks = [];
    for await (const chunk of stream) {
        length += chunk.length;
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, length);
}
exports.toBuffer = toBuffer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(stream) {
    const buf = await toBuffer(stream);
    const str = buf.toString('utf8');
    try {
        return JSON.parse(str);
    }
    catch (_err) {
        const err = _err;
        err.message += ` (input: ${str})`;
        throw err;
    }
}
exports.json = json;
function req(url, opts = {}) {
    const href = typeof url === 'string' ? url : url.href;
    const req = (href.startsWith('https:') ? https : http).request(url, opts);
    const promise = new Promise((resolve, reject) => {
        req
            .once('response', resolve)
            .once('error', reject)
            .end();
    });
    req.then = promise.then.bind(promise);
    return req;
}
exports.req = req;
//# sourceMappingURL=helpers.js.map

/***/ }),

/***/ 894:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Agent = void 0;
const net = __importStar(__nccwpck_require__(278));
const http = __importStar(__nccwpck_require__(611));
const https_1 = __nccwpck_require__(692);
__exportStar(__nccwpck_require__(183), exports);
const INTERNAL = Symbol('AgentBaseInternalState');
class Agent extends http.Agent {
    constructor(opts) {
        super(opts);
        this[INTERNAL] = {};
    }
    /**
     * Determine whether this is an `http` or `https` request.
     */
    isSecureEndpoint(options) {
        if (options) {
            // First check the `secureEndpoint` property explicitly, since this
            // means that a parent `Agent` is "passing through" to this instance.
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            if (typeof options.secureEndpoint === 'boolean') {
                return options.secureEndpoint;
            }
            // If no explicit `secure` endpoint, check if `protocol` property is
            // set. This will usually be the case since using a full string URL
            // or `URL` instance should be the most common usage.
            if (typeof options.protocol === 'string') {
                return options.protocol === 'https:';
            }
        }
        // Finally, if no `protocol` property was set, then fall back to
        // checking the stack trace of the current call stack, and try to
        // detect the "https" module.
        const { stack } = new Error();
        if (typeof stack !== 'string')
            return false;
        return stack
            .split('\n')
            .some((l) => l.indexOf('(https.js:') !== -1 ||
            l.indexOf('node:https:') !== -1);
    }
    // In order to support async signatures in `connect()` and Node's native
    // connection pooling in `http.Agent`, the array of sockets for each origin
    // has to be updated synchronously. This is so the length of the array is
    // accurate when `addRequest()` is next called. We achieve this by creating a
    // fake socket and adding it to `sockets[origin]` and incrementing
    // `totalSocketCount`.
    incrementSockets(name) {
        // If `maxSockets` and `maxTotalSockets` are both Infinity then there is no
        // need to create a fake socket because Node.js native connection pooling
        // will never be invoked.
        if (this.maxSockets === Infinity && this.maxTotalSockets === Infinity) {
            return null;
        }
        // All instances of `sockets` are expected TypeScript errors. The
        // alternative is to add it as a private property of this class but that
        // will break TypeScript subclassing.
        if (!this.sockets[name]) {
            // @ts-expect-error `sockets` is readonly in `@types/node`
            this.sockets[name] = [];
        }
        const fakeSocket = new net.Socket({ writable: false });
        this.sockets[name].push(fakeSocket);
        // @ts-expect-error `totalSocketCount` isn't defined in `@types/node`
        this.totalSocketCount++;
        return fakeSocket;
    }
    decrementSockets(name, socket) {
        if (!this.sockets[name] || socket === null) {
            return;
        }
        const sockets = this.sockets[name];
        const index = sockets.indexOf(socket);
        if (index !== -1) {
            sockets.splice(index, 1);
            // @ts-expect-error  `totalSocketCount` isn't defined in `@types/node`
            this.totalSocketCount--;
            if (sockets.length === 0) {
                // @ts-expect-error `sockets` is readonly in `@types/node`
                delete this.sockets[name];
            }
        }
    }
    // In order to properly update the socket pool, we need to call `getName()` on
    // the core `https.Agent` if it is a secureEndpoint.
    getName(options) {
        const secureEndpoint = this.isSecureEndpoint(options);
        if (secureEndpoint) {
            // @ts-expect-error `getName()` isn't defined in `@types/node`
            return https_1.Agent.prototype.getName.call(this, options);
        }
        // @ts-expect-error `getName()` isn't defined in `@types/node`
        return super.getName(options);
    }
    createSocket(req, options, cb) {
        const connectOpts = {
            ...options,
            secureEndpoint: this.isSecureEndpoint(options),
        };
        const name = this.getName(connectOpts);
        const fakeSocket = this.incrementSockets(name);
        Promise.resolve()
            .then(() => this.connect(req, connectOpts))
            .then((socket) => {
            this.decrementSockets(name, fakeSocket);
            if (socket instanceof http.Agent) {
                try {
                    // @ts-expect-error `addRequest()` isn't defined in `@types/node`
                    return socket.addRequest(req, connectOpts);
                }
                catch (err) {
                    return cb(err);
                }
            }
            this[INTERNAL].currentSocket = socket;
            // @ts-expect-error `createSocket()` isn't defined in `@types/node`
            super.createSocket(req, options, cb);
        }, (err) => {
            this.decrementSockets(name, fakeSocket);
            cb(err);
        });
    }
    createConnection() {
        const socket = this[INTERNAL].currentSocket;
        this[INTERNAL].currentSocket = undefined;
        if (!socket) {
            throw new Error('No socket was returned in the `connect()` function');
        }
        return socket;
    }
    get defaultPort() {
        return (this[INTERNAL].defaultPort ??
            (this.protocol === 'https:' ? 443 : 80));
    }
    set defaultPort(v) {
        if (this[INTERNAL]) {
            this[INTERNAL].defaultPort = v;
        }
    }
    get protocol() {
        return (this[INTERNAL].protocol ??
            (this.isSecureEndpoint() ? 'https:' : 'http:'));
    }
    set protocol(v) {
        if (this[INTERNAL]) {
            this[INTERNAL].protocol = v;
        }
    }
}
exports.Agent = Agent;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 110:
/***/ ((module, exports, __nccwpck_require__) => {

/* eslint-env browser */

/**
 * This is the web browser implementation of `debug()`.
 */

exports.formatArgs = formatArgs;
exports.save = save;
exports.load = load;
exports.useColors = useColors;
exports.storage = localstorage();
exports.destroy = (() => {
	let warned = false;

	return () => {
		if (!warned) {
			warned = true;
			console.warn('Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.');
		}
	};
})();

/**
 * Colors.
 */

exports.colors = [
	'#0000CC',
	'#0000FF',
	'#0033CC',
	'#0033FF',
	'#0066CC',
	'#0066FF',
	'#0099CC',
	'#0099FF',
	'#00CC00',
	'#00CC33',
	'#00CC66',
	'#00CC99',
	'#00CCCC',
	'#00CCFF',
	'#3300CC',
	'#3300FF',
	'#3333CC',
	'#3333FF',
	'#3366CC',
	'#3366FF',
	'#3399CC',
	'#3399FF',
	'#33CC00',
	'#33CC33',
	'#33CC66',
	'#33CC99',
	'#33CCCC',
	'#33CCFF',
	'#6600CC',
	'#6600FF',
	'#6633CC',
	'#6633FF',
	'#66CC00',
	'#66CC33',
	'#9900CC',
	'#9900FF',
	'#9933CC',
	'#9933FF',
	'#99CC00',
	'#99CC33',
	'#CC0000',
	'#CC0033',
	'#CC0066',
	'#CC0099',
	'#CC00CC',
	'#CC00FF',
	'#CC3300',
	'#CC3333',
	'#CC3366',
	'#CC3399',
	'#CC33CC',
	'#CC33FF',
	'#CC6600',
	'#CC6633',
	'#CC9900',
	'#CC9933',
	'#CCCC00',
	'#CCCC33',
	'#FF0000',
	'#FF0033',
	'#FF0066',
	'#FF0099',
	'#FF00CC',
	'#FF00FF',
	'#FF3300',
	'#FF3333',
	'#FF3366',
	'#FF3399',
	'#FF33CC',
	'#FF33FF',
	'#FF6600',
	'#FF6633',
	'#FF9900',
	'#FF9933',
	'#FFCC00',
	'#FFCC33'
];

/**
 * Currently only WebKit-based Web Inspectors, Firefox >= v31,
 * and the Firebug extension (any Firefox version) are known
 * to support "%c" CSS customizations.
 *
 * TODO: add a `localStorage` variable to explicitly enable/disable colors
 */

// eslint-disable-next-line complexity
function useColors() {
	// NB: In an Electron preload script, document will be defined but not fully
	// initialized. Since we know we're in Chrome, we'll just detect this case
	// explicitly
	if (typeof window !== 'undefined' && window.process && (window.process.type === 'renderer' || window.process.__nwjs)) {
		return true;
	}

	// Internet Explorer and Edge do not support colors.
	if (typeof navigator !== 'undefined' && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
		return false;
	}

	let m;

	// Is webkit? http://stackoverflow.com/a/16459606/376773
	// document is undefined in react-native: https://github.com/facebook/react-native/pull/1632
	// eslint-disable-next-line no-return-assign
	return (typeof document !== 'undefined' && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance) ||
		// Is firebug? http://stackoverflow.com/a/398120/376773
		(typeof window !== 'undefined' && window.console && (window.console.firebug || (window.console.exception && window.console.table))) ||
		// Is firefox >= v31?
		// https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
		(typeof navigator !== 'undefined' && navigator.userAgent && (m = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m[1], 10) >= 31) ||
		// Double check webkit in userAgent just in case we are in a worker
		(typeof navigator !== 'undefined' && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/));
}

/**
 * Colorize log arguments if enabled.
 *
 * @api public
 */

function formatArgs(args) {
	args[0] = (this.useColors ? '%c' : '') +
		this.namespace +
		(this.useColors ? ' %c' : ' ') +
		args[0] +
		(this.useColors ? '%c ' : ' ') +
		'+' + module.exports.humanize(this.diff);

	if (!this.useColors) {
		return;
	}

	const c = 'color: ' + this.color;
	args.splice(1, 0, c, 'color: inherit');

	// The final "%c" is somewhat tricky, because there could be other
	// arguments passed either before or after the %c, so we need to
	// figure out the correct index to insert the CSS into
	let index = 0;
	let lastC = 0;
	args[0].replace(/%[a-zA-Z%]/g, match => {
		if (match === '%%') {
			return;
		}
		index++;
		if (match === '%c') {
			// We only are interested in the *last* %c
			// (the user may have provided their own)
			lastC = index;
		}
	});

	args.splice(lastC, 0, c);
}

/**
 * Invokes `console.debug()` when available.
 * No-op when `console.debug` is not a "function".
 * If `console.debug` is not available, falls back
 * to `console.log`.
 *
 * @api public
 */
exports.log = console.debug || console.log || (() => {});

/**
 * Save `namespaces`.
 *
 * @param {String} namespaces
 * @api private
 */
function save(namespaces) {
	try {
		if (namespaces) {
			exports.storage.setItem('debug', namespaces);
		} else {
			exports.storage.removeItem('debug');
		}
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}
}

/**
 * Load `namespaces`.
 *
 * @return {String} returns the previously persisted debug modes
 * @api private
 */
function load() {
	let r;
	try {
		r = exports.storage.getItem('debug') || exports.storage.getItem('DEBUG') ;
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}

	// If debug isn't set in LS, and we're in Electron, try to load $DEBUG
	if (!r && typeof process !== 'undefined' && 'env' in process) {
		r = process.env.DEBUG;
	}

	return r;
}

/**
 * Localstorage attempts to return the localstorage.
 *
 * This is necessary because safari throws
 * when a user disables cookies/localstorage
 * and you attempt to access it.
 *
 * @return {LocalStorage}
 * @api private
 */

function localstorage() {
	try {
		// TVMLKit (Apple TV JS Runtime) does not have a window object, just localStorage in the global context
		// The Browser also has localStorage in the global context.
		return localStorage;
	} catch (error) {
		// Swallow
		// XXX (@Qix-) should we be logging these?
	}
}

module.exports = __nccwpck_require__(897)(exports);

const {formatters} = module.exports;

/**
 * Map %j to `JSON.stringify()`, since no Web Inspectors do that by default.
 */

formatters.j = function (v) {
	try {
		return JSON.stringify(v);
	} catch (error) {
		return '[UnexpectedJSONParseError]: ' + error.message;
	}
};


/***/ }),

/***/ 897:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


/**
 * This is the common logic for both the Node.js and web browser
 * implementations of `debug()`.
 */

function setup(env) {
	createDebug.debug = createDebug;
	createDebug.default = createDebug;
	createDebug.coerce = coerce;
	createDebug.disable = disable;
	createDebug.enable = enable;
	createDebug.enabled = enabled;
	createDebug.humanize = __nccwpck_require__(744);
	createDebug.destroy = destroy;

	Object.keys(env).forEach(key => {
		createDebug[key] = env[key];
	});

	/**
	* The currently active debug mode names, and names to skip.
	*/

	createDebug.names = [];
	createDebug.skips = [];

	/**
	* Map of special "%n" handling functions, for the debug "format" argument.
	*
	* Valid key names are a single, lower or upper-case letter, i.e. "n" and "N".
	*/
	createDebug.formatters = {};

	/**
	* Selects a color for a debug namespace
	* @param {String} namespace The namespace string for the debug instance to be colored
	* @return {Number|String} An ANSI color code for the given namespace
	* @api private
	*/
	function selectColor(namespace) {
		let hash = 0;

		for (let i = 0; i < namespace.length; i++) {
			hash = ((hash << 5) - hash) + namespace.charCodeAt(i);
			hash |= 0; // Convert to 32bit integer
		}

		return createDebug.colors[Math.abs(hash) % createDebug.colors.length];
	}
	createDebug.selectColor = selectColor;

	/**
	* Create a debugger with the given `namespace`.
	*
	* @param {String} namespace
	* @return {Function}
	* @api public
	*/
	function createDebug(namespace) {
		let prevTime;
		let enableOverride = null;
		let namespacesCache;
		let enabledCache;

		function debug(...args) {
			// Disabled?
			if (!debug.enabled) {
				return;
			}

			const self = debug;

			// Set `diff` timestamp
			const curr = Number(new Date());
			const ms = curr - (prevTime || curr);
			self.diff = ms;
			self.prev = prevTime;
			self.curr = curr;
			prevTime = curr;

			args[0] = createDebug.coerce(args[0]);

			if (typeof args[0] !== 'string') {
				// Anything else let's inspect with %O
				args.unshift('%O');
			}

			// Apply any `formatters` transformations
			let index = 0;
			args[0] = args[0].replace(/%([a-zA-Z%])/g, (match, format) => {
				// If we encounter an escaped % then don't increase the array index
				if (match === '%%') {
					return '%';
				}
				index++;
				const formatter = createDebug.formatters[format];
				if (typeof formatter === 'function') {
					const val = args[index];
					match = formatter.call(self, val);

					// Now we need to remove `args[index]` since it's inlined in the `format`
					args.splice(index, 1);
					index--;
				}
				return match;
			});

			// Apply env-specific formatting (colors, etc.)
			createDebug.formatArgs.call(self, args);

			const logFn = self.log || createDebug.log;
			logFn.apply(self, args);
		}

		debug.namespace = namespace;
		debug.useColors = createDebug.useColors();
		debug.color = createDebug.selectColor(namespace);
		debug.extend = extend;
		debug.destroy = createDebug.destroy; // XXX Temporary. Will be removed in the next major release.

		Object.defineProperty(debug, 'enabled', {
			enumerable: true,
			configurable: false,
			get: () => {
				if (enableOverride !== null) {
					return enableOverride;
				}
				if (namespacesCache !== createDebug.namespaces) {
					namespacesCache = createDebug.namespaces;
					enabledCache = createDebug.enabled(namespace);
				}

				return enabledCache;
			},
			set: v => {
				enableOverride = v;
			}
		});

		// Env-specific initialization logic for debug instances
		if (typeof createDebug.init === 'function') {
			createDebug.init(debug);
		}

		return debug;
	}

	function extend(namespace, delimiter) {
		const newDebug = createDebug(this.namespace + (typeof delimiter === 'undefined' ? ':' : delimiter) + namespace);
		newDebug.log = this.log;
		return newDebug;
	}

	/**
	* Enables a debug mode by namespaces. This can include modes
	* separated by a colon and wildcards.
	*
	* @param {String} namespaces
	* @api public
	*/
	function enable(namespaces) {
		createDebug.save(namespaces);
		createDebug.namespaces = namespaces;

		createDebug.names = [];
		createDebug.skips = [];

		const split = (typeof namespaces === 'string' ? namespaces : '')
			.trim()
			.replace(/\s+/g, ',')
			.split(',')
			.filter(Boolean);

		for (const ns of split) {
			if (ns[0] === '-') {
				createDebug.skips.push(ns.slice(1));
			} else {
				createDebug.names.push(ns);
			}
		}
	}

	/**
	 * Checks if the given string matches a namespace template, honoring
	 * asterisks as wildcards.
	 *
	 * @param {String} search
	 * @param {String} template
	 * @return {Boolean}
	 */
	function matchesTemplate(search, template) {
		let searchIndex = 0;
		let templateIndex = 0;
		let starIndex = -1;
		let matchIndex = 0;

		while (searchIndex < search.length) {
			if (templateIndex < template.length && (template[templateIndex] === search[searchIndex] || template[templateIndex] === '*')) {
				// Match character or proceed with wildcard
				if (template[templateIndex] === '*') {
					starIndex = templateIndex;
					matchIndex = searchIndex;
					templateIndex++; // Skip the '*'
				} else {
					searchIndex++;
					templateIndex++;
				}
			} else if (starIndex !== -1) { // eslint-disable-line no-negated-condition
				// Backtrack to the last '*' and try to match more characters
				templateIndex = starIndex + 1;
				matchIndex++;
				searchIndex = matchIndex;
			} else {
				return false; // No match
			}
		}

		// Handle trailing '*' in template
		while (templateIndex < template.length && template[templateIndex] === '*') {
			templateIndex++;
		}

		return templateIndex === template.length;
	}

	/**
	* Disable debug output.
	*
	* @return {String} namespaces
	* @api public
	*/
	function disable() {
		const namespaces = [
			...createDebug.names,
			...createDebug.skips.map(namespace => '-' + namespace)
		].join(',');
		createDebug.enable('');
		return namespaces;
	}

	/**
	* Returns true if the given mode name is enabled, false otherwise.
	*
	* @param {String} name
	* @return {Boolean}
	* @api public
	*/
	function enabled(name) {
		for (const skip of createDebug.skips) {
			if (matchesTemplate(name, skip)) {
				return false;
			}
		}

		for (const ns of createDebug.names) {
			if (matchesTemplate(name, ns)) {
				return true;
			}
		}

		return false;
	}

	/**
	* Coerce `val`.
	*
	* @param {Mixed} val
	* @return {Mixed}
	* @api private
	*/
	function coerce(val) {
		if (val instanceof Error) {
			return val.stack || val.message;
		}
		return val;
	}

	/**
	* XXX DO NOT USE. This is a temporary stub function.
	* XXX It WILL be removed in the next major release.
	*/
	function destroy() {
		console.warn('Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.');
	}

	createDebug.enable(createDebug.load());

	return createDebug;
}

module.exports = setup;


/***/ }),

/***/ 830:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/**
 * Detect Electron renderer / nwjs process, which is node, but we should
 * treat as a browser.
 */

if (typeof process === 'undefined' || process.type === 'renderer' || process.browser === true || process.__nwjs) {
	module.exports = __nccwpck_require__(110);
} else {
	module.exports = __nccwpck_require__(108);
}


/***/ }),

/***/ 108:
/***/ ((module, exports, __nccwpck_require__) => {

/**
 * Module dependencies.
 */

const tty = __nccwpck_require__(18);
const util = __nccwpck_require__(23);

/**
 * This is the Node.js implementation of `debug()`.
 */

exports.init = init;
exports.log = log;
exports.formatArgs = formatArgs;
exports.save = save;
exports.load = load;
exports.useColors = useColors;
exports.destroy = util.deprecate(
	() => {},
	'Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.'
);

/**
 * Colors.
 */

exports.colors = [6, 2, 3, 4, 5, 1];

try {
	// Optional dependency (as in, doesn't need to be installed, NOT like optionalDependencies in package.json)
	// eslint-disable-next-line import/no-extraneous-dependencies
	const supportsColor = __nccwpck_require__(450);

	if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
		exports.colors = [
			20,
			21,
			26,
			27,
			32,
			33,
			38,
			39,
			40,
			41,
			42,
			43,
			44,
			45,
			56,
			57,
			62,
			63,
			68,
			69,
			74,
			75,
			76,
			77,
			78,
			79,
			80,
			81,
			92,
			93,
			98,
			99,
			112,
			113,
			128,
			129,
			134,
			135,
			148,
			149,
			160,
			161,
			162,
			163,
			164,
			165,
			166,
			167,
			168,
			169,
			170,
			171,
			172,
			173,
			178,
			179,
			184,
			185,
			196,
			197,
			198,
			199,
			200,
			201,
			202,
			203,
			204,
			205,
			206,
			207,
			208,
			209,
			214,
			215,
			220,
			221
		];
	}
} catch (error) {
	// Swallow - we only care if `supports-color` is available; it doesn't have to be.
}

/**
 * Build up the default `inspectOpts` object from the environment variables.
 *
 *   $ DEBUG_COLORS=no DEBUG_DEPTH=10 DEBUG_SHOW_HIDDEN=enabled node script.js
 */

exports.inspectOpts = Object.keys(process.env).filter(key => {
	return /^debug_/i.test(key);
}).reduce((obj, key) => {
	// Camel-case
	const prop = key
		.substring(6)
		.toLowerCase()
		.replace(/_([a-z])/g, (_, k) => {
			return k.toUpperCase();
		});

	// Coerce string value into JS value
	let val = process.env[key];
	if (/^(yes|on|true|enabled)$/i.test(val)) {
		val = true;
	} else if (/^(no|off|false|disabled)$/i.test(val)) {
		val = false;
	} else if (val === 'null') {
		val = null;
	} else {
		val = Number(val);
	}

	obj[prop] = val;
	return obj;
}, {});

/**
 * Is stdout a TTY? Colored output is enabled when `true`.
 */

function useColors() {
	return 'colors' in exports.inspectOpts ?
		Boolean(exports.inspectOpts.colors) :
		tty.isatty(process.stderr.fd);
}

/**
 * Adds ANSI color escape codes if enabled.
 *
 * @api public
 */

function formatArgs(args) {
	const {namespace: name, useColors} = this;

	if (useColors) {
		const c = this.color;
		const colorCode = '\u001B[3' + (c < 8 ? c : '8;5;' + c);
		const prefix = `  ${colorCode};1m${name} \u001B[0m`;

		args[0] = prefix + args[0].split('\n').join('\n' + prefix);
		args.push(colorCode + 'm+' + module.exports.humanize(this.diff) + '\u001B[0m');
	} else {
		args[0] = getDate() + name + ' ' + args[0];
	}
}

function getDate() {
	if (exports.inspectOpts.hideDate) {
		return '';
	}
	return new Date().toISOString() + ' ';
}

/**
 * Invokes `util.formatWithOptions()` with the specified arguments and writes to stderr.
 */

function log(...args) {
	return process.stderr.write(util.formatWithOptions(exports.inspectOpts, ...args) + '\n');
}

/**
 * Save `namespaces`.
 *
 * @param {String} namespaces
 * @api private
 */
function save(namespaces) {
	if (namespaces) {
		process.env.DEBUG = namespaces;
	} else {
		// If you set a process.env field to null or undefined, it gets cast to the
		// string 'null' or 'undefined'. Just delete instead.
		delete process.env.DEBUG;
	}
}

/**
 * Load `namespaces`.
 *
 * @return {String} returns the previously persisted debug modes
 * @api private
 */

function load() {
	return process.env.DEBUG;
}

/**
 * Init logic for `debug` instances.
 *
 * Create a new `inspectOpts` object in case `useColors` is set
 * differently for a particular `debug` instance.
 */

function init(debug) {
	debug.inspectOpts = {};

	const keys = Object.keys(exports.inspectOpts);
	for (let i = 0; i < keys.length; i++) {
		debug.inspectOpts[keys[i]] = exports.inspectOpts[keys[i]];
	}
}

module.exports = __nccwpck_require__(897)(exports);

const {formatters} = module.exports;

/**
 * Map %o to `util.inspect()`, all on a single line.
 */

formatters.o = function (v) {
	this.inspectOpts.colors = this.useColors;
	return util.inspect(v, this.inspectOpts)
		.split('\n')
		.map(str => str.trim())
		.join(' ');
};

/**
 * Map %O to `util.inspect()`, allowing multiple lines if needed.
 */

formatters.O = function (v) {
	this.inspectOpts.colors = this.useColors;
	return util.inspect(v, this.inspectOpts);
};


/***/ }),

/***/ 813:
/***/ ((module) => {



module.exports = (flag, argv = process.argv) => {
	const prefix = flag.startsWith('-') ? '' : (flag.length === 1 ? '-' : '--');
	const position = argv.indexOf(prefix + flag);
	const terminatorPosition = argv.indexOf('--');
	return position !== -1 && (terminatorPosition === -1 || position < terminatorPosition);
};


/***/ }),

/***/ 970:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.HttpProxyAgent = void 0;
const net = __importStar(__nccwpck_require__(278));
const tls = __importStar(__nccwpck_require__(756));
const debug_1 = __importDefault(__nccwpck_require__(830));
const events_1 = __nccwpck_require__(434);
const agent_base_1 = __nccwpck_require__(894);
const url_1 = __nccwpck_require__(16);
const debug = (0, debug_1.default)('http-proxy-agent');
/**
 * The `HttpProxyAgent` implements an HTTP Agent subclass that connects
 * to the specified "HTTP proxy server" in order to proxy HTTP requests.
 */
class HttpProxyAgent extends agent_base_1.Agent {
    constructor(proxy, opts) {
        super(opts);
        this.proxy = typeof proxy === 'string' ? new url_1.URL(proxy) : proxy;
        this.proxyHeaders = opts?.headers ?? {};
        debug('Creating new HttpProxyAgent instance: %o', this.proxy.href);
        // Trim off the brackets from IPv6 addresses
        const host = (this.proxy.hostname || this.proxy.host).replace(/^\[|\]$/g, '');
        const port = this.proxy.port
            ? parseInt(this.proxy.port, 10)
            : this.proxy.protocol === 'https:'
                ? 443
                : 80;
        this.connectOpts = {
            ...(opts ? omit(opts, 'headers') : null),
            host,
            port,
        };
    }
    addRequest(req, opts) {
        req._header = null;
        this.setRequestProps(req, opts);
        // @ts-expect-error `addRequest()` isn't defined in `@types/node`
        super.addRequest(req, opts);
    }
    setRequestProps(req, opts) {
        const { proxy } = this;
        const protocol = opts.secureEndpoint ? 'https:' : 'http:';
        const hostname = req.getHeader('host') || 'localhost';
        const base = `${protocol}//${hostname}`;
        const url = new url_1.URL(req.path, base);
        if (opts.port !== 80) {
            url.port = String(opts.port);
        }
        // Change the `http.ClientRequest` instance's "path" field
        // to the absolute path of the URL that will be requested.
        req.path = String(url);
        // Inject the `Proxy-Authorization` header if necessary.
        const headers = typeof this.proxyHeaders === 'function'
            ? this.proxyHeaders()
            : { ...this.proxyHeaders };
        if (proxy.username || proxy.password) {
            const auth = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
            headers['Proxy-Authorization'] = `Basic ${Buffer.from(auth).toString('base64')}`;
        }
        if (!headers['Proxy-Connection']) {
            headers['Proxy-Connection'] = this.keepAlive
                ? 'Keep-Alive'
                : 'close';
        }
        for (const name of Object.keys(headers)) {
            const value = headers[name];
            if (value) {
                req.setHeader(name, value);
            }
        }
    }
    async connect(req, opts) {
        req._header = null;
        if (!req.path.includes('://')) {
            this.setRequestProps(req, opts);
        }
        // At this point, the http ClientRequest's internal `_header` field
        // might have already been set. If this is the case then we'll need
        // to re-generate the string since we just changed the `req.path`.
        let first;
        let endOfHeaders;
        debug('Regenerating stored HTTP header string for request');
        req._implicitHeader();
        if (req.outputData && req.outputData.length > 0) {
            debug('Patching connection write() output buffer with updated header');
            first = req.outputData[0].data;
            endOfHeaders = first.indexOf('\r\n\r\n') + 4;
            req.outputData[0].data =
                req._header + first.substring(endOfHeaders);
            debug('Output buffer: %o', req.outputData[0].data);
        }
        // Create a socket connection to the proxy server.
        let socket;
        if (this.proxy.protocol === 'https:') {
            debug('Creating `tls.Socket`: %o', this.connectOpts);
            socket = tls.connect(this.connectOpts);
        }
        else {
            debug('Creating `net.Socket`: %o', this.connectOpts);
            socket = net.connect(this.connectOpts);
        }
        // Wait for the socket's `connect` event, so that this `callback()`
        // function throws instead of the `http` request machinery. This is
        // important for i.e. `PacProxyAgent` which determines a failed proxy
        // connection via the `callback()` function throwing.
        await (0, events_1.once)(socket, 'connect');
        return socket;
    }
}
HttpProxyAgent.protocols = ['http', 'https'];
exports.HttpProxyAgent = HttpProxyAgent;
function omit(obj, ...keys) {
    const ret = {};
    let key;
    for (key in obj) {
        if (!keys.includes(key)) {
            ret[key] = obj[key];
        }
    }
    return ret;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 669:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.HttpsProxyAgent = void 0;
const net = __importStar(__nccwpck_require__(278));
const tls = __importStar(__nccwpck_require__(756));
const assert_1 = __importDefault(__nccwpck_require__(613));
const debug_1 = __importDefault(__nccwpck_require__(830));
const agent_base_1 = __nccwpck_require__(894);
const url_1 = __nccwpck_require__(16);
const parse_proxy_response_1 = __nccwpck_require__(943);
const debug = (0, debug_1.default)('https-proxy-agent');
const setServernameFromNonIpHost = (options) => {
    if (options.servername === undefined &&
        options.host &&
        !net.isIP(options.host)) {
        return {
            ...options,
            servername: options.host,
        };
    }
    return options;
};
/**
 * The `HttpsProxyAgent` implements an HTTP Agent subclass that connects to
 * the specified "HTTP(s) proxy server" in order to proxy HTTPS requests.
 *
 * Outgoing HTTP requests are first tunneled through the proxy server using the
 * `CONNECT` HTTP request method to establish a connection to the proxy server,
 * and then the proxy server connects to the destination target and issues the
 * HTTP request from the proxy server.
 *
 * `https:` requests have their socket connection upgraded to TLS once
 * the connection to the proxy server has been established.
 */
class HttpsProxyAgent extends agent_base_1.Agent {
    constructor(proxy, opts) {
        super(opts);
        this.options = { path: undefined };
        this.proxy = typeof proxy === 'string' ? new url_1.URL(proxy) : proxy;
        this.proxyHeaders = opts?.headers ?? {};
        debug('Creating new HttpsProxyAgent instance: %o', this.proxy.href);
        // Trim off the brackets from IPv6 addresses
        const host = (this.proxy.hostname || this.proxy.host).replace(/^\[|\]$/g, '');
        const port = this.proxy.port
            ? parseInt(this.proxy.port, 10)
            : this.proxy.protocol === 'https:'
                ? 443
                : 80;
        this.connectOpts = {
            // Attempt to negotiate http/1.1 for proxy servers that support http/2
            ALPNProtocols: ['http/1.1'],
            ...(opts ? omit(opts, 'headers') : null),
            host,
            port,
        };
    }
    /**
     * Called when the node-core HTTP client library is creating a
     * new HTTP request.
     */
    async connect(req, opts) {
        const { proxy } = this;
        if (!opts.host) {
            throw new TypeError('No "host" provided');
        }
        // Create a socket connection to the proxy server.
        let socket;
        if (proxy.protocol === 'https:') {
            debug('Creating `tls.Socket`: %o', this.connectOpts);
            socket = tls.connect(setServernameFromNonIpHost(this.connectOpts));
        }
        else {
            debug('Creating `net.Socket`: %o', this.connectOpts);
            socket = net.connect(this.connectOpts);
        }
        const headers = typeof this.proxyHeaders === 'function'
            ? this.proxyHeaders()
            : { ...this.proxyHeaders };
        const host = net.isIPv6(opts.host) ? `[${opts.host}]` : opts.host;
        let payload = `CONNECT ${host}:${opts.port} HTTP/1.1\r\n`;
        // Inject the `Proxy-Authorization` header if necessary.
        if (proxy.username || proxy.password) {
            const auth = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
            headers['Proxy-Authorization'] = `Basic ${Buffer.from(auth).toString('base64')}`;
        }
        headers.Host = `${host}:${opts.port}`;
        if (!headers['Proxy-Connection']) {
            headers['Proxy-Connection'] = this.keepAlive
                ? 'Keep-Alive'
                : 'close';
        }
        for (const name of Object.keys(headers)) {
            payload += `${name}: ${headers[name]}\r\n`;
        }
        const proxyResponsePromise = (0, parse_proxy_response_1.parseProxyResponse)(socket);
        socket.write(`${payload}\r\n`);
        const { connect, buffered } = await proxyResponsePromise;
        req.emit('proxyConnect', connect);
        this.emit('proxyConnect', connect, req);
        if (connect.statusCode === 200) {
            req.once('socket', resume);
            if (opts.secureEndpoint) {
                // The proxy is connecting to a TLS server, so upgrade
                // this socket connection to a TLS connection.
                debug('Upgrading socket connection to TLS');
                return tls.connect({
                    ...omit(setServernameFromNonIpHost(opts), 'host', 'path', 'port'),
                    socket,
                });
            }
            return socket;
        }
        // Some other status code that's not 200... need to re-play the HTTP
        // header "data" events onto the socket once the HTTP machinery is
        // attached so that the node core `http` can parse and handle the
        // error status code.
        // Close the original socket, and a new "fake" socket is returned
        // instead, so that the proxy doesn't get the HTTP request
        // written to it (which may contain `Authorization` headers or other
        // sensitive data).
        //
        // See: https://hackerone.com/reports/541502
        socket.destroy();
        const fakeSocket = new net.Socket({ writable: false });
        fakeSocket.readable = true;
        // Need to wait for the "socket" event to re-play the "data" events.
        req.once('socket', (s) => {
            debug('Replaying proxy buffer for failed request');
            (0, assert_1.default)(s.listenerCount('data') > 0);
            // Replay the "buffered" Buffer onto the fake `socket`, since at
            // this point the HTTP module machinery has been hooked up for
            // the user.
            s.push(buffered);
            s.push(null);
        });
        return fakeSocket;
    }
}
HttpsProxyAgent.protocols = ['http', 'https'];
exports.HttpsProxyAgent = HttpsProxyAgent;
function resume(socket) {
    socket.resume();
}
function omit(obj, ...keys) {
    const ret = {};
    let key;
    for (key in obj) {
        if (!keys.includes(key)) {
            ret[key] = obj[key];
        }
    }
    return ret;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 943:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.parseProxyResponse = void 0;
const debug_1 = __importDefault(__nccwpck_require__(830));
const debug = (0, debug_1.default)('https-proxy-agent:parse-proxy-response');
function parseProxyResponse(socket) {
    return new Promise((resolve, reject) => {
        // we need to buffer any HTTP traffic that happens with the proxy before we get
        // the CONNECT response, so that if the response is anything other than an "200"
        // response code, then we can re-play the "data" events on the socket once the
        // HTTP parser is hooked up...
        let buffersLength = 0;
        const buffers = [];
        function read() {
            const b = socket.read();
            if (b)
                ondata(b);
            else
                socket.once('readable', read);
        }
        function cleanup() {
            socket.removeListener('end', onend);
            socket.removeListener('error', onerror);
            socket.removeListener('readable', read);
        }
        function onend() {
            cleanup();
            debug('onend');
            reject(new Error('Proxy connection ended before receiving CONNECT response'));
        }
        function onerror(err) {
            cleanup();
            debug('onerror %o', err);
            reject(err);
        }
        function ondata(b) {
            buffers.push(b);
            buffersLength += b.length;
            const buffered = Buffer.concat(buffers, buffersLength);
            const endOfHeaders = buffered.indexOf('\r\n\r\n');
            if (endOfHeaders === -1) {
                // keep buffering
                debug('have not received end of HTTP headers yet...');
                read();
                return;
            }
            const headerParts = buffered
                .slice(0, endOfHeaders)
                .toString('ascii')
                .split('\r\n');
            const firstLine = headerParts.shift();
            if (!firstLine) {
                socket.destroy();
                return reject(new Error('No header received from proxy CONNECT response'));
            }
            const firstLineParts = firstLine.split(' ');
            const statusCode = +firstLineParts[1];
            const statusText = firstLineParts.slice(2).join(' ');
            const headers = {};
            for (const header of headerParts) {
                if (!header)
                    continue;
                const firstColon = header.indexOf(':');
                if (firstColon === -1) {
                    socket.destroy();
                    return reject(new Error(`Invalid header from proxy CONNECT response: "${header}"`));
                }
                const key = header.slice(0, firstColon).toLowerCase();
                const value = header.slice(firstColon + 1).trimStart();
                const current = headers[key];
                if (typeof current === 'string') {
                    headers[key] = [current, value];
                }
                else if (Array.isArray(current)) {
                    current.push(value);
                }
                else {
                    headers[key] = value;
                }
            }
            debug('got proxy server response: %o %o', firstLine, headers);
            cleanup();
            resolve({
                connect: {
                    statusCode,
                    statusText,
                    headers,
                },
                buffered,
            });
        }
        socket.on('error', onerror);
        socket.on('end', onend);
        read();
    });
}
exports.parseProxyResponse = parseProxyResponse;
//# sourceMappingURL=parse-proxy-response.js.map

/***/ }),

/***/ 850:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.AddressError = void 0;
class AddressError extends Error {
    constructor(message, parseMessage) {
        super(message);
        this.name = 'AddressError';
        this.parseMessage = parseMessage;
    }
}
exports.AddressError = AddressError;
//# sourceMappingURL=address-error.js.map

/***/ }),

/***/ 864:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.isInSubnet = isInSubnet;
exports.isHostInSubnet = isHostInSubnet;
exports.isGloballyReachable = isGloballyReachable;
exports.offsetBigInt = offsetBigInt;
exports.isCorrect = isCorrect;
exports.prefixLengthFromMask = prefixLengthFromMask;
exports.assertByteArray = assertByteArray;
exports.numberToPaddedHex = numberToPaddedHex;
exports.stringToPaddedHex = stringToPaddedHex;
exports.testBit = testBit;
const address_error_1 = __nccwpck_require__(850);
/**
 * Returns whether this address's *network* is contained within `address`,
 * i.e. whether every address this one can represent also falls inside
 * `address`. A network wider than `address` is not contained in it, so
 * `10.0.0.0/8` is not in `10.0.0.0/16`.
 *
 * To ask whether the address itself falls inside a range, ignoring any CIDR
 * suffix it was written with, use {@link isHostInSubnet} instead. That is the
 * question the special-use classifiers ask.
 */
function isInSubnet(address) {
    if (this.subnetMask < address.subnetMask) {
        return false;
    }
    return isHostInSubnet.call(this, address);
}
/**
 * Returns whether this address's host bits fall inside `address`, ignoring
 * this address's own subnet mask.
 *
 * This is the primitive the special-use classifiers (`isLoopback`,
 * `isPrivate`, `isLinkLocal`, `getType`, …) are built on: they answer a
 * question about the address, so the answer must not change with the CIDR
 * suffix the caller happened to write. Use this rather than
 * {@link isInSubnet} when classifying a single address — notably when the
 * address came from untrusted input and the result backs a trust-boundary
 * decision such as an SSRF allow/deny filter.
 *
 * An address of one family is never inside a network of the other, so an
 * `Address4` against an `Address6` (or the reverse) is `false`. To compare
 * across families, convert first: `Address6.fromAddress4()`, `to4()`, or
 * `toAddress4Nat64()`.
 */
function isHostInSubnet(address) {
    // mask() is a bit string of the family's width, and the leading bits of a
    // 32-bit string can coincide with those of a 128-bit one (a00::1 and
    // 10.0.0.0/8 both mask to 00001010), so the widths must agree before the
    // strings are compared.
    if (this.binaryZeroPad().length !== address.binaryZeroPad().length) {
        return false;
    }
    return this.mask(address.subnetMask) === address.mask();
}
/**
 * Returns whether the registry marks this address globally reachable: the
 * answer of the most specific entry containing it that has one, or `true`
 * when no entry contains it.
 */
function isGloballyReachable(entries) {
    let best = null;
    for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        if (entry.reachable !== null &&
            isHostInSubnet.call(this, entry.subnet) &&
            (best === null || entry.subnet.subnetMask > best.subnet.subnetMask)) {
            best = entry;
        }
    }
    return best === null ? true : best.reachable;
}
/**
 * Adds `n` to `value` and returns the result, throwing `AddressError` unless
 * `n` is an integer and the result stays within `[0, 2**bits - 1]`.
 */
function offsetBigInt(value, n, bits, family) {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) {
        throw new address_error_1.AddressError(`${family} offset must be an integer`);
    }
    if (typeof n !== 'number' && typeof n !== 'bigint') {
        throw new address_error_1.AddressError(`${family} offset must be an integer`);
    }
    const result = value + BigInt(n);
    if (result < BigInt(0) || result > (BigInt(1) << BigInt(bits)) - BigInt(1)) {
        throw new address_error_1.AddressError(`${family} offset leaves the address space`);
    }
    return result;
}
function isCorrect(defaultBits) {
    return function isCorrectForm() {
        if (this.addressMinusSuffix !== this.correctForm()) {
            return false;
        }
        if (this.subnetMask === defaultBits && !this.parsedSubnet) {
            return true;
        }
        return this.parsedSubnet === String(this.subnetMask);
    };
}
/**
 * Returns the prefix length (number of leading 1 bits) of a contiguous
 * subnet mask. Throws `AddressError` if the mask is non-contiguous (e.g.
 * `255.0.255.0`).
 */
function prefixLengthFromMask(value, totalBits) {
    const binary = value.toString(2).padStart(totalBits, '0');
    if (binary.length > totalBits) {
        throw new address_error_1.AddressError('Invalid subnet mask.');
    }
    const firstZero = binary.indexOf('0');
    if (firstZero === -1) {
        return totalBits;
    }
    if (binary.slice(firstZero).includes('1')) {
        throw new address_error_1.AddressError('Invalid subnet mask.');
    }
    return firstZero;
}
/**
 * Throws `AddressError` unless `bytes` holds exactly `byteCount` integers,
 * each from `minimum` to 255. Pass a `minimum` of `-128` where signed bytes
 * are accepted and folded to unsigned, and `0` where they are not.
 */
function assertByteArray(bytes, byteCount, family, minimum) {
    if (bytes.length !== byteCount) {
        throw new address_error_1.AddressError(`${family} addresses require exactly ${byteCount} bytes`);
    }
    for (let i = 0; i < bytes.length; i++) {
        if (!Number.isInteger(bytes[i]) || bytes[i] < minimum || bytes[i] > 255) {
            throw new address_error_1.AddressError(`All bytes must be integers between ${minimum} and 255`);
        }
    }
}
function numberToPaddedHex(number) {
    return number.toString(16).padStart(2, '0');
}
function stringToPaddedHex(numberString) {
    return numberToPaddedHex(parseInt(numberString, 10));
}
/**
 * @param binaryValue Binary representation of a value (e.g. `10`)
 * @param position Byte position, where 0 is the least significant bit
 */
function testBit(binaryValue, position) {
    const { length } = binaryValue;
    if (position >= length) {
        return false;
    }
    const positionInString = length - position - 1;
    return binaryValue.substring(positionInString, positionInString + 1) === '1';
}
//# sourceMappingURL=common.js.map

/***/ }),

/***/ 253:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.v6 = exports.AddressError = exports.Address6 = exports.Address4 = void 0;
var ipv4_1 = __nccwpck_require__(946);
Object.defineProperty(exports, "Address4", ({ enumerable: true, get: function () { return ipv4_1.Address4; } }));
var ipv6_1 = __nccwpck_require__(96);
Object.defineProperty(exports, "Address6", ({ enumerable: true, get: function () { return ipv6_1.Address6; } }));
var address_error_1 = __nccwpck_require__(850);
Object.defineProperty(exports, "AddressError", ({ enumerable: true, get: function () { return address_error_1.AddressError; } }));
const helpers = __importStar(__nccwpck_require__(339));
exports.v6 = { helpers };
//# sourceMappingURL=ip-address.js.map

/***/ }),

/***/ 946:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


/* eslint-disable no-param-reassign */
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Address4 = void 0;
const common = __importStar(__nccwpck_require__(864));
const constants = __importStar(__nccwpck_require__(437));
const address_error_1 = __nccwpck_require__(850);
const isCorrect4 = common.isCorrect(constants.BITS);
/**
 * Represents an IPv4 address
 * @param {string} address - An IPv4 address string
 */
class Address4 {
    constructor(address) {
        this.addressMinusSuffix = '';
        this.groups = constants.GROUPS;
        this.parsedAddress = [];
        this.parsedSubnet = '';
        this.subnet = '/32';
        this.subnetMask = 32;
        this.v4 = true;
        /**
         * Returns true if the address is correct, false otherwise
         * @returns {Boolean}
         */
        this.isCorrect = isCorrect4;
        /**
         * Returns true if the given address is in the subnet of the current address.
         * An `Address6` is never in the subnet of an `Address4`; convert with
         * `to4()` or `Address6.fromAddress4()` to compare across families.
         * @returns {boolean}
         */
        this.isInSubnet = common.isInSubnet;
        /**
         * Returns true if this address's host bits fall inside the given subnet,
         * ignoring this address's own subnet mask. Prefer this over `isInSubnet`
         * when classifying a single address, so the answer doesn't change with the
         * CIDR suffix the caller happened to write — notably when the address came
         * from untrusted input and the result backs a trust-boundary decision.
         * An `Address6` is never in the subnet of an `Address4`; convert with
         * `to4()` or `Address6.fromAddress4()` to compare across families.
         * @returns {boolean}
         */
        this.isHostInSubnet = common.isHostInSubnet;
        this.address = address;
        const subnet = constants.RE_SUBNET_STRING.exec(address);
        if (subnet) {
            this.parsedSubnet = subnet[0].replace('/', '');
            this.subnetMask = parseInt(this.parsedSubnet, 10);
            this.subnet = `/${this.subnetMask}`;
            if (this.subnetMask < 0 || this.subnetMask > constants.BITS) {
                throw new address_error_1.AddressError('Invalid subnet mask.');
            }
            address = address.replace(constants.RE_SUBNET_STRING, '');
        }
        // Four three-digit octets and three dots: the longest well-formed address
        // is 15 characters. Longer input is rejected before parsing, as Address6
        // does at its own limit.
        const longest = constants.GROUPS * 4 - 1;
        if (address.length > longest) {
            throw new address_error_1.AddressError(`IPv4 addresses are at most ${longest} characters.`);
        }
        this.addressMinusSuffix = address;
        this.parsedAddress = this.parse(address);
    }
    /**
     * Returns true if the given string is a valid IPv4 address (with optional
     * CIDR subnet), false otherwise. Host bits in the subnet portion are
     * allowed (e.g. `192.168.1.5/24` is valid); for strict network-address
     * validation compare `correctForm()` to `startAddress().correctForm()`,
     * or use `networkForm()`.
     */
    static isValid(address) {
        try {
            // eslint-disable-next-line no-new
            new Address4(address);
            return true;
        }
        catch {
            return false;
        }
    }
    /**
     * Parses an IPv4 address string into its four octet groups and stores the
     * result on `this.parsedAddress`. Called automatically by the constructor;
     * you typically don't need to call it directly. Throws `AddressError` if
     * the input is not a valid IPv4 address.
     */
    parse(address) {
        const groups = address.split('.');
        // Checked before the general match so the error names the actual problem.
        // Address6 rejects the same notation on its v4-in-v6 path.
        if (groups.some((group) => /^0\d/.test(group))) {
            throw new address_error_1.AddressError("IPv4 addresses can't have leading zeroes.");
        }
        if (!address.match(constants.RE_ADDRESS)) {
            throw new address_error_1.AddressError('Invalid IPv4 address.');
        }
        return groups;
    }
    /**
     * Returns the address in correct form: octets joined with `.` and any
     * leading zeros stripped (e.g. `192.168.1.1`). For IPv4 this matches the
     * canonical dotted-decimal representation.
     */
    correctForm() {
        return this.parsedAddress.map((part) => parseInt(part, 10)).join('.');
    }
    /**
     * Construct an `Address4` from an address and a dotted-decimal subnet
     * mask given as separate strings (e.g. as returned by Node's
     * `os.networkInterfaces()`). Throws `AddressError` if the mask is
     * non-contiguous (e.g. `255.0.255.0`).
     * @example
     * var address = Address4.fromAddressAndMask('192.168.1.1', '255.255.255.0');
     * address.subnetMask; // 24
     */
    static fromAddressAndMask(address, mask) {
        const bits = common.prefixLengthFromMask(new Address4(mask).bigInt(), constants.BITS);
        return new Address4(`${address}/${bits}`);
    }
    /**
     * Construct an `Address4` from an address and a Cisco-style wildcard mask
     * given as separate strings (e.g. `0.0.0.255` for a `/24`). The wildcard
     * mask is the bitwise inverse of the subnet mask. Throws `AddressError`
     * if the mask is non-contiguous (e.g. `0.255.0.255`).
     * @example
     * var address = Address4.fromAddressAndWildcardMask('10.0.0.1', '0.0.0.255');
     * address.subnetMask; // 24
     */
    static fromAddressAndWildcardMask(address, wildcardMask) {
        const wildcard = new Address4(wildcardMask).bigInt();
        const allOnes = (BigInt(1) << BigInt(constants.BITS)) - BigInt(1);
        const mask = wildcard ^ allOnes;
        const bits = common.prefixLengthFromMask(mask, constants.BITS);
        return new Address4(`${address}/${bits}`);
    }
    /**
     * Construct an `Address4` from a wildcard pattern with trailing `*`
     * octets. The number of trailing wildcards determines the prefix
     * length: each `*` represents 8 bits.
     *
     * Only trailing whole-octet wildcards are supported. Partial-octet
     * wildcards (e.g. `192.168.0.1*`) and interior wildcards (e.g.
     * `192.*.0.1`) throw `AddressError`.
     * @example
     * Address4.fromWildcard('192.168.0.*').subnet;   // '/24'
     * Address4.fromWildcard('192.168.*.*').subnet;   // '/16'
     * Address4.fromWildcard('*.*.*.*').subnet;       // '/0'
     */
    static fromWildcard(input) {
        const groups = input.split('.');
        if (groups.length !== constants.GROUPS) {
            throw new address_error_1.AddressError('Wildcard pattern must have 4 octets');
        }
        let firstWildcard = -1;
        for (let i = 0; i < groups.length; i++) {
            if (groups[i] === '*') {
                if (firstWildcard === -1) {
                    firstWildcard = i;
                }
            }
            else if (firstWildcard !== -1) {
                throw new address_error_1.AddressError('Wildcard `*` must only appear in trailing octets (e.g. `192.168.0.*`)');
            }
        }
        const trailing = firstWildcard === -1 ? 0 : groups.length - firstWildcard;
        const replaced = groups.map((g) => (g === '*' ? '0' : g));
        const subnetBits = constants.BITS - trailing * 8;
        return new Address4(`${replaced.join('.')}/${subnetBits}`);
    }
    /**
     * Converts a hex string to an IPv4 address object. Accepts 8 hex digits
     * with optional `:` separators (e.g. `'7f000001'` or `'7f:00:00:01'`).
     * Throws `AddressError` for any other length or for non-hex characters.
     * @param {string} hex - a hex string to convert
     * @returns {Address4}
     */
    static fromHex(hex) {
        const stripped = hex.replace(/:/g, '');
        if (!/^[0-9a-fA-F]{8}$/.test(stripped)) {
            throw new address_error_1.AddressError('IPv4 hex must be exactly 8 hex digits');
        }
        const groups = [];
        for (let i = 0; i < 8; i += 2) {
            groups.push(parseInt(stripped.slice(i, i + 2), 16));
        }
        return new Address4(groups.join('.'));
    }
    /**
     * Converts an integer into a IPv4 address object. The integer must be a
     * non-negative safe integer in the range `[0, 2**32 - 1]`; otherwise
     * `AddressError` is thrown.
     * @param {integer} integer - a number to convert
     * @returns {Address4}
     */
    static fromInteger(integer) {
        if (!Number.isInteger(integer) || integer < 0 || integer > 0xffffffff) {
            throw new address_error_1.AddressError('IPv4 integer must be in the range 0 to 2**32 - 1');
        }
        return Address4.fromHex(integer.toString(16).padStart(8, '0'));
    }
    /**
     * Return an address from in-addr.arpa form: the four octets reversed, with
     * or without the `.in-addr.arpa` suffix and root dot, in any case. Throws
     * `AddressError` unless the reversed labels form a valid IPv4 address, so
     * `fromArpa(x.reverseForm())` round-trips {@link reverseForm}.
     * @param {string} arpaFormAddress - an 'in-addr.arpa' form ipv4 address
     * @returns {Adress4}
     * @example
     * var address = Address4.fromArpa('42.2.0.192.in-addr.arpa.')
     * address.correctForm(); // '192.0.2.42'
     */
    static fromArpa(arpaFormAddress) {
        // A 15-character address, a "/32" prefix length and ".in-addr.arpa.": the
        // longest name is 32 characters. Longer input is rejected before its
        // labels are split, as the constructor does at its own limit.
        const longest = constants.GROUPS * 4 - 1 + '/32'.length + '.in-addr.arpa.'.length;
        if (arpaFormAddress.length > longest) {
            throw new address_error_1.AddressError(`in-addr.arpa names are at most ${longest} characters.`);
        }
        // remove an ending ".in-addr.arpa", in any case and with or without the
        // root dot, as Address6.fromArpa does for ".ip6.arpa"
        const leader = arpaFormAddress.replace(/(\.in-addr\.arpa)?\.?$/i, '');
        const address = leader.split('.').reverse().join('.');
        return new Address4(address);
    }
    /**
     * Converts an IPv4 address object to a hex string
     * @returns {String}
     */
    toHex() {
        return this.parsedAddress.map((part) => common.stringToPaddedHex(part)).join(':');
    }
    /**
     * Converts an IPv4 address object to an array of bytes.
     *
     * To get a Node.js `Buffer`, wrap the result: `Buffer.from(address.toArray())`.
     * @returns {Array}
     */
    toArray() {
        return this.parsedAddress.map((part) => parseInt(part, 10));
    }
    /**
     * Converts an IPv4 address object to an IPv6 address group
     * @returns {String}
     */
    toGroup6() {
        const output = [];
        let i;
        for (i = 0; i < constants.GROUPS; i += 2) {
            output.push(`${common.stringToPaddedHex(this.parsedAddress[i])}${common.stringToPaddedHex(this.parsedAddress[i + 1])}`);
        }
        return output.join(':');
    }
    /**
     * Returns the address as a `bigint`
     * @returns {bigint}
     */
    bigInt() {
        return BigInt(`0x${this.parsedAddress.map((n) => common.stringToPaddedHex(n)).join('')}`);
    }
    /**
     * Helper function getting start address.
     * @returns {bigint}
     */
    _startAddress() {
        return BigInt(`0b${this.mask() + '0'.repeat(constants.BITS - this.subnetMask)}`);
    }
    /**
     * The first address in the range given by this address' subnet.
     * Often referred to as the Network Address.
     * @returns {Address4}
     */
    startAddress() {
        return Address4.fromBigInt(this._startAddress());
    }
    /**
     * The first host address in the range given by this address's subnet ie
     * the first address after the Network Address
     * @returns {Address4}
     */
    startAddressExclusive() {
        const adjust = BigInt('1');
        return Address4.fromBigInt(this._startAddress() + adjust);
    }
    /**
     * Returns the address `n` addresses after this one (or before, when `n` is
     * negative), keeping this address's subnet mask. Throws `AddressError` when
     * the result would fall outside the IPv4 address space or `n` is not an
     * integer.
     * @param {number | bigint} n
     * @returns {Address4}
     * @example
     * new Address4('10.0.0.0/24').offset(1).correctForm(); // '10.0.0.1'
     */
    offset(n) {
        return Address4.fromBigInt(common.offsetBigInt(this.bigInt(), n, constants.BITS, 'IPv4')).withSubnetMask(this.subnetMask);
    }
    /**
     * Returns the network that follows this address's network: the address after
     * {@link endAddress}, with the same subnet mask. Throws `AddressError` when
     * this network is the last one in the address space.
     * @returns {Address4}
     * @example
     * new Address4('10.0.0.0/24').nextNetwork().networkForm(); // '10.0.1.0/24'
     */
    nextNetwork() {
        return Address4.fromBigInt(common.offsetBigInt(this._endAddress(), 1, constants.BITS, 'IPv4')).withSubnetMask(this.subnetMask);
    }
    withSubnetMask(subnetMask) {
        return new Address4(`${this.correctForm()}/${subnetMask}`);
    }
    /**
     * Helper function getting end address.
     * @returns {bigint}
     */
    _endAddress() {
        return BigInt(`0b${this.mask() + '1'.repeat(constants.BITS - this.subnetMask)}`);
    }
    /**
     * The last address in the range given by this address' subnet
     * Often referred to as the Broadcast
     * @returns {Address4}
     */
    endAddress() {
        return Address4.fromBigInt(this._endAddress());
    }
    /**
     * The last host address in the range given by this address's subnet ie
     * the last address prior to the Broadcast Address
     * @returns {Address4}
     */
    endAddressExclusive() {
        const adjust = BigInt('1');
        return Address4.fromBigInt(this._endAddress() - adjust);
    }
    /**
     * The dotted-decimal form of the subnet mask, e.g. `255.255.240.0` for
     * a `/20`. Returns an `Address4`; call `.correctForm()` for the string.
     * @returns {Address4}
     */
    subnetMaskAddress() {
        return Address4.fromBigInt(BigInt(`0b${'1'.repeat(this.subnetMask)}${'0'.repeat(constants.BITS - this.subnetMask)}`));
    }
    /**
     * The Cisco-style wildcard mask, e.g. `0.0.0.255` for a `/24`. This is
     * the bitwise inverse of `subnetMaskAddress()`. Returns an `Address4`;
     * call `.correctForm()` for the string.
     * @returns {Address4}
     */
    wildcardMask() {
        return Address4.fromBigInt(BigInt(`0b${'0'.repeat(this.subnetMask)}${'1'.repeat(constants.BITS - this.subnetMask)}`));
    }
    /**
     * The network address in CIDR string form, e.g. `192.168.1.0/24` for
     * `192.168.1.5/24`. For an address with no explicit subnet the prefix is
     * `/32`, e.g. `networkForm()` on `192.168.1.5` returns `192.168.1.5/32`.
     * @returns {string}
     */
    networkForm() {
        return `${this.startAddress().correctForm()}/${this.subnetMask}`;
    }
    /**
     * Converts a BigInt to a v4 address object. The value must be in the
     * range `[0, 2**32 - 1]`; otherwise `AddressError` is thrown.
     * @param {bigint} bigInt - a BigInt to convert
     * @returns {Address4}
     */
    static fromBigInt(bigInt) {
        if (bigInt < BigInt(0) || bigInt > BigInt(0xffffffff)) {
            throw new address_error_1.AddressError('IPv4 BigInt must be in the range 0 to 2**32 - 1');
        }
        return Address4.fromHex(bigInt.toString(16).padStart(8, '0'));
    }
    /**
     * Convert a byte array to an Address4 object. Throws `AddressError` unless
     * given exactly 4 integers from 0 to 255. Signed bytes are rejected, so
     * this differs from `Address6.fromByteArray`, which folds them; the two
     * contracts converge on this stricter form in the next major version.
     *
     * To convert from a Node.js `Buffer`, spread it: `Address4.fromByteArray([...buf])`.
     * @param {Array<number>} bytes - an array of 4 bytes (0-255)
     * @returns {Address4}
     */
    static fromByteArray(bytes) {
        common.assertByteArray(bytes, 4, 'IPv4', 0);
        return this.fromUnsignedByteArray(bytes);
    }
    /**
     * Convert an unsigned byte array to an Address4 object. Throws
     * `AddressError` unless given exactly 4 bytes, and rejects values outside
     * 0 to 255 when parsing the resulting address.
     *
     * To convert from a Node.js `Buffer`, spread it:
     * `Address4.fromUnsignedByteArray([...buf])`.
     * @param {Array<number>} bytes - an array of 4 unsigned bytes (0-255)
     * @returns {Address4}
     */
    static fromUnsignedByteArray(bytes) {
        if (bytes.length !== 4) {
            throw new address_error_1.AddressError('IPv4 addresses require exactly 4 bytes');
        }
        const address = bytes.join('.');
        return new Address4(address);
    }
    /**
     * Returns the first n bits of the address, defaulting to the
     * subnet mask
     * @returns {String}
     */
    mask(mask) {
        if (mask === undefined) {
            mask = this.subnetMask;
        }
        return this.getBitsBase2(0, mask);
    }
    /**
     * Returns the bits in the given range as a base-2 string
     * @returns {string}
     */
    getBitsBase2(start, end) {
        return this.binaryZeroPad().slice(start, end);
    }
    /**
     * Return the reversed in-addr.arpa form of the address, e.g.
     * `42.2.0.192.in-addr.arpa.` for `192.0.2.42`.
     * @param {Object} options
     * @param {boolean} options.omitSuffix - omit the "in-addr.arpa" suffix
     * @returns {String}
     */
    reverseForm(options) {
        if (!options) {
            options = {};
        }
        const reversed = this.correctForm().split('.').reverse().join('.');
        if (options.omitSuffix) {
            return reversed;
        }
        return `${reversed}.in-addr.arpa.`;
    }
    /**
     * Returns true if the given address is a multicast address
     * @returns {boolean}
     */
    isMulticast() {
        return this.isHostInSubnet(MULTICAST_V4);
    }
    /**
     * Returns true if the address is in one of the [RFC 1918](https://datatracker.ietf.org/doc/html/rfc1918) private address ranges (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`).
     * @returns {boolean}
     */
    isPrivate() {
        return PRIVATE_V4.some((subnet) => this.isHostInSubnet(subnet));
    }
    /**
     * Returns true if the address is in the loopback range `127.0.0.0/8` ([RFC 1122](https://datatracker.ietf.org/doc/html/rfc1122)).
     * @returns {boolean}
     */
    isLoopback() {
        return this.isHostInSubnet(LOOPBACK_V4);
    }
    /**
     * Returns true if the address is in the link-local range `169.254.0.0/16` ([RFC 3927](https://datatracker.ietf.org/doc/html/rfc3927)).
     * @returns {boolean}
     */
    isLinkLocal() {
        return this.isHostInSubnet(LINK_LOCAL_V4);
    }
    /**
     * Returns true if the address is the unspecified address `0.0.0.0`.
     * @returns {boolean}
     */
    isUnspecified() {
        return this.isHostInSubnet(UNSPECIFIED_V4);
    }
    /**
     * Returns true if the address is the limited broadcast address `255.255.255.255` ([RFC 919](https://datatracker.ietf.org/doc/html/rfc919)).
     * @returns {boolean}
     */
    isBroadcast() {
        return this.isHostInSubnet(BROADCAST_V4);
    }
    /**
     * Returns true if the address is in the carrier-grade NAT range `100.64.0.0/10` ([RFC 6598](https://datatracker.ietf.org/doc/html/rfc6598)).
     * @returns {boolean}
     */
    isCGNAT() {
        return this.isHostInSubnet(CGNAT_V4);
    }
    /**
     * Returns true if the address is in one of the documentation ranges
     * `192.0.2.0/24`, `198.51.100.0/24`, or `203.0.113.0/24` ([RFC 5737](https://datatracker.ietf.org/doc/html/rfc5737)).
     * @returns {boolean}
     */
    isDocumentation() {
        return DOCUMENTATION_V4.some((subnet) => this.isHostInSubnet(subnet));
    }
    /**
     * Returns true if the address is in the benchmarking range `198.18.0.0/15` ([RFC 2544](https://datatracker.ietf.org/doc/html/rfc2544)).
     * @returns {boolean}
     */
    isBenchmarking() {
        return this.isHostInSubnet(BENCHMARKING_V4);
    }
    /**
     * Returns true if the address is in the reserved range `240.0.0.0/4` ([RFC 1112](https://datatracker.ietf.org/doc/html/rfc1112)),
     * which includes the limited broadcast address.
     * @returns {boolean}
     */
    isReserved() {
        return this.isHostInSubnet(RESERVED_V4);
    }
    /**
     * Returns true if the address is globally reachable: not multicast, and not
     * in any block the [IANA IPv4 Special-Purpose Address Registry](https://www.iana.org/assignments/iana-ipv4-special-registry/)
     * marks as not globally reachable. That covers everything the individual
     * classifiers name (private, loopback, link-local, CGNAT, unspecified,
     * broadcast, documentation, benchmarking, reserved) and the blocks they do
     * not, such as `0.0.0.0/8` and the IETF protocol assignments in
     * `192.0.0.0/24`. This is the single predicate to use where a request must
     * not reach an internal or special-purpose destination; see SECURITY.md.
     * @returns {boolean}
     */
    isGlobal() {
        return !this.isMulticast() && common.isGloballyReachable.call(this, SPECIAL_PURPOSE_V4);
    }
    /**
     * Returns a zero-padded base-2 string representation of the address
     * @returns {string}
     */
    binaryZeroPad() {
        if (this._binaryZeroPad === undefined) {
            this._binaryZeroPad = this.bigInt().toString(2).padStart(constants.BITS, '0');
        }
        return this._binaryZeroPad;
    }
    /**
     * Groups an IPv4 address for inclusion at the end of an IPv6 address.
     *
     * Returns an HTML fragment: each half of the address is wrapped in a
     * `<span>` carrying the group classes an address-inspector UI hovers on.
     * The address content is HTML-escaped; anything you concatenate around it
     * is your responsibility.
     * @returns {String}
     */
    groupForV6() {
        const segments = this.parsedAddress;
        return this.correctForm().replace(constants.RE_ADDRESS, `<span class="hover-group group-v4 group-6">${segments
            .slice(0, 2)
            .join('.')}</span>.<span class="hover-group group-v4 group-7">${segments
            .slice(2, 4)
            .join('.')}</span>`);
    }
}
exports.Address4 = Address4;
const MULTICAST_V4 = new Address4('224.0.0.0/4');
const PRIVATE_V4 = [
    new Address4('10.0.0.0/8'),
    new Address4('172.16.0.0/12'),
    new Address4('192.168.0.0/16'),
];
const LOOPBACK_V4 = new Address4('127.0.0.0/8');
const LINK_LOCAL_V4 = new Address4('169.254.0.0/16');
const UNSPECIFIED_V4 = new Address4('0.0.0.0/32');
const BROADCAST_V4 = new Address4('255.255.255.255/32');
const CGNAT_V4 = new Address4('100.64.0.0/10');
const DOCUMENTATION_V4 = [
    new Address4('192.0.2.0/24'),
    new Address4('198.51.100.0/24'),
    new Address4('203.0.113.0/24'),
];
const BENCHMARKING_V4 = new Address4('198.18.0.0/15');
const RESERVED_V4 = new Address4('240.0.0.0/4');
const SPECIAL_PURPOSE_V4 = constants.SPECIAL_PURPOSE.map(([cidr, , reachable]) => ({
    subnet: new Address4(cidr),
    reachable,
}));
//# sourceMappingURL=ipv4.js.map

/***/ }),

/***/ 96:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


/* eslint-disable prefer-destructuring */
/* eslint-disable no-param-reassign */
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Address6 = void 0;
const common = __importStar(__nccwpck_require__(864));
const constants4 = __importStar(__nccwpck_require__(437));
const constants6 = __importStar(__nccwpck_require__(899));
const helpers = __importStar(__nccwpck_require__(339));
const ipv4_1 = __nccwpck_require__(946);
const regular_expressions_1 = __nccwpck_require__(635);
const address_error_1 = __nccwpck_require__(850);
const common_1 = __nccwpck_require__(864);
const isCorrect6 = common.isCorrect(constants6.BITS);
function assert(condition) {
    if (!condition) {
        throw new Error('Assertion failed.');
    }
}
function addCommas(number) {
    const r = /(\d+)(\d{3})/;
    while (r.test(number)) {
        number = number.replace(r, '$1,$2');
    }
    return number;
}
function spanLeadingZeroes4(n) {
    n = n.replace(/^(0{1,})([1-9]+)$/, '<span class="parse-error">$1</span>$2');
    n = n.replace(/^(0{1,})(0)$/, '<span class="parse-error">$1</span>$2');
    return n;
}
/*
 * A helper function to compact an array
 */
function compact(address, slice) {
    const s1 = [];
    const s2 = [];
    let i;
    for (i = 0; i < address.length; i++) {
        if (i < slice[0]) {
            s1.push(address[i]);
        }
        else if (i > slice[1]) {
            s2.push(address[i]);
        }
    }
    return s1.concat(['compact']).concat(s2);
}
function paddedHex(octet) {
    return parseInt(octet, 16).toString(16).padStart(4, '0');
}
function unsignByte(b) {
    return b & 0xff;
}
/**
 * Represents an IPv6 address
 * @param {string} address - An IPv6 address string
 * @param {number} [groups=8] - How many octets to parse
 * @example
 * var address = new Address6('2001::/32');
 */
class Address6 {
    constructor(address, optionalGroups) {
        this.addressMinusSuffix = '';
        this.parsedSubnet = '';
        this.subnet = '/128';
        this.subnetMask = 128;
        this.v4 = false;
        this.zone = '';
        // #region Attributes
        /**
         * Returns true if the given address is in the subnet of the current address.
         * An `Address4` is never in the subnet of an `Address6`; convert with
         * `Address6.fromAddress4()` or `to4()` to compare across families.
         * @returns {boolean}
         */
        this.isInSubnet = common.isInSubnet;
        /**
         * Returns true if this address's host bits fall inside the given subnet,
         * ignoring this address's own subnet mask. Prefer this over `isInSubnet`
         * when classifying a single address, so the answer doesn't change with the
         * CIDR suffix the caller happened to write — notably when the address came
         * from untrusted input and the result backs a trust-boundary decision.
         * An `Address4` is never in the subnet of an `Address6`; convert with
         * `Address6.fromAddress4()` or `to4()` to compare across families.
         * @returns {boolean}
         */
        this.isHostInSubnet = common.isHostInSubnet;
        /**
         * Returns true if the address is correct, false otherwise
         * @returns {boolean}
         */
        this.isCorrect = isCorrect6;
        if (optionalGroups === undefined) {
            this.groups = constants6.GROUPS;
        }
        else {
            this.groups = optionalGroups;
        }
        this.address = address;
        const subnet = constants6.RE_SUBNET_STRING.exec(address);
        if (subnet) {
            this.parsedSubnet = subnet[0].replace('/', '');
            this.subnetMask = parseInt(this.parsedSubnet, 10);
            this.subnet = `/${this.subnetMask}`;
            if (Number.isNaN(this.subnetMask) ||
                this.subnetMask < 0 ||
                this.subnetMask > constants6.BITS) {
                throw new address_error_1.AddressError('Invalid subnet mask.');
            }
            address = address.replace(constants6.RE_SUBNET_STRING, '');
        }
        // RE_SUBNET_STRING anchors on the end of the address, so it strips only
        // the trailing suffix. A second one left behind (`::/0/1`) is malformed
        // and must be rejected rather than parsed as an address group.
        if (/\//.test(address)) {
            throw new address_error_1.AddressError('Invalid subnet mask.');
        }
        // A zone runs from the first `%` to the end of the input and holds no line
        // terminator. Finding it by index reads the input once, where matching
        // RE_ZONE_STRING retries from every `%` that a line terminator disqualifies.
        const zoneStart = address.indexOf('%');
        if (zoneStart !== -1 && /^.*$/.test(address.slice(zoneStart))) {
            this.zone = address.slice(zoneStart);
            address = address.slice(0, zoneStart);
        }
        // The longest well-formed address is all but the last two groups written
        // as four hex digits with their colons, then a 15-character dotted quad:
        // 5 * (groups - 2) + 15, which is 45 for eight groups, the same line
        // CPython's ipaddress module draws. Rejecting longer input here keeps the
        // parse diagnostics, which wrap every offending character in a span,
        // proportional to an address rather than to whatever was passed in.
        const longest = this.groups * 5 + 5;
        if (address.length > longest) {
            throw new address_error_1.AddressError(`IPv6 addresses are at most ${longest} characters.`);
        }
        this.addressMinusSuffix = address;
        this.parsedAddress = this.parse(this.addressMinusSuffix);
    }
    /**
     * Returns true if the given string is a valid IPv6 address (with optional
     * CIDR subnet and zone identifier), false otherwise. Host bits in the
     * subnet portion are allowed (e.g. `2001:db8::1/32` is valid); for strict
     * network-address validation compare `correctForm()` to
     * `startAddress().correctForm()`, or use `networkForm()`.
     */
    static isValid(address) {
        try {
            // eslint-disable-next-line no-new
            new Address6(address);
            return true;
        }
        catch {
            return false;
        }
    }
    /**
     * Convert a BigInt to a v6 address object. The value must be in the
     * range `[0, 2**128 - 1]`; otherwise `AddressError` is thrown.
     * @param {bigint} bigInt - a BigInt to convert
     * @returns {Address6}
     * @example
     * var bigInt = BigInt('1000000000000');
     * var address = Address6.fromBigInt(bigInt);
     * address.correctForm(); // '::e8:d4a5:1000'
     */
    static fromBigInt(bigInt) {
        if (bigInt < BigInt(0) || bigInt > (BigInt(1) << BigInt(constants6.BITS)) - BigInt(1)) {
            throw new address_error_1.AddressError('IPv6 BigInt must be in the range 0 to 2**128 - 1');
        }
        const hex = bigInt.toString(16).padStart(32, '0');
        const groups = [];
        for (let i = 0; i < constants6.GROUPS; i++) {
            groups.push(hex.slice(i * 4, (i + 1) * 4));
        }
        return new Address6(groups.join(':'));
    }
    /**
     * Parse a URL (with optional bracketed host and port) into an address and
     * port. Returns either `{ address, port }` on success or
     * `{ error, address: null, port: null }` if the URL could not be parsed.
     * Ports are returned as numbers (or `null` if absent or out of range).
     * @example
     * var addressAndPort = Address6.fromURL('http://[ffff::]:8080/foo/');
     * addressAndPort.address.correctForm(); // 'ffff::'
     * addressAndPort.port; // 8080
     */
    static fromURL(url) {
        var _a;
        let host;
        let port = null;
        let result;
        let error;
        // Remove the protocol prefix, if any
        const stripped = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
        // If we have brackets parse them and find a port
        if (stripped.indexOf('[') !== -1 && stripped.indexOf(']:') !== -1) {
            error = 'failed to parse address with port';
            result = constants6.RE_URL_WITH_PORT.exec(stripped);
            if (result === null) {
                return { error, address: null, port: null };
            }
            host = result[1];
            port = result[2];
        }
        else {
            error = 'failed to parse address from URL';
            result = constants6.RE_URL.exec(stripped);
            if (result === null) {
                return { error, address: null, port: null };
            }
            host = (_a = result[1]) !== null && _a !== void 0 ? _a : result[2];
        }
        // If there's a port convert it to an integer
        if (port) {
            port = parseInt(port, 10);
            // squelch out of range ports (valid ports are 0-65535)
            if (port < 0 || port > 65535) {
                port = null;
            }
        }
        else {
            // Standardize `undefined` to `null`
            port = null;
        }
        // The URL character class is a superset of valid IPv6, so a host the
        // regex accepted (an IPv4 literal, bare punctuation, too many groups)
        // can still be rejected by the parser
        let address;
        try {
            address = new Address6(host);
        }
        catch {
            return { error, address: null, port: null };
        }
        return { address, port };
    }
    /**
     * Construct an `Address6` from an address and a hex subnet mask given as
     * separate strings (e.g. as returned by Node's `os.networkInterfaces()`).
     * Throws `AddressError` if the mask is non-contiguous (e.g.
     * `ffff::ffff`).
     * @example
     * var address = Address6.fromAddressAndMask('fe80::1', 'ffff:ffff:ffff:ffff::');
     * address.subnetMask; // 64
     */
    static fromAddressAndMask(address, mask) {
        const bits = common.prefixLengthFromMask(new Address6(mask).bigInt(), constants6.BITS);
        return new Address6(`${address}/${bits}`);
    }
    /**
     * Construct an `Address6` from an address and a Cisco-style wildcard mask
     * given as separate strings (e.g. `::ffff:ffff:ffff:ffff` for a `/64`).
     * The wildcard mask is the bitwise inverse of the subnet mask. Throws
     * `AddressError` if the mask is non-contiguous.
     * @example
     * var address = Address6.fromAddressAndWildcardMask('fe80::1', '::ffff:ffff:ffff:ffff');
     * address.subnetMask; // 64
     */
    static fromAddressAndWildcardMask(address, wildcardMask) {
        const wildcard = new Address6(wildcardMask).bigInt();
        const allOnes = (BigInt(1) << BigInt(constants6.BITS)) - BigInt(1);
        const mask = wildcard ^ allOnes;
        const bits = common.prefixLengthFromMask(mask, constants6.BITS);
        return new Address6(`${address}/${bits}`);
    }
    /**
     * Construct an `Address6` from a wildcard pattern with trailing `*`
     * groups. The number of trailing wildcards determines the prefix
     * length: each `*` represents 16 bits. `::` is expanded to zero groups
     * (not wildcards) before evaluating trailing wildcards.
     *
     * Only trailing whole-group wildcards are supported. Partial-group
     * wildcards (e.g. `2001:db8::0*`) and interior wildcards (e.g.
     * `*::1`) throw `AddressError`.
     * @example
     * Address6.fromWildcard('2001:db8:*:*:*:*:*:*').subnet;  // '/32'
     * Address6.fromWildcard('2001:db8::*').subnet;           // '/112'
     * Address6.fromWildcard('*:*:*:*:*:*:*:*').subnet;       // '/0'
     */
    static fromWildcard(input) {
        if (input.includes('%') || input.includes('/')) {
            throw new address_error_1.AddressError('Wildcard pattern must not include a zone or CIDR suffix');
        }
        const halves = input.split('::');
        if (halves.length > 2) {
            throw new address_error_1.AddressError("Wildcard pattern cannot contain more than one '::'");
        }
        let groups;
        if (halves.length === 2) {
            const left = halves[0] === '' ? [] : halves[0].split(':');
            const right = halves[1] === '' ? [] : halves[1].split(':');
            const remaining = constants6.GROUPS - left.length - right.length;
            if (remaining < 1) {
                throw new address_error_1.AddressError("Wildcard pattern with '::' has too many groups");
            }
            groups = [...left, ...new Array(remaining).fill('0'), ...right];
        }
        else {
            groups = input.split(':');
        }
        if (groups.length !== constants6.GROUPS) {
            throw new address_error_1.AddressError('Wildcard pattern must have 8 groups');
        }
        let firstWildcard = -1;
        for (let i = 0; i < groups.length; i++) {
            if (groups[i] === '*') {
                if (firstWildcard === -1) {
                    firstWildcard = i;
                }
            }
            else if (firstWildcard !== -1) {
                throw new address_error_1.AddressError('Wildcard `*` must only appear in trailing groups (e.g. `2001:db8:*:*:*:*:*:*`)');
            }
        }
        const trailing = firstWildcard === -1 ? 0 : groups.length - firstWildcard;
        const replaced = groups.map((g) => (g === '*' ? '0' : g));
        const subnetBits = constants6.BITS - trailing * 16;
        return new Address6(`${replaced.join(':')}/${subnetBits}`);
    }
    /**
     * Create an IPv6-mapped address given an IPv4 address
     * @param {string} address - An IPv4 address string
     * @returns {Address6}
     * @example
     * var address = Address6.fromAddress4('192.168.0.1');
     * address.correctForm(); // '::ffff:c0a8:1'
     * address.to4in6(); // '::ffff:192.168.0.1'
     */
    static fromAddress4(address) {
        const address4 = new ipv4_1.Address4(address);
        const mask6 = constants6.BITS - (constants4.BITS - address4.subnetMask);
        return new Address6(`::ffff:${address4.correctForm()}/${mask6}`);
    }
    /**
     * Return an address from ip6.arpa form. A full 32-nibble name gives a /128
     * address; a shorter name, as used for a delegated reverse zone, gives the
     * network it covers, with a subnet mask of four bits per nibble, so
     * `fromArpa(x.reverseForm())` round-trips {@link reverseForm} for any prefix.
     * @param {string} arpaFormAddress - an 'ip6.arpa' form address
     * @returns {Adress6}
     * @example
     * var address = Address6.fromArpa(e.f.f.f.3.c.2.6.f.f.f.e.6.6.8.e.1.0.6.7.9.4.e.c.0.0.0.0.1.0.0.2.ip6.arpa.)
     * address.correctForm(); // '2001:0:ce49:7601:e866:efff:62c3:fffe'
     * Address6.fromArpa('8.b.d.0.1.0.0.2.ip6.arpa.').networkForm(); // '2001:db8::/32'
     */
    static fromArpa(arpaFormAddress) {
        // remove an ending ".ip6.arpa", in any case and with or without the root
        // dot
        const nibbles = arpaFormAddress.replace(/(\.ip6\.arpa)?\.?$/i, '');
        if (!/^[0-9a-f](\.[0-9a-f]){0,31}$/i.test(nibbles)) {
            throw new address_error_1.AddressError("Invalid 'ip6.arpa' form.");
        }
        const reversed = nibbles.split('.').reverse();
        const subnetMask = reversed.length * 4;
        const hex = reversed.join('').padEnd(32, '0');
        const groups = [];
        for (let i = 0; i < constants6.GROUPS; i++) {
            groups.push(hex.slice(i * 4, (i + 1) * 4));
        }
        return new Address6(`${groups.join(':')}/${subnetMask}`);
    }
    /**
     * Return the Microsoft UNC transcription of the address
     * @returns {String} the Microsoft UNC transcription of the address
     */
    microsoftTranscription() {
        return `${this.correctForm().replace(/:/g, '-')}.ipv6-literal.net`;
    }
    /**
     * Return the first n bits of the address, defaulting to the subnet mask
     * @param {number} [mask=subnet] - the number of bits to mask
     * @returns {String} the first n bits of the address as a string
     */
    mask(mask = this.subnetMask) {
        return this.getBitsBase2(0, mask);
    }
    /**
     * Return the number of possible subnets of a given size in the address
     * @param {number} [subnetSize=128] - the subnet size
     * @returns {String}
     */
    // TODO: probably useful to have a numeric version of this too
    possibleSubnets(subnetSize = 128) {
        const availableBits = constants6.BITS - this.subnetMask;
        const subnetBits = Math.abs(subnetSize - constants6.BITS);
        const subnetPowers = availableBits - subnetBits;
        if (subnetPowers < 0) {
            return '0';
        }
        return addCommas((BigInt('2') ** BigInt(subnetPowers)).toString(10));
    }
    /**
     * Helper function getting start address.
     * @returns {bigint}
     */
    _startAddress() {
        return BigInt(`0b${this.mask() + '0'.repeat(constants6.BITS - this.subnetMask)}`);
    }
    /**
     * The first address in the range given by this address' subnet
     * Often referred to as the Network Address.
     * @returns {Address6}
     */
    startAddress() {
        return Address6.fromBigInt(this._startAddress());
    }
    /**
     * The first host address in the range given by this address's subnet ie
     * the first address after the Network Address
     * @returns {Address6}
     */
    startAddressExclusive() {
        const adjust = BigInt('1');
        return Address6.fromBigInt(this._startAddress() + adjust);
    }
    /**
     * Helper function getting end address.
     * @returns {bigint}
     */
    _endAddress() {
        return BigInt(`0b${this.mask() + '1'.repeat(constants6.BITS - this.subnetMask)}`);
    }
    /**
     * The last address in the range given by this address's subnet. IPv6 has
     * no broadcast address, so this is an ordinary assignable address (in a
     * 64-bit-interface-identifier subnet it falls inside the reserved
     * subnet-anycast block of [RFC 2526](https://datatracker.ietf.org/doc/html/rfc2526)).
     * @returns {Address6}
     */
    endAddress() {
        return Address6.fromBigInt(this._endAddress());
    }
    /**
     * The address one before {@link endAddress}. This is the IPv6 counterpart
     * of the IPv4 method that skips the broadcast address; IPv6 has no broadcast,
     * so it drops exactly one address and does not model the 128 reserved
     * subnet-anycast identifiers of [RFC 2526](https://datatracker.ietf.org/doc/html/rfc2526).
     * @returns {Address6}
     */
    endAddressExclusive() {
        const adjust = BigInt('1');
        return Address6.fromBigInt(this._endAddress() - adjust);
    }
    /**
     * Returns the address `n` addresses after this one (or before, when `n` is
     * negative), keeping this address's subnet mask. Throws `AddressError` when
     * the result would fall outside the IPv6 address space or `n` is not an
     * integer.
     * @param {number | bigint} n
     * @returns {Address6}
     * @example
     * new Address6('2001:db8::/64').offset(1).correctForm(); // '2001:db8::1'
     */
    offset(n) {
        return Address6.fromBigInt(common.offsetBigInt(this.bigInt(), n, constants6.BITS, 'IPv6')).withSubnetMask(this.subnetMask);
    }
    /**
     * Returns the network that follows this address's network: the address after
     * {@link endAddress}, with the same subnet mask. Throws `AddressError` when
     * this network is the last one in the address space.
     * @returns {Address6}
     * @example
     * new Address6('2001:db8::/64').nextNetwork().networkForm(); // '2001:db8:0:1::/64'
     */
    nextNetwork() {
        return Address6.fromBigInt(common.offsetBigInt(this._endAddress(), 1, constants6.BITS, 'IPv6')).withSubnetMask(this.subnetMask);
    }
    withSubnetMask(subnetMask) {
        return new Address6(`${this.correctForm()}/${subnetMask}`);
    }
    /**
     * The hex form of the subnet mask, e.g. `ffff:ffff:ffff:ffff::` for a
     * `/64`. Returns an `Address6`; call `.correctForm()` for the string.
     * @returns {Address6}
     */
    subnetMaskAddress() {
        return Address6.fromBigInt(BigInt(`0b${'1'.repeat(this.subnetMask)}${'0'.repeat(constants6.BITS - this.subnetMask)}`));
    }
    /**
     * The Cisco-style wildcard mask, e.g. `::ffff:ffff:ffff:ffff` for a
     * `/64`. This is the bitwise inverse of `subnetMaskAddress()`. Returns
     * an `Address6`; call `.correctForm()` for the string.
     * @returns {Address6}
     */
    wildcardMask() {
        return Address6.fromBigInt(BigInt(`0b${'0'.repeat(this.subnetMask)}${'1'.repeat(constants6.BITS - this.subnetMask)}`));
    }
    /**
     * The network address in CIDR string form, e.g. `2001:db8::/32` for
     * `2001:db8::1/32`. For an address with no explicit subnet the prefix
     * is `/128`, e.g. `networkForm()` on `2001:db8::1` returns
     * `2001:db8::1/128`.
     * @returns {string}
     */
    networkForm() {
        return `${this.startAddress().correctForm()}/${this.subnetMask}`;
    }
    /**
     * Return the scope of the address. The 4-bit scope field
     * ([RFC 4291 §2.7](https://datatracker.ietf.org/doc/html/rfc4291#section-2.7))
     * is only defined for multicast addresses; for unicast addresses the scope
     * is derived from the address type per
     * [RFC 4007 §6](https://datatracker.ietf.org/doc/html/rfc4007#section-6).
     * @returns {String}
     */
    getScope() {
        const type = this.getType();
        if (type === 'Multicast' || type.startsWith('Multicast ')) {
            const scope = constants6.SCOPES[parseInt(this.getBits(12, 16).toString(10), 10)];
            return scope || 'Unknown';
        }
        // RFC 4291 §2.5.3: the loopback address is treated as having Link-Local
        // scope. (Multicast scope 1, "Interface-Local", is a different concept
        // used only for loopback transmission of multicast.)
        if (type === 'Link-local unicast' || type === 'Loopback') {
            return 'Link local';
        }
        // RFC 4007 §6: the unspecified address has no scope.
        if (type === 'Unspecified') {
            return 'Unknown';
        }
        return 'Global';
    }
    /**
     * Return the type of the address
     * @returns {String}
     */
    getType() {
        for (let i = 0; i < TYPE_SUBNETS.length; i++) {
            const entry = TYPE_SUBNETS[i];
            if (this.isHostInSubnet(entry[0])) {
                return entry[1];
            }
        }
        return 'Global unicast';
    }
    /**
     * Return the bits in the given range as a BigInt
     * @returns {bigint}
     */
    getBits(start, end) {
        return BigInt(`0b${this.getBitsBase2(start, end)}`);
    }
    /**
     * Return the bits in the given range as a base-2 string
     * @returns {String}
     */
    getBitsBase2(start, end) {
        return this.binaryZeroPad().slice(start, end);
    }
    /**
     * Return the bits in the given range as a base-16 string
     * @returns {String}
     */
    getBitsBase16(start, end) {
        const length = end - start;
        if (length % 4 !== 0) {
            throw new Error('Length of bits to retrieve must be divisible by four');
        }
        return this.getBits(start, end)
            .toString(16)
            .padStart(length / 4, '0');
    }
    /**
     * Return the bits that are set past the subnet mask length
     * @returns {String}
     */
    getBitsPastSubnet() {
        return this.getBitsBase2(this.subnetMask, constants6.BITS);
    }
    /**
     * Return the reversed ip6.arpa form of the address
     * @param {Object} options
     * @param {boolean} options.omitSuffix - omit the "ip6.arpa" suffix
     * @returns {String}
     */
    reverseForm(options) {
        if (!options) {
            options = {};
        }
        const characters = Math.floor(this.subnetMask / 4);
        const reversed = this.canonicalForm()
            .replace(/:/g, '')
            .split('')
            .slice(0, characters)
            .reverse()
            .join('.');
        if (characters > 0) {
            if (options.omitSuffix) {
                return reversed;
            }
            return `${reversed}.ip6.arpa.`;
        }
        if (options.omitSuffix) {
            return '';
        }
        return 'ip6.arpa.';
    }
    /**
     * Returns the address in correct form, per
     * [RFC 5952](https://datatracker.ietf.org/doc/html/rfc5952): leading zeros
     * stripped, the longest run of zero groups collapsed to `::`, and hex digits
     * lowercased (e.g. `2001:db8::1`). This is the recommended form for display.
     */
    correctForm() {
        let i;
        let groups = [];
        let zeroCounter = 0;
        const zeroes = [];
        for (i = 0; i < this.parsedAddress.length; i++) {
            const value = parseInt(this.parsedAddress[i], 16);
            if (value === 0) {
                zeroCounter++;
            }
            if (value !== 0 && zeroCounter > 0) {
                if (zeroCounter > 1) {
                    zeroes.push([i - zeroCounter, i - 1]);
                }
                zeroCounter = 0;
            }
        }
        // Do we end with a string of zeroes?
        if (zeroCounter > 1) {
            zeroes.push([this.parsedAddress.length - zeroCounter, this.parsedAddress.length - 1]);
        }
        const zeroLengths = zeroes.map((n) => n[1] - n[0] + 1);
        if (zeroes.length > 0) {
            const index = zeroLengths.indexOf(Math.max(...zeroLengths));
            groups = compact(this.parsedAddress, zeroes[index]);
        }
        else {
            groups = this.parsedAddress;
        }
        for (i = 0; i < groups.length; i++) {
            if (groups[i] !== 'compact') {
                groups[i] = parseInt(groups[i], 16).toString(16);
            }
        }
        let correct = groups.join(':');
        correct = correct.replace(/^compact$/, '::');
        correct = correct.replace(/(^compact)|(compact$)/, ':');
        correct = correct.replace(/compact/, '');
        return correct;
    }
    /**
     * Return a zero-padded base-2 string representation of the address
     * @returns {String}
     * @example
     * var address = new Address6('2001:4860:4001:803::1011');
     * address.binaryZeroPad();
     * // '0010000000000001010010000110000001000000000000010000100000000011
     * //  0000000000000000000000000000000000000000000000000001000000010001'
     */
    binaryZeroPad() {
        if (this._binaryZeroPad === undefined) {
            this._binaryZeroPad = this.bigInt().toString(2).padStart(constants6.BITS, '0');
        }
        return this._binaryZeroPad;
    }
    /**
     * Parses a v4-in-v6 string (e.g. `::ffff:192.168.0.1`) by extracting the
     * trailing IPv4 address into `this.address4` / `this.parsedAddress4` and
     * returning the address with the v4 portion converted to two v6 groups.
     * Used internally by `parse()`.
     */
    // TODO: Improve the semantics of this helper function
    parse4in6(address) {
        if (address.indexOf('.') === -1) {
            return address;
        }
        const groups = address.split(':');
        const lastGroup = groups.slice(-1)[0];
        // RE_ADDRESS rejects octets with a leading zero, so a dotted-quad tail is
        // matched permissively first: that way this notation still gets its own
        // message with the offending octet highlighted, rather than falling
        // through as an unrecognized group.
        const v4Octets = lastGroup.split('.');
        if (v4Octets.length === constants4.GROUPS &&
            v4Octets.every((octet) => /^\d{1,3}$/.test(octet))) {
            if (v4Octets.some((octet) => /^0\d/.test(octet))) {
                // The prefix groups haven't been through the bad-character check
                // yet, so escape them before including in the error HTML.
                const highlighted = v4Octets.map(spanLeadingZeroes4).join('.');
                const prefix = groups.slice(0, -1).map(helpers.escapeHtml).join(':');
                const separator = groups.length > 1 ? ':' : '';
                throw new address_error_1.AddressError("IPv4 addresses can't have leading zeroes.", `${prefix}${separator}${highlighted}`);
            }
        }
        const address4 = lastGroup.match(constants4.RE_ADDRESS);
        if (address4) {
            this.parsedAddress4 = address4[0];
            const v4Suffix = this.subnetMask >= 96 ? `/${this.subnetMask - 96}` : '';
            this.address4 = new ipv4_1.Address4(`${this.parsedAddress4}${v4Suffix}`);
            this.v4 = true;
            groups[groups.length - 1] = this.address4.toGroup6();
            address = groups.join(':');
        }
        return address;
    }
    /**
     * Parses an IPv6 address string into its 8 hexadecimal groups (expanding
     * any `::` elision and any trailing v4-in-v6 portion) and stores the result
     * on `this.parsedAddress`. Called automatically by the constructor; you
     * typically don't need to call it directly. Throws `AddressError` if the
     * input is malformed.
     */
    // TODO: Make private?
    parse(address) {
        address = this.parse4in6(address);
        const badCharacters = address.match(constants6.RE_BAD_CHARACTERS);
        if (badCharacters) {
            throw new address_error_1.AddressError(`Bad character${badCharacters.length > 1 ? 's' : ''} detected in address: ${badCharacters.join('')}`, address.replace(constants6.RE_BAD_CHARACTERS, (character) => `<span class="parse-error">${helpers.escapeHtml(character)}</span>`));
        }
        const badAddress = address.match(constants6.RE_BAD_ADDRESS);
        if (badAddress) {
            throw new address_error_1.AddressError(`Address failed regex: ${badAddress.join('')}`, address.replace(constants6.RE_BAD_ADDRESS, '<span class="parse-error">$1</span>'));
        }
        let groups = [];
        const halves = address.split('::');
        if (halves.length === 2) {
            let first = halves[0].split(':');
            let last = halves[1].split(':');
            if (first.length === 1 && first[0] === '') {
                first = [];
            }
            if (last.length === 1 && last[0] === '') {
                last = [];
            }
            const remaining = this.groups - (first.length + last.length);
            if (!remaining) {
                throw new address_error_1.AddressError('Error parsing groups');
            }
            this.elidedGroups = remaining;
            this.elisionBegin = first.length;
            this.elisionEnd = first.length + this.elidedGroups;
            groups = groups.concat(first);
            for (let i = 0; i < remaining; i++) {
                groups.push('0');
            }
            groups = groups.concat(last);
        }
        else if (halves.length === 1) {
            groups = address.split(':');
            this.elidedGroups = 0;
        }
        else {
            throw new address_error_1.AddressError('Too many :: groups found');
        }
        groups = groups.map((group) => parseInt(group, 16).toString(16));
        if (groups.length !== this.groups) {
            throw new address_error_1.AddressError('Incorrect number of groups found');
        }
        return groups;
    }
    /**
     * Returns the canonical (fully expanded) form of the address: all 8 groups,
     * each padded to 4 hex digits, with no `::` collapsing
     * (e.g. `2001:0db8:0000:0000:0000:0000:0000:0001`). Useful for sorting and
     * byte-exact comparison.
     */
    canonicalForm() {
        return this.parsedAddress.map(paddedHex).join(':');
    }
    /**
     * Return the decimal form of the address
     * @returns {String}
     */
    decimal() {
        return this.parsedAddress.map((n) => parseInt(n, 16).toString(10).padStart(5, '0')).join(':');
    }
    /**
     * Return the address as a BigInt
     * @returns {bigint}
     */
    bigInt() {
        return BigInt(`0x${this.parsedAddress.map(paddedHex).join('')}`);
    }
    /**
     * Return the last two groups of this address as an IPv4 address string.
     * If this address carries a CIDR prefix that covers the trailing 32 bits
     * (i.e. `subnetMask >= 96`), the resulting `Address4` inherits the
     * corresponding v4 prefix (`subnetMask - 96`); otherwise it defaults to
     * `/32`.
     * @returns {Address4}
     * @example
     * var address = new Address6('2001:4860:4001::1825:bf11');
     * address.to4().correctForm(); // '24.37.191.17'
     */
    to4() {
        const binary = this.binaryZeroPad().split('');
        const hex = BigInt(`0b${binary.slice(96, 128).join('')}`)
            .toString(16)
            .padStart(8, '0');
        if (this.subnetMask >= 96) {
            const v4Mask = this.subnetMask - 96;
            const groups = [];
            for (let i = 0; i < 8; i += 2) {
                groups.push(parseInt(hex.slice(i, i + 2), 16));
            }
            return new ipv4_1.Address4(`${groups.join('.')}/${v4Mask}`);
        }
        return ipv4_1.Address4.fromHex(hex);
    }
    /**
     * Return the v4-in-v6 form of the address
     * @returns {String}
     */
    to4in6() {
        const address4 = this.to4();
        const address6 = new Address6(this.parsedAddress.slice(0, 6).join(':'), 6);
        const correct = address6.correctForm();
        let infix = '';
        if (!/:$/.test(correct)) {
            infix = ':';
        }
        return correct + infix + address4.correctForm();
    }
    /**
     * Decodes the Teredo tunneling fields embedded in this address. Returns the
     * Teredo prefix, server IPv4, client IPv4, raw flag bits, cone-NAT flag,
     * UDP port, and Microsoft-format flag breakdown (reserved, universal/local,
     * group/individual, nonce). Only meaningful for addresses in `2001::/32`.
     */
    inspectTeredo() {
        /*
        - Bits 0 to 31 are set to the Teredo prefix (normally 2001:0000::/32).
        - Bits 32 to 63 embed the primary IPv4 address of the Teredo server that
          is used.
        - Bits 64 to 79 can be used to define some flags. Currently only the
          higher order bit is used; it is set to 1 if the Teredo client is
          located behind a cone NAT, 0 otherwise. For Microsoft's Windows Vista
          and Windows Server 2008 implementations, more bits are used. In those
          implementations, the format for these 16 bits is "CRAAAAUG AAAAAAAA",
          where "C" remains the "Cone" flag. The "R" bit is reserved for future
          use. The "U" bit is for the Universal/Local flag (set to 0). The "G" bit
          is Individual/Group flag (set to 0). The A bits are set to a 12-bit
          randomly generated number chosen by the Teredo client to introduce
          additional protection for the Teredo node against IPv6-based scanning
          attacks.
        - Bits 80 to 95 contains the obfuscated UDP port number. This is the
          port number that is mapped by the NAT to the Teredo client with all
          bits inverted.
        - Bits 96 to 127 contains the obfuscated IPv4 address. This is the
          public IPv4 address of the NAT with all bits inverted.
        */
        const prefix = this.getBitsBase16(0, 32);
        const bitsForUdpPort = this.getBits(80, 96);
        const udpPort = (bitsForUdpPort ^ BigInt('0xffff')).toString();
        const server4 = ipv4_1.Address4.fromHex(this.getBitsBase16(32, 64));
        const bitsForClient4 = this.getBits(96, 128);
        const client4 = ipv4_1.Address4.fromHex((bitsForClient4 ^ BigInt('0xffffffff')).toString(16).padStart(8, '0'));
        const flagsBase2 = this.getBitsBase2(64, 80);
        const coneNat = (0, common_1.testBit)(flagsBase2, 15);
        const reserved = (0, common_1.testBit)(flagsBase2, 14);
        const groupIndividual = (0, common_1.testBit)(flagsBase2, 8);
        const universalLocal = (0, common_1.testBit)(flagsBase2, 9);
        const nonce = BigInt(`0b${flagsBase2.slice(2, 6) + flagsBase2.slice(8, 16)}`).toString(10);
        return {
            prefix: `${prefix.slice(0, 4)}:${prefix.slice(4, 8)}`,
            server4: server4.address,
            client4: client4.address,
            flags: flagsBase2,
            coneNat,
            microsoft: {
                reserved,
                universalLocal,
                groupIndividual,
                nonce,
            },
            udpPort,
        };
    }
    /**
     * Decodes the 6to4 tunneling fields embedded in this address. Returns the
     * 6to4 prefix and the embedded IPv4 gateway address. Only meaningful for
     * addresses in `2002::/16`.
     */
    inspect6to4() {
        /*
        - Bits 0 to 15 are set to the 6to4 prefix (2002::/16).
        - Bits 16 to 48 embed the IPv4 address of the 6to4 gateway that is used.
        */
        const prefix = this.getBitsBase16(0, 16);
        const gateway = ipv4_1.Address4.fromHex(this.getBitsBase16(16, 48));
        return {
            prefix: prefix.slice(0, 4),
            gateway: gateway.address,
        };
    }
    /**
     * Return a v6 6to4 address from a v6 v4inv6 address
     * @returns {Address6}
     */
    to6to4() {
        if (!this.is4()) {
            return null;
        }
        const addr6to4 = [
            '2002',
            this.getBitsBase16(96, 112),
            this.getBitsBase16(112, 128),
            '',
            '/16',
        ].join(':');
        return new Address6(addr6to4);
    }
    /**
     * Embed an IPv4 address into a NAT64 IPv6 address using the encoding
     * defined by [RFC 6052](https://datatracker.ietf.org/doc/html/rfc6052).
     * The default prefix is the well-known prefix `64:ff9b::/96`. The prefix
     * length must be one of 32, 40, 48, 56, 64, or 96; for prefixes shorter
     * than /64 the IPv4 octets are split around the reserved bits 64–71.
     * @example
     * Address6.fromAddress4Nat64('192.0.2.33').correctForm(); // '64:ff9b::c000:221'
     * Address6.fromAddress4Nat64('192.0.2.33', '2001:db8::/32').correctForm(); // '2001:db8:c000:221::'
     */
    static fromAddress4Nat64(address, prefix = '64:ff9b::/96') {
        const v4 = new ipv4_1.Address4(address);
        const prefix6 = new Address6(prefix);
        const pl = prefix6.subnetMask;
        if (pl !== 32 && pl !== 40 && pl !== 48 && pl !== 56 && pl !== 64 && pl !== 96) {
            throw new address_error_1.AddressError('NAT64 prefix length must be 32, 40, 48, 56, 64, or 96');
        }
        const prefixBits = prefix6.binaryZeroPad();
        const v4Bits = v4.binaryZeroPad();
        let bits;
        if (pl === 96) {
            bits = prefixBits.slice(0, 96) + v4Bits;
        }
        else {
            const beforeU = 64 - pl;
            bits = [
                prefixBits.slice(0, pl),
                v4Bits.slice(0, beforeU),
                // Bits 64 to 71 are the reserved u octet and are always zero.
                '00000000',
                v4Bits.slice(beforeU),
                '0'.repeat(128 - 72 - (32 - beforeU)),
            ].join('');
        }
        const hex = BigInt(`0b${bits}`).toString(16).padStart(32, '0');
        const groups = [];
        for (let i = 0; i < 8; i++) {
            groups.push(hex.slice(i * 4, (i + 1) * 4));
        }
        return new Address6(groups.join(':'));
    }
    /**
     * Extract the embedded IPv4 address from a NAT64 IPv6 address using the
     * encoding defined by [RFC 6052](https://datatracker.ietf.org/doc/html/rfc6052).
     * The default prefix is the well-known prefix `64:ff9b::/96`. Returns
     * `null` if this address is not contained within the given prefix.
     * @example
     * new Address6('64:ff9b::c000:221').toAddress4Nat64()!.correctForm(); // '192.0.2.33'
     */
    toAddress4Nat64(prefix = '64:ff9b::/96') {
        const prefix6 = new Address6(prefix);
        const pl = prefix6.subnetMask;
        if (pl !== 32 && pl !== 40 && pl !== 48 && pl !== 56 && pl !== 64 && pl !== 96) {
            throw new address_error_1.AddressError('NAT64 prefix length must be 32, 40, 48, 56, 64, or 96');
        }
        if (!this.isHostInSubnet(prefix6)) {
            return null;
        }
        const bits = this.binaryZeroPad();
        let v4Bits;
        if (pl === 96) {
            v4Bits = bits.slice(96, 128);
        }
        else {
            const beforeU = 64 - pl;
            v4Bits = bits.slice(pl, pl + beforeU) + bits.slice(72, 72 + (32 - beforeU));
        }
        const octets = [];
        for (let i = 0; i < 4; i++) {
            octets.push(parseInt(v4Bits.slice(i * 8, (i + 1) * 8), 2).toString());
        }
        return new ipv4_1.Address4(octets.join('.'));
    }
    /**
     * Return a byte array.
     *
     * To get a Node.js `Buffer`, wrap the result: `Buffer.from(address.toByteArray())`.
     * @returns {Array}
     */
    toByteArray() {
        const value = this.bigInt()
            .toString(16)
            .padStart(constants6.BITS / 4, '0');
        const bytes = [];
        for (let i = 0, length = value.length; i < length; i += 2) {
            bytes.push(parseInt(value.substring(i, i + 2), 16));
        }
        return bytes;
    }
    /**
     * Return an unsigned byte array.
     *
     * To get a Node.js `Buffer`, wrap the result: `Buffer.from(address.toUnsignedByteArray())`.
     * @returns {Array}
     */
    toUnsignedByteArray() {
        // toByteArray() emits 0 to 255, so unsigning it is an identity mapping and
        // the two methods return equal arrays. 11.0.0 keeps one of them and makes
        // this a deprecated alias; test/common-test.ts fails at that version.
        return this.toByteArray().map(unsignByte);
    }
    /**
     * Convert a byte array to an Address6 object.
     *
     * Accepts unsigned bytes (0 to 255) or signed bytes (-128 to 127, as an
     * `Int8Array` or a Java `byte[]` holds them), folding signed values to their
     * unsigned equivalent. Throws `AddressError` unless given exactly 16
     * integers from -128 to 255.
     *
     * To convert from a Node.js `Buffer`, spread it: `Address6.fromByteArray([...buf])`.
     * @returns {Address6}
     */
    static fromByteArray(bytes) {
        // Address4.fromByteArray takes unsigned bytes only. 11.0.0 aligns this
        // method with it, at which point the -128 floor here, unsignByte, and the
        // mapping below all go; test/common-test.ts fails at that version.
        common.assertByteArray(bytes, 16, 'IPv6', -128);
        return this.fromUnsignedByteArray(bytes.map(unsignByte));
    }
    /**
     * Convert an unsigned byte array to an Address6 object.
     *
     * Throws `AddressError` unless given exactly 16 integers from 0 to 255.
     *
     * To convert from a Node.js `Buffer`, spread it: `Address6.fromUnsignedByteArray([...buf])`.
     * @returns {Address6}
     */
    static fromUnsignedByteArray(bytes) {
        common.assertByteArray(bytes, 16, 'IPv6', 0);
        const BYTE_MAX = BigInt('256');
        let result = BigInt('0');
        let multiplier = BigInt('1');
        for (let i = bytes.length - 1; i >= 0; i--) {
            result += multiplier * BigInt(bytes[i].toString(10));
            multiplier *= BYTE_MAX;
        }
        return Address6.fromBigInt(result);
    }
    /**
     * Returns true if the address is in the canonical form, false otherwise
     * @returns {boolean}
     */
    isCanonical() {
        return this.addressMinusSuffix === this.canonicalForm();
    }
    /**
     * Returns true if the address is a link-local unicast address in `fe80::/10`
     * ([RFC 4291 §2.4](https://datatracker.ietf.org/doc/html/rfc4291#section-2.4))
     * or an IPv4-mapped / NAT64 address whose embedded IPv4 address is link-local
     * (`169.254.0.0/16`, e.g. `::ffff:169.254.169.254`), false otherwise.
     * @returns {boolean}
     */
    isLinkLocal() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isLinkLocal();
        }
        return this.isHostInSubnet(LINK_LOCAL_SUBNET);
    }
    /**
     * Returns true if the address is a multicast address, false otherwise
     * @returns {boolean}
     */
    isMulticast() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isMulticast();
        }
        const type = this.getType();
        return type === 'Multicast' || type.startsWith('Multicast ');
    }
    /**
     * Returns true if the address was written in v4-in-v6 dotted-quad notation
     * (e.g. `::ffff:127.0.0.1`), false otherwise. This is a notation-level flag
     * and does not reflect whether the address bits lie in the IPv4-mapped
     * (`::ffff:0:0/96`) subnet — for that, see {@link isMapped4}.
     * @returns {boolean}
     */
    is4() {
        return this.v4;
    }
    /**
     * Returns true if the address is an IPv4-mapped IPv6 address in
     * `::ffff:0:0/96` ([RFC 4291 §2.5.5.2](https://datatracker.ietf.org/doc/html/rfc4291#section-2.5.5.2)),
     * false otherwise. Unlike {@link is4}, this checks the underlying address
     * bits rather than the textual notation, so `::ffff:127.0.0.1` and
     * `::ffff:7f00:1` both return true.
     * @returns {boolean}
     */
    isMapped4() {
        return this.isHostInSubnet(IPV4_MAPPED_SUBNET);
    }
    /**
     * If this address embeds a routable IPv4 address — i.e. it is IPv4-mapped
     * (`::ffff:0:0/96`) or sits in the NAT64 well-known prefix (`64:ff9b::/96`,
     * [RFC 6052](https://datatracker.ietf.org/doc/html/rfc6052)) — return that
     * embedded address as an {@link Address4}; otherwise return null.
     *
     * The special-property checks (`isLoopback`, `isLinkLocal`, `isMulticast`,
     * `isUnspecified`, `isPrivate`, `isCGNAT`, `isBroadcast`) call this first and
     * delegate to the embedded {@link Address4} when present, so a literal such as
     * `::ffff:127.0.0.1` is classified by what it actually reaches (loopback)
     * rather than by its IPv6 wrapper (which `getType()` reports as IPv4-mapped).
     * This matters wherever the checks back a trust-boundary decision (e.g. an
     * SSRF allow/deny filter): without normalization, `::ffff:10.0.0.1`,
     * `::ffff:169.254.169.254`, `64:ff9b::7f00:1`, etc. would all read as
     * non-internal.
     * @returns {Address4 | null}
     */
    embeddedIPv4() {
        if (this.isMapped4() || this.isHostInSubnet(NAT64_WELL_KNOWN_SUBNET)) {
            return this.to4();
        }
        return null;
    }
    /**
     * Returns true if the address is a Teredo address, false otherwise
     * @returns {boolean}
     */
    isTeredo() {
        return this.isHostInSubnet(TEREDO_SUBNET);
    }
    /**
     * Returns true if the address is a 6to4 address, false otherwise
     * @returns {boolean}
     */
    is6to4() {
        return this.isHostInSubnet(SIX_TO_FOUR_SUBNET);
    }
    /**
     * Returns true if the address is a loopback address, false otherwise
     * @returns {boolean}
     */
    isLoopback() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isLoopback();
        }
        return this.getType() === 'Loopback';
    }
    /**
     * Returns true if the address is a Unique Local Address in `fc00::/7` ([RFC 4193](https://datatracker.ietf.org/doc/html/rfc4193)). ULAs are the IPv6 equivalent of IPv4 [RFC 1918](https://datatracker.ietf.org/doc/html/rfc1918) private addresses.
     * @returns {boolean}
     */
    isULA() {
        return this.isHostInSubnet(ULA_SUBNET);
    }
    /**
     * Returns true if the address is private, i.e. a Unique Local Address in
     * `fc00::/7` ([RFC 4193](https://datatracker.ietf.org/doc/html/rfc4193)), an
     * address in the NAT64 local-use range `64:ff9b:1::/48`
     * ([RFC 8215](https://datatracker.ietf.org/doc/html/rfc8215)), or an
     * IPv4-mapped / NAT64 well-known address whose embedded IPv4 address is in
     * one of the [RFC 1918](https://datatracker.ietf.org/doc/html/rfc1918)
     * private ranges (e.g. `::ffff:10.0.0.1`). This is the IPv6 counterpart to
     * {@link Address4.isPrivate}; use it instead of {@link isULA} when you need to
     * catch mapped RFC 1918 addresses as well as native ULAs.
     *
     * The local-use NAT64 range is reported private as a whole rather than by
     * its embedded IPv4 address: an operator may carve a prefix of any RFC 6052
     * length out of `64:ff9b:1::/48`, so the same bits decode to different IPv4
     * addresses under different deployments and no single decoding is correct.
     * Use {@link toAddress4Nat64} with the deployment's prefix to decode one.
     * @returns {boolean}
     */
    isPrivate() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isPrivate();
        }
        return this.isULA() || this.isHostInSubnet(NAT64_LOCAL_USE_SUBNET);
    }
    /**
     * Returns true if the address is an IPv4-mapped / NAT64 address whose embedded
     * IPv4 address is in the carrier-grade NAT range `100.64.0.0/10`
     * ([RFC 6598](https://datatracker.ietf.org/doc/html/rfc6598)), false
     * otherwise. There is no native IPv6 CGNAT range, so this only ever returns
     * true for an embedded IPv4 address (e.g. `::ffff:100.64.0.1`).
     * @returns {boolean}
     */
    isCGNAT() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isCGNAT();
        }
        return false;
    }
    /**
     * Returns true if the address is an IPv4-mapped / NAT64 address whose embedded
     * IPv4 address is the limited broadcast address `255.255.255.255`
     * ([RFC 919](https://datatracker.ietf.org/doc/html/rfc919)), false otherwise.
     * There is no IPv6 broadcast, so this only ever returns true for an embedded
     * IPv4 address (e.g. `::ffff:255.255.255.255`).
     * @returns {boolean}
     */
    isBroadcast() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isBroadcast();
        }
        return false;
    }
    /**
     * Returns true if the address is the unspecified address `::`.
     * @returns {boolean}
     */
    isUnspecified() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isUnspecified();
        }
        return this.getType() === 'Unspecified';
    }
    /**
     * Returns true if the address is in the documentation prefix `2001:db8::/32` ([RFC 3849](https://datatracker.ietf.org/doc/html/rfc3849)).
     * @returns {boolean}
     */
    isDocumentation() {
        return DOCUMENTATION_SUBNETS.some((subnet) => this.isHostInSubnet(subnet));
    }
    /**
     * Returns true if the address is in the benchmarking range `2001:2::/48`
     * ([RFC 5180](https://datatracker.ietf.org/doc/html/rfc5180)) or is an
     * IPv4-mapped / NAT64 address whose embedded IPv4 address is in
     * `198.18.0.0/15`, false otherwise.
     * @returns {boolean}
     */
    isBenchmarking() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isBenchmarking();
        }
        return this.isHostInSubnet(BENCHMARKING_SUBNET);
    }
    /**
     * Returns true if the address is globally reachable: inside the global
     * unicast allocation `2000::/3` (the only range the [IANA IPv6 Address Space
     * Registry](https://www.iana.org/assignments/ipv6-address-space/) assigns
     * for global unicast; everything else is reserved, ULA, link-local, or
     * multicast) and not in any block the [IANA IPv6 Special-Purpose Address Registry](https://www.iana.org/assignments/iana-ipv6-special-registry/)
     * marks as not globally reachable. An IPv4-mapped or NAT64 well-known
     * address answers for its embedded IPv4 address, so `::ffff:10.0.0.1` and
     * `64:ff9b::7f00:1` are not global. Teredo (`2001::/32`) and 6to4
     * (`2002::/16`) are not global either: the registry lists them as N/A and a
     * packet to one needs a relay.
     *
     * This covers everything the individual classifiers name and the blocks they
     * do not: the discard-only prefix `100::/64`, the IETF protocol assignments
     * in `2001::/23`, the deprecated site-local `fec0::/10` and IPv4-compatible
     * `::/96` ranges, and unallocated space such as `4000::/3`. It is the single
     * predicate to use where a request must not reach an internal or
     * special-purpose destination; see SECURITY.md.
     * @returns {boolean}
     */
    isGlobal() {
        const embedded = this.embeddedIPv4();
        if (embedded) {
            return embedded.isGlobal();
        }
        return (this.isHostInSubnet(GLOBAL_UNICAST_SUBNET) &&
            common.isGloballyReachable.call(this, SPECIAL_PURPOSE_V6));
    }
    // #endregion
    // #region HTML
    /**
     * Returns the address as an HTTP URL with the host bracketed, e.g.
     * `http://[2001:db8::1]/`. If `optionalPort` is provided it is appended,
     * e.g. `http://[2001:db8::1]:8080/`.
     */
    href(optionalPort) {
        if (optionalPort === undefined) {
            optionalPort = '';
        }
        else {
            optionalPort = `:${optionalPort}`;
        }
        return `http://[${this.correctForm()}]${optionalPort}/`;
    }
    /**
     * Returns an HTML `<a>` element whose `href` encodes the address in a URL
     * hash fragment (default prefix `/#address=`). Useful for linking between
     * pages of an address-inspector UI.
     * @param options.className - CSS class for the rendered `<a>` element
     * @param options.prefix - hash prefix prepended to the address (default `/#address=`)
     * @param options.v4 - when true, render the address in v4-in-v6 form
     */
    link(options) {
        if (!options) {
            options = {};
        }
        if (options.className === undefined) {
            options.className = '';
        }
        if (options.prefix === undefined) {
            options.prefix = '/#address=';
        }
        if (options.v4 === undefined) {
            options.v4 = false;
        }
        let formFunction = this.correctForm;
        if (options.v4) {
            formFunction = this.to4in6;
        }
        const form = formFunction.call(this);
        const safeHref = helpers.escapeHtml(`${options.prefix}${form}`);
        const safeForm = helpers.escapeHtml(form);
        if (options.className) {
            const safeClass = helpers.escapeHtml(options.className);
            return `<a href="${safeHref}" class="${safeClass}">${safeForm}</a>`;
        }
        return `<a href="${safeHref}">${safeForm}</a>`;
    }
    /**
     * Groups an address.
     *
     * Returns an HTML fragment: each group is wrapped in a `<span>` carrying
     * the group classes an address-inspector UI hovers on. The address content
     * is HTML-escaped; anything you concatenate around it is your
     * responsibility.
     * @returns {String}
     */
    group() {
        if (this.elidedGroups === 0) {
            // The simple case
            return helpers.simpleGroup(this.addressMinusSuffix).join(':');
        }
        assert(typeof this.elidedGroups === 'number');
        assert(typeof this.elisionBegin === 'number');
        // The elided case
        const output = [];
        const [left, right] = this.addressMinusSuffix.split('::');
        if (left.length) {
            output.push(...helpers.simpleGroup(left));
        }
        else {
            output.push('');
        }
        const classes = ['hover-group'];
        for (let i = this.elisionBegin; i < this.elisionBegin + this.elidedGroups; i++) {
            classes.push(`group-${i}`);
        }
        output.push(`<span class="${classes.join(' ')}"></span>`);
        if (right.length) {
            output.push(...helpers.simpleGroup(right, this.elisionEnd));
        }
        else {
            output.push('');
        }
        if (this.is4()) {
            assert(this.address4 instanceof ipv4_1.Address4);
            output.pop();
            output.push(this.address4.groupForV6());
        }
        return output.join(':');
    }
    // #endregion
    // #region Regular expressions
    /**
     * Generate a regular expression string that can be used to find or validate
     * all variations of this address
     * @param {boolean} substringSearch
     * @returns {string}
     */
    regularExpressionString(substringSearch = false) {
        let output = [];
        // TODO: revisit why this is necessary
        const address6 = new Address6(this.correctForm());
        if (address6.elidedGroups === 0) {
            // The simple case
            output.push((0, regular_expressions_1.simpleRegularExpression)(address6.parsedAddress));
        }
        else if (address6.elidedGroups === constants6.GROUPS) {
            // A completely elided address
            output.push((0, regular_expressions_1.possibleElisions)(constants6.GROUPS));
        }
        else {
            // A partially elided address
            const halves = address6.address.split('::');
            if (halves[0].length) {
                output.push((0, regular_expressions_1.simpleRegularExpression)(halves[0].split(':')));
            }
            assert(typeof address6.elidedGroups === 'number');
            output.push((0, regular_expressions_1.possibleElisions)(address6.elidedGroups, halves[0].length !== 0, halves[1].length !== 0));
            if (halves[1].length) {
                output.push((0, regular_expressions_1.simpleRegularExpression)(halves[1].split(':')));
            }
            output = [output.join(':')];
        }
        if (!substringSearch) {
            output = [
                '(?=^|',
                regular_expressions_1.ADDRESS_BOUNDARY,
                '|[^\\w\\:])(',
                ...output,
                ')(?=[^\\w\\:]|',
                regular_expressions_1.ADDRESS_BOUNDARY,
                '|$)',
            ];
        }
        return output.join('');
    }
    /**
     * Generate a regular expression that can be used to find or validate all
     * variations of this address.
     * @param {boolean} substringSearch
     * @returns {RegExp}
     */
    regularExpression(substringSearch = false) {
        return new RegExp(this.regularExpressionString(substringSearch), 'i');
    }
}
exports.Address6 = Address6;
const TYPE_SUBNETS = Object.keys(constants6.TYPES).map((subnet) => [
    new Address6(subnet),
    constants6.TYPES[subnet],
]);
const TEREDO_SUBNET = new Address6('2001::/32');
const SIX_TO_FOUR_SUBNET = new Address6('2002::/16');
const ULA_SUBNET = new Address6('fc00::/7');
const LINK_LOCAL_SUBNET = new Address6('fe80::/10');
const DOCUMENTATION_SUBNETS = [new Address6('2001:db8::/32'), new Address6('3fff::/20')];
const BENCHMARKING_SUBNET = new Address6('2001:2::/48');
const GLOBAL_UNICAST_SUBNET = new Address6('2000::/3');
const SPECIAL_PURPOSE_V6 = constants6.SPECIAL_PURPOSE.map(([cidr, , reachable]) => ({
    subnet: new Address6(cidr),
    reachable,
}));
const IPV4_MAPPED_SUBNET = new Address6('::ffff:0:0/96');
const NAT64_WELL_KNOWN_SUBNET = new Address6('64:ff9b::/96');
const NAT64_LOCAL_USE_SUBNET = new Address6('64:ff9b:1::/48');
//# sourceMappingURL=ipv6.js.map

/***/ }),

/***/ 437:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SPECIAL_PURPOSE = exports.RE_SUBNET_STRING = exports.RE_ADDRESS = exports.GROUPS = exports.BITS = void 0;
exports.BITS = 32;
exports.GROUPS = 4;
// Each octet is 0-255 written without a leading zero. A leading zero is
// octal to the WHATWG URL parser, inet_aton, and getaddrinfo, but decimal to
// parseInt(part, 10), so accepting the notation would make this library
// disagree with the network stack about which host a string names.
exports.RE_ADDRESS = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/g;
exports.RE_SUBNET_STRING = /\/\d{1,2}$/;
/**
 * The IANA IPv4 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv4-special-registry/), one entry
 * per block: `[cidr, name, globallyReachable]`. A `null` reachability means
 * the registry leaves the column blank and the block inherits the answer of
 * the block containing it (or is global when nothing contains it).
 *
 * `Address4.isGlobal()` answers from the most specific entry containing the
 * address. `test/data/iana-corpus.json` is generated from the registry's CSV
 * and pins this table to it.
 */
exports.SPECIAL_PURPOSE = [
    ['0.0.0.0/8', 'This network', false],
    ['0.0.0.0/32', 'This host on this network', false],
    ['10.0.0.0/8', 'Private-Use', false],
    ['100.64.0.0/10', 'Shared Address Space', false],
    ['127.0.0.0/8', 'Loopback', false],
    ['169.254.0.0/16', 'Link Local', false],
    ['172.16.0.0/12', 'Private-Use', false],
    ['192.0.0.0/24', 'IETF Protocol Assignments', false],
    ['192.0.0.0/29', 'IPv4 Service Continuity Prefix', false],
    ['192.0.0.8/32', 'IPv4 dummy address', false],
    ['192.0.0.9/32', 'Port Control Protocol Anycast', true],
    ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', true],
    ['192.0.0.170/32', 'NAT64/DNS64 Discovery', false],
    ['192.0.0.171/32', 'NAT64/DNS64 Discovery', false],
    ['192.0.2.0/24', 'Documentation (TEST-NET-1)', false],
    ['192.31.196.0/24', 'AS112-v4', true],
    ['192.52.193.0/24', 'AMT', true],
    ['192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', null],
    ['192.88.99.2/32', '6a44-relay anycast address', false],
    ['192.168.0.0/16', 'Private-Use', false],
    ['192.175.48.0/24', 'Direct Delegation AS112 Service', true],
    ['198.18.0.0/15', 'Benchmarking', false],
    ['198.51.100.0/24', 'Documentation (TEST-NET-2)', false],
    ['203.0.113.0/24', 'Documentation (TEST-NET-3)', false],
    ['240.0.0.0/4', 'Reserved', false],
    ['255.255.255.255/32', 'Limited Broadcast', false],
];
//# sourceMappingURL=constants.js.map

/***/ }),

/***/ 899:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SPECIAL_PURPOSE = exports.RE_URL_WITH_PORT = exports.RE_URL = exports.RE_ZONE_STRING = exports.RE_SUBNET_STRING = exports.RE_BAD_ADDRESS = exports.RE_BAD_CHARACTERS = exports.TYPES = exports.SCOPES = exports.GROUPS = exports.BITS = void 0;
exports.BITS = 128;
exports.GROUPS = 8;
/**
 * Represents IPv6 address scopes
 * @memberof Address6
 * @static
 */
exports.SCOPES = {
    0: 'Reserved',
    1: 'Interface local',
    2: 'Link local',
    4: 'Admin local',
    5: 'Site local',
    8: 'Organization local',
    14: 'Global',
    15: 'Reserved',
};
/**
 * Represents IPv6 address types
 * @memberof Address6
 * @static
 */
exports.TYPES = {
    'ff01::1/128': 'Multicast (All nodes on this interface)',
    'ff01::2/128': 'Multicast (All routers on this interface)',
    'ff02::1/128': 'Multicast (All nodes on this link)',
    'ff02::2/128': 'Multicast (All routers on this link)',
    'ff05::2/128': 'Multicast (All routers in this site)',
    'ff02::5/128': 'Multicast (OSPFv3 AllSPF routers)',
    'ff02::6/128': 'Multicast (OSPFv3 AllDR routers)',
    'ff02::9/128': 'Multicast (RIP routers)',
    'ff02::a/128': 'Multicast (EIGRP routers)',
    'ff02::d/128': 'Multicast (PIM routers)',
    'ff02::16/128': 'Multicast (MLDv2 reports)',
    'ff01::fb/128': 'Multicast (mDNSv6)',
    'ff02::fb/128': 'Multicast (mDNSv6)',
    'ff05::fb/128': 'Multicast (mDNSv6)',
    'ff02::1:2/128': 'Multicast (All DHCP servers and relay agents on this link)',
    'ff05::1:2/128': 'Multicast (All DHCP servers and relay agents in this site)',
    'ff02::1:3/128': 'Multicast (All DHCP servers on this link)',
    'ff05::1:3/128': 'Multicast (All DHCP servers in this site)',
    '::/128': 'Unspecified',
    '::1/128': 'Loopback',
    '::ffff:0:0/96': 'IPv4-mapped',
    'ff00::/8': 'Multicast',
    'fe80::/10': 'Link-local unicast',
    'fc00::/7': 'Unique local',
    '2001::/32': 'Teredo',
    '2001:2::/48': 'Benchmarking',
    '2002::/16': '6to4',
    '2001:db8::/32': 'Documentation',
    '3fff::/20': 'Documentation',
    '100::/64': 'Discard-only',
    'fec0::/10': 'Site-local unicast (deprecated)',
    '::/96': 'IPv4-compatible (deprecated)',
    '64:ff9b::/96': 'NAT64 (well-known)',
    '64:ff9b:1::/48': 'NAT64 (local-use)',
};
/**
 * A regular expression that matches bad characters in an IPv6 address
 * @memberof Address6
 * @static
 */
exports.RE_BAD_CHARACTERS = /([^0-9a-f:/%])/gi;
/**
 * A regular expression that matches an incorrect IPv6 address
 * @memberof Address6
 * @static
 */
exports.RE_BAD_ADDRESS = /([0-9a-f]{5,}|:{3,}|[^:]:$|^:[^:]|\/$)/gi;
/**
 * A regular expression that matches an IPv6 subnet
 * @memberof Address6
 * @static
 */
exports.RE_SUBNET_STRING = /\/\d{1,3}(?=%|$)/;
/**
 * A regular expression that matches an IPv6 zone
 * @memberof Address6
 * @static
 * @deprecated Takes quadratic time on input holding many `%` characters
 * followed by a line terminator. The library finds the zone by index, as
 * `Address6`'s constructor shows, and 11.0.0 removes this export.
 */
exports.RE_ZONE_STRING = /%.*$/;
exports.RE_URL = /^(?:\[([0-9a-f:.]+)\]|([0-9a-f:.]+))(?:[/?#].*)?$/i;
exports.RE_URL_WITH_PORT = /^\[([0-9a-f:.]+)\]:([0-9]{1,5})(?:[/?#].*)?$/i;
/**
 * The IANA IPv6 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv6-special-registry/), one entry
 * per block: `[cidr, name, globallyReachable]`. A `null` reachability means
 * the registry says N/A or leaves the column blank; N/A blocks (Teredo, 6to4)
 * are treated as not globally reachable, since a packet to one needs a relay,
 * and blank blocks inherit the answer of the block containing them.
 *
 * `Address6.isGlobal()` answers from the most specific entry containing the
 * address, after delegating IPv4-mapped and NAT64 well-known addresses to the
 * embedded IPv4 address. `test/data/iana-corpus.json` is generated from the
 * registry's CSV and pins this table to it.
 */
exports.SPECIAL_PURPOSE = [
    ['::1/128', 'Loopback Address', false],
    ['::/128', 'Unspecified Address', false],
    ['::ffff:0:0/96', 'IPv4-mapped Address', false],
    ['64:ff9b::/96', 'IPv4-IPv6 Translat.', true],
    ['64:ff9b:1::/48', 'IPv4-IPv6 Translat.', false],
    ['100::/64', 'Discard-Only Address Block', false],
    ['100:0:0:1::/64', 'Dummy IPv6 Prefix', false],
    ['2001::/23', 'IETF Protocol Assignments', false],
    ['2001::/32', 'TEREDO', false],
    ['2001:1::1/128', 'Port Control Protocol Anycast', true],
    ['2001:1::2/128', 'Traversal Using Relays around NAT Anycast', true],
    ['2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', true],
    ['2001:2::/48', 'Benchmarking', false],
    ['2001:3::/32', 'AMT', true],
    ['2001:4:112::/48', 'AS112-v6', true],
    ['2001:10::/28', 'Deprecated (previously ORCHID)', null],
    ['2001:20::/28', 'ORCHIDv2', true],
    ['2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', true],
    ['2001:db8::/32', 'Documentation', false],
    ['2002::/16', '6to4', false],
    ['2620:4f:8000::/48', 'Direct Delegation AS112 Service', true],
    ['3fff::/20', 'Documentation', false],
    ['5f00::/16', 'Segment Routing (SRv6) SIDs', false],
    ['fc00::/7', 'Unique-Local', false],
    ['fe80::/10', 'Link-Local Unicast', false],
];
//# sourceMappingURL=constants.js.map

/***/ }),

/***/ 339:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.escapeHtml = escapeHtml;
exports.spanAllZeroes = spanAllZeroes;
exports.spanAll = spanAll;
exports.spanLeadingZeroes = spanLeadingZeroes;
exports.simpleGroup = simpleGroup;
function escapeHtml(s) {
    return s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
/**
 * @returns {String} the string with all zeroes contained in a <span>
 */
function spanAllZeroes(s) {
    return escapeHtml(s).replace(/(0+)/g, '<span class="zero">$1</span>');
}
/**
 * @returns {String} the string with each character contained in a <span>
 */
function spanAll(s, offset = 0) {
    const letters = s.split('');
    return letters
        .map((n, i) => `<span class="digit value-${escapeHtml(n)} position-${i + offset}">${spanAllZeroes(n)}</span>`)
        .join('');
}
function spanLeadingZeroesSimple(group) {
    return escapeHtml(group).replace(/^(0+)/, '<span class="zero">$1</span>');
}
/**
 * @returns {String} the string with leading zeroes contained in a <span>
 */
function spanLeadingZeroes(address) {
    const groups = address.split(':');
    return groups.map((g) => spanLeadingZeroesSimple(g)).join(':');
}
/**
 * Groups an address
 * @returns {String} a grouped address
 */
function simpleGroup(addressString, offset = 0) {
    const groups = addressString.split(':');
    return groups.map((g, i) => {
        if (/group-v4/.test(g)) {
            return g;
        }
        return `<span class="hover-group group-${i + offset}">${spanLeadingZeroesSimple(g)}</span>`;
    });
}
//# sourceMappingURL=helpers.js.map

/***/ }),

/***/ 635:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ADDRESS_BOUNDARY = void 0;
exports.groupPossibilities = groupPossibilities;
exports.padGroup = padGroup;
exports.simpleRegularExpression = simpleRegularExpression;
exports.possibleElisions = possibleElisions;
const v6 = __importStar(__nccwpck_require__(899));
function groupPossibilities(possibilities) {
    return `(${possibilities.join('|')})`;
}
function padGroup(group) {
    if (group.length < 4) {
        return `0{0,${4 - group.length}}${group}`;
    }
    return group;
}
exports.ADDRESS_BOUNDARY = '[^A-Fa-f0-9:]';
function simpleRegularExpression(groups) {
    const zeroIndexes = [];
    groups.forEach((group, i) => {
        const groupInteger = parseInt(group, 16);
        if (groupInteger === 0) {
            zeroIndexes.push(i);
        }
    });
    // You can technically elide a single 0, this creates the regular expressions
    // to match that eventuality
    const possibilities = zeroIndexes.map((zeroIndex) => groups
        .map((group, i) => {
        if (i === zeroIndex) {
            const elision = i === 0 || i === v6.GROUPS - 1 ? ':' : '';
            return groupPossibilities([padGroup(group), elision]);
        }
        return padGroup(group);
    })
        .join(':'));
    // The simplest case
    possibilities.push(groups.map(padGroup).join(':'));
    return groupPossibilities(possibilities);
}
function possibleElisions(elidedGroups, moreLeft, moreRight) {
    const left = moreLeft ? '' : ':';
    const right = moreRight ? '' : ':';
    const possibilities = [];
    // 1. elision of everything (::)
    if (!moreLeft && !moreRight) {
        possibilities.push('::');
    }
    // 2. complete elision of the middle
    if (moreLeft && moreRight) {
        possibilities.push('');
    }
    if ((moreRight && !moreLeft) || (!moreRight && moreLeft)) {
        // 3. complete elision of one side
        possibilities.push(':');
    }
    // 4. elision from the left side
    possibilities.push(`${left}(:0{1,4}){1,${elidedGroups - 1}}`);
    // 5. elision from the right side
    possibilities.push(`(0{1,4}:){1,${elidedGroups - 1}}${right}`);
    // 6. no elision
    possibilities.push(`(0{1,4}:){${elidedGroups - 1}}0{1,4}`);
    // 7. elision (including sloppy elision) from the middle
    for (let groups = 1; groups < elidedGroups - 1; groups++) {
        for (let position = 1; position < elidedGroups - groups; position++) {
            possibilities.push(`(0{1,4}:){${position}}:(0{1,4}:){${elidedGroups - position - groups - 1}}0{1,4}`);
        }
    }
    return groupPossibilities(possibilities);
}
//# sourceMappingURL=regular-expressions.js.map

/***/ }),

/***/ 744:
/***/ ((module) => {

/**
 * Helpers.
 */

var s = 1000;
var m = s * 60;
var h = m * 60;
var d = h * 24;
var w = d * 7;
var y = d * 365.25;

/**
 * Parse or format the given `val`.
 *
 * Options:
 *
 *  - `long` verbose formatting [false]
 *
 * @param {String|Number} val
 * @param {Object} [options]
 * @throws {Error} throw an error if val is not a non-empty string or a number
 * @return {String|Number}
 * @api public
 */

module.exports = function (val, options) {
  options = options || {};
  var type = typeof val;
  if (type === 'string' && val.length > 0) {
    return parse(val);
  } else if (type === 'number' && isFinite(val)) {
    return options.long ? fmtLong(val) : fmtShort(val);
  }
  throw new Error(
    'val is not a non-empty string or a valid number. val=' +
      JSON.stringify(val)
  );
};

/**
 * Parse the given `str` and return milliseconds.
 *
 * @param {String} str
 * @return {Number}
 * @api private
 */

function parse(str) {
  str = String(str);
  if (str.length > 100) {
    return;
  }
  var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
    str
  );
  if (!match) {
    return;
  }
  var n = parseFloat(match[1]);
  var type = (match[2] || 'ms').toLowerCase();
  switch (type) {
    case 'years':
    case 'year':
    case 'yrs':
    case 'yr':
    case 'y':
      return n * y;
    case 'weeks':
    case 'week':
    case 'w':
      return n * w;
    case 'days':
    case 'day':
    case 'd':
      return n * d;
    case 'hours':
    case 'hour':
    case 'hrs':
    case 'hr':
    case 'h':
      return n * h;
    case 'minutes':
    case 'minute':
    case 'mins':
    case 'min':
    case 'm':
      return n * m;
    case 'seconds':
    case 'second':
    case 'secs':
    case 'sec':
    case 's':
      return n * s;
    case 'milliseconds':
    case 'millisecond':
    case 'msecs':
    case 'msec':
    case 'ms':
      return n;
    default:
      return undefined;
  }
}

/**
 * Short format for `ms`.
 *
 * @param {Number} ms
 * @return {String}
 * @api private
 */

function fmtShort(ms) {
  var msAbs = Math.abs(ms);
  if (msAbs >= d) {
    return Math.round(ms / d) + 'd';
  }
  if (msAbs >= h) {
    return Math.round(ms / h) + 'h';
  }
  if (msAbs >= m) {
    return Math.round(ms / m) + 'm';
  }
  if (msAbs >= s) {
    return Math.round(ms / s) + 's';
  }
  return ms + 'ms';
}

/**
 * Long format for `ms`.
 *
 * @param {Number} ms
 * @return {String}
 * @api private
 */

function fmtLong(ms) {
  var msAbs = Math.abs(ms);
  if (msAbs >= d) {
    return plural(ms, msAbs, d, 'day');
  }
  if (msAbs >= h) {
    return plural(ms, msAbs, h, 'hour');
  }
  if (msAbs >= m) {
    return plural(ms, msAbs, m, 'minute');
  }
  if (msAbs >= s) {
    return plural(ms, msAbs, s, 'second');
  }
  return ms + ' ms';
}

/**
 * Pluralization helper.
 */

function plural(ms, msAbs, n, name) {
  var isPlural = msAbs >= n * 1.5;
  return Math.round(ms / n) + ' ' + name + (isPlural ? 's' : '');
}


/***/ }),

/***/ 290:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const utils_1 = __nccwpck_require__(632);
// The default Buffer size if one is not provided.
const DEFAULT_SMARTBUFFER_SIZE = 4096;
// The default string encoding to use for reading/writing strings.
const DEFAULT_SMARTBUFFER_ENCODING = 'utf8';
class SmartBuffer {
    /**
     * Creates a new SmartBuffer instance.
     *
     * @param options { SmartBufferOptions } The SmartBufferOptions to apply to this instance.
     */
    constructor(options) {
        this.length = 0;
        this._encoding = DEFAULT_SMARTBUFFER_ENCODING;
        this._writeOffset = 0;
        this._readOffset = 0;
        if (SmartBuffer.isSmartBufferOptions(options)) {
            // Checks for encoding
            if (options.encoding) {
                utils_1.checkEncoding(options.encoding);
                this._encoding = options.encoding;
            }
            // Checks for initial size length
            if (options.size) {
                if (utils_1.isFiniteInteger(options.size) && options.size > 0) {
                    this._buff = Buffer.allocUnsafe(options.size);
                }
                else {
                    throw new Error(utils_1.ERRORS.INVALID_SMARTBUFFER_SIZE);
                }
                // Check for initial Buffer
            }
            else if (options.buff) {
                if (Buffer.isBuffer(options.buff)) {
                    this._buff = options.buff;
                    this.length = options.buff.length;
                }
                else {
                    throw new Error(utils_1.ERRORS.INVALID_SMARTBUFFER_BUFFER);
                }
            }
            else {
                this._buff = Buffer.allocUnsafe(DEFAULT_SMARTBUFFER_SIZE);
            }
        }
        else {
            // If something was passed but it's not a SmartBufferOptions object
            if (typeof options !== 'undefined') {
                throw new Error(utils_1.ERRORS.INVALID_SMARTBUFFER_OBJECT);
            }
            // Otherwise default to sane options
            this._buff = Buffer.allocUnsafe(DEFAULT_SMARTBUFFER_SIZE);
        }
    }
    /**
     * Creates a new SmartBuffer instance with the provided internal Buffer size and optional encoding.
     *
     * @param size { Number } The size of the internal Buffer.
     * @param encoding { String } The BufferEncoding to use for strings.
     *
     * @return { SmartBuffer }
     */
    static fromSize(size, encoding) {
        return new this({
            size: size,
            encoding: encoding
        });
    }
    /**
     * Creates a new SmartBuffer instance with the provided Buffer and optional encoding.
     *
     * @param buffer { Buffer } The Buffer to use as the internal Buffer value.
     * @param encoding { String } The BufferEncoding to use for strings.
     *
     * @return { SmartBuffer }
     */
    static fromBuffer(buff, encoding) {
        return new this({
            buff: buff,
            encoding: encoding
        });
    }
    /**
     * Creates a new SmartBuffer instance with the provided SmartBufferOptions options.
     *
     * @param options { SmartBufferOptions } The options to use when creating the SmartBuffer instance.
     */
    static fromOptions(options) {
        return new this(options);
    }
    /**
     * Type checking function that determines if an object is a SmartBufferOptions object.
     */
    static isSmartBufferOptions(options) {
        const castOptions = options;
        return (castOptions &&
            (castOptions.encoding !== undefined || castOptions.size !== undefined || castOptions.buff !== undefined));
    }
    // Signed integers
    /**
     * Reads an Int8 value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readInt8(offset) {
        return this._readNumberValue(Buffer.prototype.readInt8, 1, offset);
    }
    /**
     * Reads an Int16BE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readInt16BE(offset) {
        return this._readNumberValue(Buffer.prototype.readInt16BE, 2, offset);
    }
    /**
     * Reads an Int16LE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readInt16LE(offset) {
        return this._readNumberValue(Buffer.prototype.readInt16LE, 2, offset);
    }
    /**
     * Reads an Int32BE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readInt32BE(offset) {
        return this._readNumberValue(Buffer.prototype.readInt32BE, 4, offset);
    }
    /**
     * Reads an Int32LE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readInt32LE(offset) {
        return this._readNumberValue(Buffer.prototype.readInt32LE, 4, offset);
    }
    /**
     * Reads a BigInt64BE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { BigInt }
     */
    readBigInt64BE(offset) {
        utils_1.bigIntAndBufferInt64Check('readBigInt64BE');
        return this._readNumberValue(Buffer.prototype.readBigInt64BE, 8, offset);
    }
    /**
     * Reads a BigInt64LE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { BigInt }
     */
    readBigInt64LE(offset) {
        utils_1.bigIntAndBufferInt64Check('readBigInt64LE');
        return this._readNumberValue(Buffer.prototype.readBigInt64LE, 8, offset);
    }
    /**
     * Writes an Int8 value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeInt8(value, offset) {
        this._writeNumberValue(Buffer.prototype.writeInt8, 1, value, offset);
        return this;
    }
    /**
     * Inserts an Int8 value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertInt8(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeInt8, 1, value, offset);
    }
    /**
     * Writes an Int16BE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeInt16BE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeInt16BE, 2, value, offset);
    }
    /**
     * Inserts an Int16BE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertInt16BE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeInt16BE, 2, value, offset);
    }
    /**
     * Writes an Int16LE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeInt16LE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeInt16LE, 2, value, offset);
    }
    /**
     * Inserts an Int16LE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertInt16LE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeInt16LE, 2, value, offset);
    }
    /**
     * Writes an Int32BE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeInt32BE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeInt32BE, 4, value, offset);
    }
    /**
     * Inserts an Int32BE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertInt32BE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeInt32BE, 4, value, offset);
    }
    /**
     * Writes an Int32LE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeInt32LE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeInt32LE, 4, value, offset);
    }
    /**
     * Inserts an Int32LE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertInt32LE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeInt32LE, 4, value, offset);
    }
    /**
     * Writes a BigInt64BE value to the current write position (or at optional offset).
     *
     * @param value { BigInt } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeBigInt64BE(value, offset) {
        utils_1.bigIntAndBufferInt64Check('writeBigInt64BE');
        return this._writeNumberValue(Buffer.prototype.writeBigInt64BE, 8, value, offset);
    }
    /**
     * Inserts a BigInt64BE value at the given offset value.
     *
     * @param value { BigInt } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertBigInt64BE(value, offset) {
        utils_1.bigIntAndBufferInt64Check('writeBigInt64BE');
        return this._insertNumberValue(Buffer.prototype.writeBigInt64BE, 8, value, offset);
    }
    /**
     * Writes a BigInt64LE value to the current write position (or at optional offset).
     *
     * @param value { BigInt } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeBigInt64LE(value, offset) {
        utils_1.bigIntAndBufferInt64Check('writeBigInt64LE');
        return this._writeNumberValue(Buffer.prototype.writeBigInt64LE, 8, value, offset);
    }
    /**
     * Inserts a Int64LE value at the given offset value.
     *
     * @param value { BigInt } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertBigInt64LE(value, offset) {
        utils_1.bigIntAndBufferInt64Check('writeBigInt64LE');
        return this._insertNumberValue(Buffer.prototype.writeBigInt64LE, 8, value, offset);
    }
    // Unsigned Integers
    /**
     * Reads an UInt8 value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readUInt8(offset) {
        return this._readNumberValue(Buffer.prototype.readUInt8, 1, offset);
    }
    /**
     * Reads an UInt16BE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readUInt16BE(offset) {
        return this._readNumberValue(Buffer.prototype.readUInt16BE, 2, offset);
    }
    /**
     * Reads an UInt16LE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readUInt16LE(offset) {
        return this._readNumberValue(Buffer.prototype.readUInt16LE, 2, offset);
    }
    /**
     * Reads an UInt32BE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readUInt32BE(offset) {
        return this._readNumberValue(Buffer.prototype.readUInt32BE, 4, offset);
    }
    /**
     * Reads an UInt32LE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readUInt32LE(offset) {
        return this._readNumberValue(Buffer.prototype.readUInt32LE, 4, offset);
    }
    /**
     * Reads a BigUInt64BE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { BigInt }
     */
    readBigUInt64BE(offset) {
        utils_1.bigIntAndBufferInt64Check('readBigUInt64BE');
        return this._readNumberValue(Buffer.prototype.readBigUInt64BE, 8, offset);
    }
    /**
     * Reads a BigUInt64LE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { BigInt }
     */
    readBigUInt64LE(offset) {
        utils_1.bigIntAndBufferInt64Check('readBigUInt64LE');
        return this._readNumberValue(Buffer.prototype.readBigUInt64LE, 8, offset);
    }
    /**
     * Writes an UInt8 value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeUInt8(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeUInt8, 1, value, offset);
    }
    /**
     * Inserts an UInt8 value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertUInt8(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeUInt8, 1, value, offset);
    }
    /**
     * Writes an UInt16BE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeUInt16BE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeUInt16BE, 2, value, offset);
    }
    /**
     * Inserts an UInt16BE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertUInt16BE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeUInt16BE, 2, value, offset);
    }
    /**
     * Writes an UInt16LE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeUInt16LE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeUInt16LE, 2, value, offset);
    }
    /**
     * Inserts an UInt16LE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertUInt16LE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeUInt16LE, 2, value, offset);
    }
    /**
     * Writes an UInt32BE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeUInt32BE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeUInt32BE, 4, value, offset);
    }
    /**
     * Inserts an UInt32BE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertUInt32BE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeUInt32BE, 4, value, offset);
    }
    /**
     * Writes an UInt32LE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeUInt32LE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeUInt32LE, 4, value, offset);
    }
    /**
     * Inserts an UInt32LE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertUInt32LE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeUInt32LE, 4, value, offset);
    }
    /**
     * Writes a BigUInt64BE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeBigUInt64BE(value, offset) {
        utils_1.bigIntAndBufferInt64Check('writeBigUInt64BE');
        return this._writeNumberValue(Buffer.prototype.writeBigUInt64BE, 8, value, offset);
    }
    /**
     * Inserts a BigUInt64BE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertBigUInt64BE(value, offset) {
        utils_1.bigIntAndBufferInt64Check('writeBigUInt64BE');
        return this._insertNumberValue(Buffer.prototype.writeBigUInt64BE, 8, value, offset);
    }
    /**
     * Writes a BigUInt64LE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeBigUInt64LE(value, offset) {
        utils_1.bigIntAndBufferInt64Check('writeBigUInt64LE');
        return this._writeNumberValue(Buffer.prototype.writeBigUInt64LE, 8, value, offset);
    }
    /**
     * Inserts a BigUInt64LE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertBigUInt64LE(value, offset) {
        utils_1.bigIntAndBufferInt64Check('writeBigUInt64LE');
        return this._insertNumberValue(Buffer.prototype.writeBigUInt64LE, 8, value, offset);
    }
    // Floating Point
    /**
     * Reads an FloatBE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readFloatBE(offset) {
        return this._readNumberValue(Buffer.prototype.readFloatBE, 4, offset);
    }
    /**
     * Reads an FloatLE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readFloatLE(offset) {
        return this._readNumberValue(Buffer.prototype.readFloatLE, 4, offset);
    }
    /**
     * Writes a FloatBE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeFloatBE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeFloatBE, 4, value, offset);
    }
    /**
     * Inserts a FloatBE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertFloatBE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeFloatBE, 4, value, offset);
    }
    /**
     * Writes a FloatLE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeFloatLE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeFloatLE, 4, value, offset);
    }
    /**
     * Inserts a FloatLE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertFloatLE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeFloatLE, 4, value, offset);
    }
    // Double Floating Point
    /**
     * Reads an DoublEBE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readDoubleBE(offset) {
        return this._readNumberValue(Buffer.prototype.readDoubleBE, 8, offset);
    }
    /**
     * Reads an DoubleLE value from the current read position or an optionally provided offset.
     *
     * @param offset { Number } The offset to read data from (optional)
     * @return { Number }
     */
    readDoubleLE(offset) {
        return this._readNumberValue(Buffer.prototype.readDoubleLE, 8, offset);
    }
    /**
     * Writes a DoubleBE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeDoubleBE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeDoubleBE, 8, value, offset);
    }
    /**
     * Inserts a DoubleBE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertDoubleBE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeDoubleBE, 8, value, offset);
    }
    /**
     * Writes a DoubleLE value to the current write position (or at optional offset).
     *
     * @param value { Number } The value to write.
     * @param offset { Number } The offset to write the value at.
     *
     * @return this
     */
    writeDoubleLE(value, offset) {
        return this._writeNumberValue(Buffer.prototype.writeDoubleLE, 8, value, offset);
    }
    /**
     * Inserts a DoubleLE value at the given offset value.
     *
     * @param value { Number } The value to insert.
     * @param offset { Number } The offset to insert the value at.
     *
     * @return this
     */
    insertDoubleLE(value, offset) {
        return this._insertNumberValue(Buffer.prototype.writeDoubleLE, 8, value, offset);
    }
    // Strings
    /**
     * Reads a String from the current read position.
     *
     * @param arg1 { Number | String } The number of bytes to read as a String, or the BufferEncoding to use for
     *             the string (Defaults to instance level encoding).
     * @param encoding { String } The BufferEncoding to use for the string (Defaults to instance level encoding).
     *
     * @return { String }
     */
    readString(arg1, encoding) {
        let lengthVal;
        // Length provided
        if (typeof arg1 === 'number') {
            utils_1.checkLengthValue(arg1);
            lengthVal = Math.min(arg1, this.length - this._readOffset);
        }
        else {
            encoding = arg1;
            lengthVal = this.length - this._readOffset;
        }
        // Check encoding
        if (typeof encoding !== 'undefined') {
            utils_1.checkEncoding(encoding);
        }
        const value = this._buff.slice(this._readOffset, this._readOffset + lengthVal).toString(encoding || this._encoding);
        this._readOffset += lengthVal;
        return value;
    }
    /**
     * Inserts a String
     *
     * @param value { String } The String value to insert.
     * @param offset { Number } The offset to insert the string at.
     * @param encoding { String } The BufferEncoding to use for writing strings (defaults to instance encoding).
     *
     * @return this
     */
    insertString(value, offset, encoding) {
        utils_1.checkOffsetValue(offset);
        return this._handleString(value, true, offset, encoding);
    }
    /**
     * Writes a String
     *
     * @param value { String } The String value to write.
     * @param arg2 { Number | String } The offset to write the string at, or the BufferEncoding to use.
     * @param encoding { String } The BufferEncoding to use for writing strings (defaults to instance encoding).
     *
     * @return this
     */
    writeString(value, arg2, encoding) {
        return this._handleString(value, false, arg2, encoding);
    }
    /**
     * Reads a null-terminated String from the current read position.
     *
     * @param encoding { String } The BufferEncoding to use for the string (Defaults to instance level encoding).
     *
     * @return { String }
     */
    readStringNT(encoding) {
        if (typeof encoding !== 'undefined') {
            utils_1.checkEncoding(encoding);
        }
        // Set null character position to the end SmartBuffer instance.
        let nullPos = this.length;
        // Find next null character (if one is not found, default from above is used)
        for (let i = this._readOffset; i < this.length; i++) {
            if (this._buff[i] === 0x00) {
                nullPos = i;
                break;
            }
        }
        // Read string value
        const value = this._buff.slice(this._readOffset, nullPos);
        // Increment internal Buffer read offset
        this._readOffset = nullPos + 1;
        return value.toString(encoding || this._encoding);
    }
    /**
     * Inserts a null-terminated String.
     *
     * @param value { String } The String value to write.
     * @param arg2 { Number | String } The offset to write the string to, or the BufferEncoding to use.
     * @param encoding { String } The BufferEncoding to use for writing strings (defaults to instance encoding).
     *
     * @return this
     */
    insertStringNT(value, offset, encoding) {
        utils_1.checkOffsetValue(offset);
        // Write Values
        this.insertString(value, offset, encoding);
        this.insertUInt8(0x00, offset + value.length);
        return this;
    }
    /**
     * Writes a null-terminated String.
     *
     * @param value { String } The String value to write.
     * @param arg2 { Number | String } The offset to write the string to, or the BufferEncoding to use.
     * @param encoding { String } The BufferEncoding to use for writing strings (defaults to instance encoding).
     *
     * @return this
     */
    writeStringNT(value, arg2, encoding) {
        // Write Values
        this.writeString(value, arg2, encoding);
        this.writeUInt8(0x00, typeof arg2 === 'number' ? arg2 + value.length : this.writeOffset);
        return this;
    }
    // Buffers
    /**
     * Reads a Buffer from the internal read position.
     *
     * @param length { Number } The length of data to read as a Buffer.
     *
     * @return { Buffer }
     */
    readBuffer(length) {
        if (typeof length !== 'undefined') {
            utils_1.checkLengthValue(length);
        }
        const lengthVal = typeof length === 'number' ? length : this.length;
        const endPoint = Math.min(this.length, this._readOffset + lengthVal);
        // Read buffer value
        const value = this._buff.slice(this._readOffset, endPoint);
        // Increment internal Buffer read offset
        this._readOffset = endPoint;
        return value;
    }
    /**
     * Writes a Buffer to the current write position.
     *
     * @param value { Buffer } The Buffer to write.
     * @param offset { Number } The offset to write the Buffer to.
     *
     * @return this
     */
    insertBuffer(value, offset) {
        utils_1.checkOffsetValue(offset);
        return this._handleBuffer(value, true, offset);
    }
    /**
     * Writes a Buffer to the current write position.
     *
     * @param value { Buffer } The Buffer to write.
     * @param offset { Number } The offset to write the Buffer to.
     *
     * @return this
     */
    writeBuffer(value, offset) {
        return this._handleBuffer(value, false, offset);
    }
    /**
     * Reads a null-terminated Buffer from the current read poisiton.
     *
     * @return { Buffer }
     */
    readBufferNT() {
        // Set null character position to the end SmartBuffer instance.
        let nullPos = this.length;
        // Find next null character (if one is not found, default from above is used)
        for (let i = this._readOffset; i < this.length; i++) {
            if (this._buff[i] === 0x00) {
                nullPos = i;
                break;
            }
        }
        // Read value
        const value = this._buff.slice(this._readOffset, nullPos);
        // Increment internal Buffer read offset
        this._readOffset = nullPos + 1;
        return value;
    }
    /**
     * Inserts a null-terminated Buffer.
     *
     * @param value { Buffer } The Buffer to write.
     * @param offset { Number } The offset to write the Buffer to.
     *
     * @return this
     */
    insertBufferNT(value, offset) {
        utils_1.checkOffsetValue(offset);
        // Write Values
        this.insertBuffer(value, offset);
        this.insertUInt8(0x00, offset + value.length);
        return this;
    }
    /**
     * Writes a null-terminated Buffer.
     *
     * @param value { Buffer } The Buffer to write.
     * @param offset { Number } The offset to write the Buffer to.
     *
     * @return this
     */
    writeBufferNT(value, offset) {
        // Checks for valid numberic value;
        if (typeof offset !== 'undefined') {
            utils_1.checkOffsetValue(offset);
        }
        // Write Values
        this.writeBuffer(value, offset);
        this.writeUInt8(0x00, typeof offset === 'number' ? offset + value.length : this._writeOffset);
        return this;
    }
    /**
     * Clears the SmartBuffer instance to its original empty state.
     */
    clear() {
        this._writeOffset = 0;
        this._readOffset = 0;
        this.length = 0;
        return this;
    }
    /**
     * Gets the remaining data left to be read from the SmartBuffer instance.
     *
     * @return { Number }
     */
    remaining() {
        return this.length - this._readOffset;
    }
    /**
     * Gets the current read offset value of the SmartBuffer instance.
     *
     * @return { Number }
     */
    get readOffset() {
        return this._readOffset;
    }
    /**
     * Sets the read offset value of the SmartBuffer instance.
     *
     * @param offset { Number } - The offset value to set.
     */
    set readOffset(offset) {
        utils_1.checkOffsetValue(offset);
        // Check for bounds.
        utils_1.checkTargetOffset(offset, this);
        this._readOffset = offset;
    }
    /**
     * Gets the current write offset value of the SmartBuffer instance.
     *
     * @return { Number }
     */
    get writeOffset() {
        return this._writeOffset;
    }
    /**
     * Sets the write offset value of the SmartBuffer instance.
     *
     * @param offset { Number } - The offset value to set.
     */
    set writeOffset(offset) {
        utils_1.checkOffsetValue(offset);
        // Check for bounds.
        utils_1.checkTargetOffset(offset, this);
        this._writeOffset = offset;
    }
    /**
     * Gets the currently set string encoding of the SmartBuffer instance.
     *
     * @return { BufferEncoding } The string Buffer encoding currently set.
     */
    get encoding() {
        return this._encoding;
    }
    /**
     * Sets the string encoding of the SmartBuffer instance.
     *
     * @param encoding { BufferEncoding } The string Buffer encoding to set.
     */
    set encoding(encoding) {
        utils_1.checkEncoding(encoding);
        this._encoding = encoding;
    }
    /**
     * Gets the underlying internal Buffer. (This includes unmanaged data in the Buffer)
     *
     * @return { Buffer } The Buffer value.
     */
    get internalBuffer() {
        return this._buff;
    }
    /**
     * Gets the value of the internal managed Buffer (Includes managed data only)
     *
     * @param { Buffer }
     */
    toBuffer() {
        return this._buff.slice(0, this.length);
    }
    /**
     * Gets the String value of the internal managed Buffer
     *
     * @param encoding { String } The BufferEncoding to display the Buffer as (defaults to instance level encoding).
     */
    toString(encoding) {
        const encodingVal = typeof encoding === 'string' ? encoding : this._encoding;
        // Check for invalid encoding.
        utils_1.checkEncoding(encodingVal);
        return this._buff.toString(encodingVal, 0, this.length);
    }
    /**
     * Destroys the SmartBuffer instance.
     */
    destroy() {
        this.clear();
        return this;
    }
    /**
     * Handles inserting and writing strings.
     *
     * @param value { String } The String value to insert.
     * @param isInsert { Boolean } True if inserting a string, false if writing.
     * @param arg2 { Number | String } The offset to insert the string at, or the BufferEncoding to use.
     * @param encoding { String } The BufferEncoding to use for writing strings (defaults to instance encoding).
     */
    _handleString(value, isInsert, arg3, encoding) {
        let offsetVal = this._writeOffset;
        let encodingVal = this._encoding;
        // Check for offset
        if (typeof arg3 === 'number') {
            offsetVal = arg3;
            // Check for encoding
        }
        else if (typeof arg3 === 'string') {
            utils_1.checkEncoding(arg3);
            encodingVal = arg3;
        }
        // Check for encoding (third param)
        if (typeof encoding === 'string') {
            utils_1.checkEncoding(encoding);
            encodingVal = encoding;
        }
        // Calculate bytelength of string.
        const byteLength = Buffer.byteLength(value, encodingVal);
        // Ensure there is enough internal Buffer capacity.
        if (isInsert) {
            this.ensureInsertable(byteLength, offsetVal);
        }
        else {
            this._ensureWriteable(byteLength, offsetVal);
        }
        // Write value
        this._buff.write(value, offsetVal, byteLength, encodingVal);
        // Increment internal Buffer write offset;
        if (isInsert) {
            this._writeOffset += byteLength;
        }
        else {
            // If an offset was given, check to see if we wrote beyond the current writeOffset.
            if (typeof arg3 === 'number') {
                this._writeOffset = Math.max(this._writeOffset, offsetVal + byteLength);
            }
            else {
                // If no offset was given, we wrote to the end of the SmartBuffer so increment writeOffset.
                this._writeOffset += byteLength;
            }
        }
        return this;
    }
    /**
     * Handles writing or insert of a Buffer.
     *
     * @param value { Buffer } The Buffer to write.
     * @param offset { Number } The offset to write the Buffer to.
     */
    _handleBuffer(value, isInsert, offset) {
        const offsetVal = typeof offset === 'number' ? offset : this._writeOffset;
        // Ensure there is enough internal Buffer capacity.
        if (isInsert) {
            this.ensureInsertable(value.length, offsetVal);
        }
        else {
            this._ensureWriteable(value.length, offsetVal);
        }
        // Write buffer value
        value.copy(this._buff, offsetVal);
        // Increment internal Buffer write offset;
        if (isInsert) {
            this._writeOffset += value.length;
        }
        else {
            // If an offset was given, check to see if we wrote beyond the current writeOffset.
            if (typeof offset === 'number') {
                this._writeOffset = Math.max(this._writeOffset, offsetVal + value.length);
            }
            else {
                // If no offset was given, we wrote to the end of the SmartBuffer so increment writeOffset.
                this._writeOffset += value.length;
            }
        }
        return this;
    }
    /**
     * Ensures that the internal Buffer is large enough to read data.
     *
     * @param length { Number } The length of the data that needs to be read.
     * @param offset { Number } The offset of the data that needs to be read.
     */
    ensureReadable(length, offset) {
        // Offset value defaults to managed read offset.
        let offsetVal = this._readOffset;
        // If an offset was provided, use it.
        if (typeof offset !== 'undefined') {
            // Checks for valid numberic value;
            utils_1.checkOffsetValue(offset);
            // Overide with custom offset.
            offsetVal = offset;
        }
        // Checks if offset is below zero, or the offset+length offset is beyond the total length of the managed data.
        if (offsetVal < 0 || offsetVal + length > this.length) {
            throw new Error(utils_1.ERRORS.INVALID_READ_BEYOND_BOUNDS);
        }
    }
    /**
     * Ensures that the internal Buffer is large enough to insert data.
     *
     * @param dataLength { Number } The length of the data that needs to be written.
     * @param offset { Number } The offset of the data to be written.
     */
    ensureInsertable(dataLength, offset) {
        // Checks for valid numberic value;
        utils_1.checkOffsetValue(offset);
        // Ensure there is enough internal Buffer capacity.
        this._ensureCapacity(this.length + dataLength);
        // If an offset was provided and its not the very end of the buffer, copy data into appropriate location in regards to the offset.
        if (offset < this.length) {
            this._buff.copy(this._buff, offset + dataLength, offset, this._buff.length);
        }
        // Adjust tracked smart buffer length
        if (offset + dataLength > this.length) {
            this.length = offset + dataLength;
        }
        else {
            this.length += dataLength;
        }
    }
    /**
     * Ensures that the internal Buffer is large enough to write data.
     *
     * @param dataLength { Number } The length of the data that needs to be written.
     * @param offset { Number } The offset of the data to be written (defaults to writeOffset).
     */
    _ensureWriteable(dataLength, offset) {
        const offsetVal = typeof offset === 'number' ? offset : this._writeOffset;
        // Ensure enough capacity to write data.
        this._ensureCapacity(offsetVal + dataLength);
        // Adjust SmartBuffer length (if offset + length is larger than managed length, adjust length)
        if (offsetVal + dataLength > this.length) {
            this.length = offsetVal + dataLength;
        }
    }
    /**
     * Ensures that the internal Buffer is large enough to write at least the given amount of data.
     *
     * @param minLength { Number } The minimum length of the data needs to be written.
     */
    _ensureCapacity(minLength) {
        const oldLength = this._buff.length;
        if (minLength > oldLength) {
            let data = this._buff;
            let newLength = (oldLength * 3) / 2 + 1;
            if (newLength < minLength) {
                newLength = minLength;
            }
            this._buff = Buffer.allocUnsafe(newLength);
            data.copy(this._buff, 0, 0, oldLength);
        }
    }
    /**
     * Reads a numeric number value using the provided function.
     *
     * @typeparam T { number | bigint } The type of the value to be read
     *
     * @param func { Function(offset: number) => number } The function to read data on the internal Buffer with.
     * @param byteSize { Number } The number of bytes read.
     * @param offset { Number } The offset to read from (optional). When this is not provided, the managed readOffset is used instead.
     *
     * @returns { T } the number value
     */
    _readNumberValue(func, byteSize, offset) {
        this.ensureReadable(byteSize, offset);
        // Call Buffer.readXXXX();
        const value = func.call(this._buff, typeof offset === 'number' ? offset : this._readOffset);
        // Adjust internal read offset if an optional read offset was not provided.
        if (typeof offset === 'undefined') {
            this._readOffset += byteSize;
        }
        return value;
    }
    /**
     * Inserts a numeric number value based on the given offset and value.
     *
     * @typeparam T { number | bigint } The type of the value to be written
     *
     * @param func { Function(offset: T, offset?) => number} The function to write data on the internal Buffer with.
     * @param byteSize { Number } The number of bytes written.
     * @param value { T } The number value to write.
     * @param offset { Number } the offset to write the number at (REQUIRED).
     *
     * @returns SmartBuffer this buffer
     */
    _insertNumberValue(func, byteSize, value, offset) {
        // Check for invalid offset values.
        utils_1.checkOffsetValue(offset);
        // Ensure there is enough internal Buffer capacity. (raw offset is passed)
        this.ensureInsertable(byteSize, offset);
        // Call buffer.writeXXXX();
        func.call(this._buff, value, offset);
        // Adjusts internally managed write offset.
        this._writeOffset += byteSize;
        return this;
    }
    /**
     * Writes a numeric number value based on the given offset and value.
     *
     * @typeparam T { number | bigint } The type of the value to be written
     *
     * @param func { Function(offset: T, offset?) => number} The function to write data on the internal Buffer with.
     * @param byteSize { Number } The number of bytes written.
     * @param value { T } The number value to write.
     * @param offset { Number } the offset to write the number at (REQUIRED).
     *
     * @returns SmartBuffer this buffer
     */
    _writeNumberValue(func, byteSize, value, offset) {
        // If an offset was provided, validate it.
        if (typeof offset === 'number') {
            // Check if we're writing beyond the bounds of the managed data.
            if (offset < 0) {
                throw new Error(utils_1.ERRORS.INVALID_WRITE_BEYOND_BOUNDS);
            }
            utils_1.checkOffsetValue(offset);
        }
        // Default to writeOffset if no offset value was given.
        const offsetVal = typeof offset === 'number' ? offset : this._writeOffset;
        // Ensure there is enough internal Buffer capacity. (raw offset is passed)
        this._ensureWriteable(byteSize, offsetVal);
        func.call(this._buff, value, offsetVal);
        // If an offset was given, check to see if we wrote beyond the current writeOffset.
        if (typeof offset === 'number') {
            this._writeOffset = Math.max(this._writeOffset, offsetVal + byteSize);
        }
        else {
            // If no numeric offset was given, we wrote to the end of the SmartBuffer so increment writeOffset.
            this._writeOffset += byteSize;
        }
        return this;
    }
}
exports.SmartBuffer = SmartBuffer;
//# sourceMappingURL=smartbuffer.js.map

/***/ }),

/***/ 632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const buffer_1 = __nccwpck_require__(181);
/**
 * Error strings
 */
const ERRORS = {
    INVALID_ENCODING: 'Invalid encoding provided. Please specify a valid encoding the internal Node.js Buffer supports.',
    INVALID_SMARTBUFFER_SIZE: 'Invalid size provided. Size must be a valid integer greater than zero.',
    INVALID_SMARTBUFFER_BUFFER: 'Invalid Buffer provided in SmartBufferOptions.',
    INVALID_SMARTBUFFER_OBJECT: 'Invalid SmartBufferOptions object supplied to SmartBuffer constructor or factory methods.',
    INVALID_OFFSET: 'An invalid offset value was provided.',
    INVALID_OFFSET_NON_NUMBER: 'An invalid offset value was provided. A numeric value is required.',
    INVALID_LENGTH: 'An invalid length value was provided.',
    INVALID_LENGTH_NON_NUMBER: 'An invalid length value was provived. A numeric value is required.',
    INVALID_TARGET_OFFSET: 'Target offset is beyond the bounds of the internal SmartBuffer data.',
    INVALID_TARGET_LENGTH: 'Specified length value moves cursor beyong the bounds of the internal SmartBuffer data.',
    INVALID_READ_BEYOND_BOUNDS: 'Attempted to read beyond the bounds of the managed data.',
    INVALID_WRITE_BEYOND_BOUNDS: 'Attempted to write beyond the bounds of the managed data.'
};
exports.ERRORS = ERRORS;
/**
 * Checks if a given encoding is a valid Buffer encoding. (Throws an exception if check fails)
 *
 * @param { String } encoding The encoding string to check.
 */
function checkEncoding(encoding) {
    if (!buffer_1.Buffer.isEncoding(encoding)) {
        throw new Error(ERRORS.INVALID_ENCODING);
    }
}
exports.checkEncoding = checkEncoding;
/**
 * Checks if a given number is a finite integer. (Throws an exception if check fails)
 *
 * @param { Number } value The number value to check.
 */
function isFiniteInteger(value) {
    return typeof value === 'number' && isFinite(value) && isInteger(value);
}
exports.isFiniteInteger = isFiniteInteger;
/**
 * Checks if an offset/length value is valid. (Throws an exception if check fails)
 *
 * @param value The value to check.
 * @param offset True if checking an offset, false if checking a length.
 */
function checkOffsetOrLengthValue(value, offset) {
    if (typeof value === 'number') {
        // Check for non finite/non integers
        if (!isFiniteInteger(value) || value < 0) {
            throw new Error(offset ? ERRORS.INVALID_OFFSET : ERRORS.INVALID_LENGTH);
        }
    }
    else {
        throw new Error(offset ? ERRORS.INVALID_OFFSET_NON_NUMBER : ERRORS.INVALID_LENGTH_NON_NUMBER);
    }
}
/**
 * Checks if a length value is valid. (Throws an exception if check fails)
 *
 * @param { Number } length The value to check.
 */
function checkLengthValue(length) {
    checkOffsetOrLengthValue(length, false);
}
exports.checkLengthValue = checkLengthValue;
/**
 * Checks if a offset value is valid. (Throws an exception if check fails)
 *
 * @param { Number } offset The value to check.
 */
function checkOffsetValue(offset) {
    checkOffsetOrLengthValue(offset, true);
}
exports.checkOffsetValue = checkOffsetValue;
/**
 * Checks if a target offset value is out of bounds. (Throws an exception if check fails)
 *
 * @param { Number } offset The offset value to check.
 * @param { SmartBuffer } buff The SmartBuffer instance to check against.
 */
function checkTargetOffset(offset, buff) {
    if (offset < 0 || offset > buff.length) {
        throw new Error(ERRORS.INVALID_TARGET_OFFSET);
    }
}
exports.checkTargetOffset = checkTargetOffset;
/**
 * Determines whether a given number is a integer.
 * @param value The number to check.
 */
function isInteger(value) {
    return typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
}
/**
 * Throws if Node.js version is too low to support bigint
 */
function bigIntAndBufferInt64Check(bufferMethod) {
    if (typeof BigInt === 'undefined') {
        throw new Error('Platform does not support JS BigInt type.');
    }
    if (typeof buffer_1.Buffer.prototype[bufferMethod] === 'undefined') {
        throw new Error(`Platform does not support Buffer.prototype.${bufferMethod}.`);
    }
}
exports.bigIntAndBufferInt64Check = bigIntAndBufferInt64Check;
//# sourceMappingURL=utils.js.map

/***/ }),

/***/ 357:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SocksProxyAgent = void 0;
const socks_1 = __nccwpck_require__(474);
const agent_base_1 = __nccwpck_require__(894);
const debug_1 = __importDefault(__nccwpck_require__(830));
const dns = __importStar(__nccwpck_require__(250));
const net = __importStar(__nccwpck_require__(278));
const tls = __importStar(__nccwpck_require__(756));
const url_1 = __nccwpck_require__(16);
const debug = (0, debug_1.default)('socks-proxy-agent');
const setServernameFromNonIpHost = (options) => {
    if (options.servername === undefined &&
        options.host &&
        !net.isIP(options.host)) {
        return {
            ...options,
            servername: options.host,
        };
    }
    return options;
};
function parseSocksURL(url) {
    let lookup = false;
    let type = 5;
    const host = url.hostname;
    // From RFC 1928, Section 3: https://tools.ietf.org/html/rfc1928#section-3
    // "The SOCKS service is conventionally located on TCP port 1080"
    const port = parseInt(url.port, 10) || 1080;
    // figure out if we want socks v4 or v5, based on the "protocol" used.
    // Defaults to 5.
    switch (url.protocol.replace(':', '')) {
        case 'socks4':
            lookup = true;
            type = 4;
            break;
        // pass through
        case 'socks4a':
            type = 4;
            break;
        case 'socks5':
            lookup = true;
            type = 5;
            break;
        // pass through
        case 'socks': // no version specified, default to 5h
            type = 5;
            break;
        case 'socks5h':
            type = 5;
            break;
        default:
            throw new TypeError(`A "socks" protocol must be specified! Got: ${String(url.protocol)}`);
    }
    const proxy = {
        host,
        port,
        type,
    };
    if (url.username) {
        Object.defineProperty(proxy, 'userId', {
            value: decodeURIComponent(url.username),
            enumerable: false,
        });
    }
    if (url.password != null) {
        Object.defineProperty(proxy, 'password', {
            value: decodeURIComponent(url.password),
            enumerable: false,
        });
    }
    return { lookup, proxy };
}
class SocksProxyAgent extends agent_base_1.Agent {
    constructor(uri, opts) {
        super(opts);
        const url = typeof uri === 'string' ? new url_1.URL(uri) : uri;
        const { proxy, lookup } = parseSocksURL(url);
        this.shouldLookup = lookup;
        this.proxy = proxy;
        this.timeout = opts?.timeout ?? null;
        this.socketOptions = opts?.socketOptions ?? null;
    }
    /**
     * Initiates a SOCKS connection to the specified SOCKS proxy server,
     * which in turn connects to the specified remote host and port.
     */
    async connect(req, opts) {
        const { shouldLookup, proxy, timeout } = this;
        if (!opts.host) {
            throw new Error('No `host` defined!');
        }
        let { host } = opts;
        const { port, lookup: lookupFn = dns.lookup } = opts;
        if (shouldLookup) {
            // Client-side DNS resolution for "4" and "5" socks proxy versions.
            host = await new Promise((resolve, reject) => {
                // Use the request's custom lookup, if one was configured:
                lookupFn(host, {}, (err, res) => {
                    if (err) {
                        reject(err);
                    }
                    else {
                        resolve(res);
                    }
                });
            });
        }
        const socksOpts = {
            proxy,
            destination: {
                host,
                port: typeof port === 'number' ? port : parseInt(port, 10),
            },
            command: 'connect',
            timeout: timeout ?? undefined,
            // @ts-expect-error the type supplied by socks for socket_options is wider
            // than necessary since socks will always override the host and port
            socket_options: this.socketOptions ?? undefined,
        };
        const cleanup = (tlsSocket) => {
            req.destroy();
            socket.destroy();
            if (tlsSocket)
                tlsSocket.destroy();
        };
        debug('Creating socks proxy connection: %o', socksOpts);
        const { socket } = await socks_1.SocksClient.createConnection(socksOpts);
        debug('Successfully created socks proxy connection');
        if (timeout !== null) {
            socket.setTimeout(timeout);
            socket.on('timeout', () => cleanup());
        }
        if (opts.secureEndpoint) {
            // The proxy is connecting to a TLS server, so upgrade
            // this socket connection to a TLS connection.
            debug('Upgrading socket connection to TLS');
            const tlsSocket = tls.connect({
                ...omit(setServernameFromNonIpHost(opts), 'host', 'path', 'port'),
                socket,
            });
            tlsSocket.once('error', (error) => {
                debug('Socket TLS error', error.message);
                cleanup(tlsSocket);
            });
            return tlsSocket;
        }
        return socket;
    }
}
SocksProxyAgent.protocols = [
    'socks',
    'socks4',
    'socks4a',
    'socks5',
    'socks5h',
];
exports.SocksProxyAgent = SocksProxyAgent;
function omit(obj, ...keys) {
    const ret = {};
    let key;
    for (key in obj) {
        if (!keys.includes(key)) {
            ret[key] = obj[key];
        }
    }
    return ret;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 142:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SocksClientError = exports.SocksClient = void 0;
const events_1 = __nccwpck_require__(434);
const net = __nccwpck_require__(278);
const smart_buffer_1 = __nccwpck_require__(290);
const constants_1 = __nccwpck_require__(223);
const helpers_1 = __nccwpck_require__(639);
const receivebuffer_1 = __nccwpck_require__(129);
const util_1 = __nccwpck_require__(712);
Object.defineProperty(exports, "SocksClientError", ({ enumerable: true, get: function () { return util_1.SocksClientError; } }));
const ip_address_1 = __nccwpck_require__(253);
class SocksClient extends events_1.EventEmitter {
    constructor(options) {
        super();
        this.options = Object.assign({}, options);
        // Validate SocksClientOptions
        (0, helpers_1.validateSocksClientOptions)(options);
        // Default state
        this.setState(constants_1.SocksClientState.Created);
    }
    /**
     * Creates a new SOCKS connection.
     *
     * Note: Supports callbacks and promises. Only supports the connect command.
     * @param options { SocksClientOptions } Options.
     * @param callback { Function } An optional callback function.
     * @returns { Promise }
     */
    static createConnection(options, callback) {
        return new Promise((resolve, reject) => {
            // Validate SocksClientOptions
            try {
                (0, helpers_1.validateSocksClientOptions)(options, ['connect']);
            }
            catch (err) {
                if (typeof callback === 'function') {
                    callback(err);
                    // eslint-disable-next-line @typescript-eslint/no-explicit-any
                    return resolve(err); // Resolves pending promise (prevents memory leaks).
                }
                else {
                    return reject(err);
                }
            }
            const client = new SocksClient(options);
            client.connect(options.existing_socket);
            client.once('established', (info) => {
                client.removeAllListeners();
                if (typeof callback === 'function') {
                    callback(null, info);
                    resolve(info); // Resolves pending promise (prevents memory leaks).
                }
                else {
                    resolve(info);
                }
            });
            // Error occurred, failed to establish connection.
            client.once('error', (err) => {
                client.removeAllListeners();
                if (typeof callback === 'function') {
                    callback(err);
                    // eslint-disable-next-line @typescript-eslint/no-explicit-any
                    resolve(err); // Resolves pending promise (prevents memory leaks).
                }
                else {
                    reject(err);
                }
            });
        });
    }
    /**
     * Creates a new SOCKS connection chain to a destination host through 2 or more SOCKS proxies.
     *
     * Note: Supports callbacks and promises. Only supports the connect method.
     * Note: Implemented via createConnection() factory function.
     * @param options { SocksClientChainOptions } Options
     * @param callback { Function } An optional callback function.
     * @returns { Promise }
     */
    static createConnectionChain(options, callback) {
        // eslint-disable-next-line no-async-promise-executor
        return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
            // Validate SocksClientChainOptions
            try {
                (0, helpers_1.validateSocksClientChainOptions)(options);
            }
            catch (err) {
                if (typeof callback === 'function') {
                    callback(err);
                    // eslint-disable-next-line @typescript-eslint/no-explicit-any
                    return resolve(err); // Resolves pending promise (prevents memory leaks).
                }
                else {
                    return reject(err);
                }
            }
            // Shuffle proxies
            if (options.randomizeChain) {
                (0, util_1.shuffleArray)(options.proxies);
            }
            try {
                let sock;
                for (let i = 0; i < options.proxies.length; i++) {
                    const nextProxy = options.proxies[i];
                    // If we've reached the last proxy in the chain, the destination is the actual destination, otherwise it's the next proxy.
                    const nextDestination = i === options.proxies.length - 1
                        ? options.destination
                        : {
                            host: options.proxies[i + 1].host ||
                                options.proxies[i + 1].ipaddress,
                            port: options.proxies[i + 1].port,
                        };
                    // Creates the next connection in the chain.
                    const result = yield SocksClient.createConnection({
                        command: 'connect',
                        proxy: nextProxy,
                        destination: nextDestination,
                        existing_socket: sock,
                    });
                    // If sock is undefined, assign it here.
                    sock = sock || result.socket;
                }
                if (typeof callback === 'function') {
                    callback(null, { socket: sock });
                    resolve({ socket: sock }); // Resolves pending promise (prevents memory leaks).
                }
                else {
                    resolve({ socket: sock });
                }
            }
            catch (err) {
                if (typeof callback === 'function') {
                    callback(err);
                    // eslint-disable-next-line @typescript-eslint/no-explicit-any
                    resolve(err); // Resolves pending promise (prevents memory leaks).
                }
                else {
                    reject(err);
                }
            }
        }));
    }
    /**
     * Creates a SOCKS UDP Frame.
     * @param options
     */
    static createUDPFrame(options) {
        const buff = new smart_buffer_1.SmartBuffer();
        buff.writeUInt16BE(0);
        buff.writeUInt8(options.frameNumber || 0);
        // IPv4/IPv6/Hostname
        if (net.isIPv4(options.remoteHost.host)) {
            buff.writeUInt8(constants_1.Socks5HostType.IPv4);
            buff.writeUInt32BE((0, helpers_1.ipv4ToInt32)(options.remoteHost.host));
        }
        else if (net.isIPv6(options.remoteHost.host)) {
            buff.writeUInt8(constants_1.Socks5HostType.IPv6);
            buff.writeBuffer((0, helpers_1.ipToBuffer)(options.remoteHost.host));
        }
        else {
            buff.writeUInt8(constants_1.Socks5HostType.Hostname);
            buff.writeUInt8(Buffer.byteLength(options.remoteHost.host));
            buff.writeString(options.remoteHost.host);
        }
        // Port
        buff.writeUInt16BE(options.remoteHost.port);
        // Data
        buff.writeBuffer(options.data);
        return buff.toBuffer();
    }
    /**
     * Parses a SOCKS UDP frame.
     * @param data
     */
    static parseUDPFrame(data) {
        const buff = smart_buffer_1.SmartBuffer.fromBuffer(data);
        buff.readOffset = 2;
        const frameNumber = buff.readUInt8();
        const hostType = buff.readUInt8();
        let remoteHost;
        if (hostType === constants_1.Socks5HostType.IPv4) {
            remoteHost = (0, helpers_1.int32ToIpv4)(buff.readUInt32BE());
        }
        else if (hostType === constants_1.Socks5HostType.IPv6) {
            remoteHost = ip_address_1.Address6.fromByteArray(Array.from(buff.readBuffer(16))).canonicalForm();
        }
        else {
            remoteHost = buff.readString(buff.readUInt8());
        }
        const remotePort = buff.readUInt16BE();
        return {
            frameNumber,
            remoteHost: {
                host: remoteHost,
                port: remotePort,
            },
            data: buff.readBuffer(),
        };
    }
    /**
     * Internal state setter. If the SocksClient is in an error state, it cannot be changed to a non error state.
     */
    setState(newState) {
        if (this.state !== constants_1.SocksClientState.Error) {
            this.state = newState;
        }
    }
    /**
     * Starts the connection establishment to the proxy and destination.
     * @param existingSocket Connected socket to use instead of creating a new one (internal use).
     */
    connect(existingSocket) {
        this.onDataReceived = (data) => this.onDataReceivedHandler(data);
        this.onClose = () => this.onCloseHandler();
        this.onError = (err) => this.onErrorHandler(err);
        this.onConnect = () => this.onConnectHandler();
        // Start timeout timer (defaults to 30 seconds)
        const timer = setTimeout(() => this.onEstablishedTimeout(), this.options.timeout || constants_1.DEFAULT_TIMEOUT);
        // check whether unref is available as it differs from browser to NodeJS (#33)
        if (timer.unref && typeof timer.unref === 'function') {
            timer.unref();
        }
        // If an existing socket is provided, use it to negotiate SOCKS handshake. Otherwise create a new Socket.
        if (existingSocket) {
            this.socket = existingSocket;
        }
        else {
            this.socket = new net.Socket();
        }
        // Attach Socket error handlers.
        this.socket.once('close', this.onClose);
        this.socket.once('error', this.onError);
        this.socket.once('connect', this.onConnect);
        this.socket.on('data', this.onDataReceived);
        this.setState(constants_1.SocksClientState.Connecting);
        this.receiveBuffer = new receivebuffer_1.ReceiveBuffer();
        if (existingSocket) {
            this.socket.emit('connect');
        }
        else {
            this.socket.connect(this.getSocketOptions());
            if (this.options.set_tcp_nodelay !== undefined &&
                this.options.set_tcp_nodelay !== null) {
                this.socket.setNoDelay(!!this.options.set_tcp_nodelay);
            }
        }
        // Listen for established event so we can re-emit any excess data received during handshakes.
        this.prependOnceListener('established', (info) => {
            setImmediate(() => {
                if (this.receiveBuffer.length > 0) {
                    const excessData = this.receiveBuffer.get(this.receiveBuffer.length);
                    info.socket.emit('data', excessData);
                }
                info.socket.resume();
            });
        });
    }
    // Socket options (defaults host/port to options.proxy.host/options.proxy.port)
    getSocketOptions() {
        return Object.assign(Object.assign({}, this.options.socket_options), { host: this.options.proxy.host || this.options.proxy.ipaddress, port: this.options.proxy.port });
    }
    /**
     * Handles internal Socks timeout callback.
     * Note: If the Socks client is not BoundWaitingForConnection or Established, the connection will be closed.
     */
    onEstablishedTimeout() {
        if (this.state !== constants_1.SocksClientState.Established &&
            this.state !== constants_1.SocksClientState.BoundWaitingForConnection) {
            this.closeSocket(constants_1.ERRORS.ProxyConnectionTimedOut);
        }
    }
    /**
     * Handles Socket connect event.
     */
    onConnectHandler() {
        this.setState(constants_1.SocksClientState.Connected);
        // Send initial handshake.
        if (this.options.proxy.type === 4) {
            this.sendSocks4InitialHandshake();
        }
        else {
            this.sendSocks5InitialHandshake();
        }
        this.setState(constants_1.SocksClientState.SentInitialHandshake);
    }
    /**
     * Handles Socket data event.
     * @param data
     */
    onDataReceivedHandler(data) {
        /*
          All received data is appended to a ReceiveBuffer.
          This makes sure that all the data we need is received before we attempt to process it.
        */
        this.receiveBuffer.append(data);
        // Process data that we have.
        this.processData();
    }
    /**
     * Handles processing of the data we have received.
     */
    processData() {
        // If we have enough data to process the next step in the SOCKS handshake, proceed.
        while (this.state !== constants_1.SocksClientState.Established &&
            this.state !== constants_1.SocksClientState.Error &&
            this.receiveBuffer.length >= this.nextRequiredPacketBufferSize) {
            // Sent initial handshake, waiting for response.
            if (this.state === constants_1.SocksClientState.SentInitialHandshake) {
                if (this.options.proxy.type === 4) {
                    // Socks v4 only has one handshake response.
                    this.handleSocks4FinalHandshakeResponse();
                }
                else {
                    // Socks v5 has two handshakes, handle initial one here.
                    this.handleInitialSocks5HandshakeResponse();
                }
                // Sent auth request for Socks v5, waiting for response.
            }
            else if (this.state === constants_1.SocksClientState.SentAuthentication) {
                this.handleInitialSocks5AuthenticationHandshakeResponse();
                // Sent final Socks v5 handshake, waiting for final response.
            }
            else if (this.state === constants_1.SocksClientState.SentFinalHandshake) {
                this.handleSocks5FinalHandshakeResponse();
                // Socks BIND established. Waiting for remote connection via proxy.
            }
            else if (this.state === constants_1.SocksClientState.BoundWaitingForConnection) {
                if (this.options.proxy.type === 4) {
                    this.handleSocks4IncomingConnectionResponse();
                }
                else {
                    this.handleSocks5IncomingConnectionResponse();
                }
            }
            else {
                this.closeSocket(constants_1.ERRORS.InternalError);
                break;
            }
        }
    }
    /**
     * Handles Socket close event.
     * @param had_error
     */
    onCloseHandler() {
        this.closeSocket(constants_1.ERRORS.SocketClosed);
    }
    /**
     * Handles Socket error event.
     * @param err
     */
    onErrorHandler(err) {
        this.closeSocket(err.message);
    }
    /**
     * Removes internal event listeners on the underlying Socket.
     */
    removeInternalSocketHandlers() {
        // Pauses data flow of the socket (this is internally resumed after 'established' is emitted)
        this.socket.pause();
        this.socket.removeListener('data', this.onDataReceived);
        this.socket.removeListener('close', this.onClose);
        this.socket.removeListener('error', this.onError);
        this.socket.removeListener('connect', this.onConnect);
    }
    /**
     * Closes and destroys the underlying Socket. Emits an error event.
     * @param err { String } An error string to include in error event.
     */
    closeSocket(err) {
        // Make sure only one 'error' event is fired for the lifetime of this SocksClient instance.
        if (this.state !== constants_1.SocksClientState.Error) {
            // Set internal state to Error.
            this.setState(constants_1.SocksClientState.Error);
            // Destroy Socket
            this.socket.destroy();
            // Remove internal listeners
            this.removeInternalSocketHandlers();
            // Fire 'error' event.
            this.emit('error', new util_1.SocksClientError(err, this.options));
        }
    }
    /**
     * Sends initial Socks v4 handshake request.
     */
    sendSocks4InitialHandshake() {
        const userId = this.options.proxy.userId || '';
        const buff = new smart_buffer_1.SmartBuffer();
        buff.writeUInt8(0x04);
        buff.writeUInt8(constants_1.SocksCommand[this.options.command]);
        buff.writeUInt16BE(this.options.destination.port);
        // Socks 4 (IPv4)
        if (net.isIPv4(this.options.destination.host)) {
            buff.writeBuffer((0, helpers_1.ipToBuffer)(this.options.destination.host));
            buff.writeStringNT(userId);
            // Socks 4a (hostname)
        }
        else {
            buff.writeUInt8(0x00);
            buff.writeUInt8(0x00);
            buff.writeUInt8(0x00);
            buff.writeUInt8(0x01);
            buff.writeStringNT(userId);
            buff.writeStringNT(this.options.destination.host);
        }
        this.nextRequiredPacketBufferSize =
            constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks4Response;
        this.socket.write(buff.toBuffer());
    }
    /**
     * Handles Socks v4 handshake response.
     * @param data
     */
    handleSocks4FinalHandshakeResponse() {
        const data = this.receiveBuffer.get(8);
        if (data[1] !== constants_1.Socks4Response.Granted) {
            this.closeSocket(`${constants_1.ERRORS.Socks4ProxyRejectedConnection} - (${constants_1.Socks4Response[data[1]]})`);
        }
        else {
            // Bind response
            if (constants_1.SocksCommand[this.options.command] === constants_1.SocksCommand.bind) {
                const buff = smart_buffer_1.SmartBuffer.fromBuffer(data);
                buff.readOffset = 2;
                const remoteHost = {
                    port: buff.readUInt16BE(),
                    host: (0, helpers_1.int32ToIpv4)(buff.readUInt32BE()),
                };
                // If host is 0.0.0.0, set to proxy host.
                if (remoteHost.host === '0.0.0.0') {
                    remoteHost.host = this.options.proxy.ipaddress;
                }
                this.setState(constants_1.SocksClientState.BoundWaitingForConnection);
                this.emit('bound', { remoteHost, socket: this.socket });
                // Connect response
            }
            else {
                this.setState(constants_1.SocksClientState.Established);
                this.removeInternalSocketHandlers();
                this.emit('established', { socket: this.socket });
            }
        }
    }
    /**
     * Handles Socks v4 incoming connection request (BIND)
     * @param data
     */
    handleSocks4IncomingConnectionResponse() {
        const data = this.receiveBuffer.get(8);
        if (data[1] !== constants_1.Socks4Response.Granted) {
            this.closeSocket(`${constants_1.ERRORS.Socks4ProxyRejectedIncomingBoundConnection} - (${constants_1.Socks4Response[data[1]]})`);
        }
        else {
            const buff = smart_buffer_1.SmartBuffer.fromBuffer(data);
            buff.readOffset = 2;
            const remoteHost = {
                port: buff.readUInt16BE(),
                host: (0, helpers_1.int32ToIpv4)(buff.readUInt32BE()),
            };
            this.setState(constants_1.SocksClientState.Established);
            this.removeInternalSocketHandlers();
            this.emit('established', { remoteHost, socket: this.socket });
        }
    }
    /**
     * Sends initial Socks v5 handshake request.
     */
    sendSocks5InitialHandshake() {
        const buff = new smart_buffer_1.SmartBuffer();
        // By default we always support no auth.
        const supportedAuthMethods = [constants_1.Socks5Auth.NoAuth];
        // We should only tell the proxy we support user/pass auth if auth info is actually provided.
        // Note: As of Tor v0.3.5.7+, if user/pass auth is an option from the client, by default it will always take priority.
        if (this.options.proxy.userId || this.options.proxy.password) {
            supportedAuthMethods.push(constants_1.Socks5Auth.UserPass);
        }
        // Custom auth method?
        if (this.options.proxy.custom_auth_method !== undefined) {
            supportedAuthMethods.push(this.options.proxy.custom_auth_method);
        }
        // Build handshake packet
        buff.writeUInt8(0x05);
        buff.writeUInt8(supportedAuthMethods.length);
        for (const authMethod of supportedAuthMethods) {
            buff.writeUInt8(authMethod);
        }
        this.nextRequiredPacketBufferSize =
            constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5InitialHandshakeResponse;
        this.socket.write(buff.toBuffer());
        this.setState(constants_1.SocksClientState.SentInitialHandshake);
    }
    /**
     * Handles initial Socks v5 handshake response.
     * @param data
     */
    handleInitialSocks5HandshakeResponse() {
        const data = this.receiveBuffer.get(2);
        if (data[0] !== 0x05) {
            this.closeSocket(constants_1.ERRORS.InvalidSocks5IntiailHandshakeSocksVersion);
        }
        else if (data[1] === constants_1.SOCKS5_NO_ACCEPTABLE_AUTH) {
            this.closeSocket(constants_1.ERRORS.InvalidSocks5InitialHandshakeNoAcceptedAuthType);
        }
        else {
            // If selected Socks v5 auth method is no auth, send final handshake request.
            if (data[1] === constants_1.Socks5Auth.NoAuth) {
                this.socks5ChosenAuthType = constants_1.Socks5Auth.NoAuth;
                this.sendSocks5CommandRequest();
                // If selected Socks v5 auth method is user/password, send auth handshake.
            }
            else if (data[1] === constants_1.Socks5Auth.UserPass) {
                this.socks5ChosenAuthType = constants_1.Socks5Auth.UserPass;
                this.sendSocks5UserPassAuthentication();
                // If selected Socks v5 auth method is the custom_auth_method, send custom handshake.
            }
            else if (data[1] === this.options.proxy.custom_auth_method) {
                this.socks5ChosenAuthType = this.options.proxy.custom_auth_method;
                this.sendSocks5CustomAuthentication();
            }
            else {
                this.closeSocket(constants_1.ERRORS.InvalidSocks5InitialHandshakeUnknownAuthType);
            }
        }
    }
    /**
     * Sends Socks v5 user & password auth handshake.
     *
     * Note: No auth and user/pass are currently supported.
     */
    sendSocks5UserPassAuthentication() {
        const userId = this.options.proxy.userId || '';
        const password = this.options.proxy.password || '';
        const buff = new smart_buffer_1.SmartBuffer();
        buff.writeUInt8(0x01);
        buff.writeUInt8(Buffer.byteLength(userId));
        buff.writeString(userId);
        buff.writeUInt8(Buffer.byteLength(password));
        buff.writeString(password);
        this.nextRequiredPacketBufferSize =
            constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5UserPassAuthenticationResponse;
        this.socket.write(buff.toBuffer());
        this.setState(constants_1.SocksClientState.SentAuthentication);
    }
    sendSocks5CustomAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            this.nextRequiredPacketBufferSize =
                this.options.proxy.custom_auth_response_size;
            this.socket.write(yield this.options.proxy.custom_auth_request_handler());
            this.setState(constants_1.SocksClientState.SentAuthentication);
        });
    }
    handleSocks5CustomAuthHandshakeResponse(data) {
        return __awaiter(this, void 0, void 0, function* () {
            return yield this.options.proxy.custom_auth_response_handler(data);
        });
    }
    handleSocks5AuthenticationNoAuthHandshakeResponse(data) {
        return __awaiter(this, void 0, void 0, function* () {
            return data[1] === 0x00;
        });
    }
    handleSocks5AuthenticationUserPassHandshakeResponse(data) {
        return __awaiter(this, void 0, void 0, function* () {
            return data[1] === 0x00;
        });
    }
    /**
     * Handles Socks v5 auth handshake response.
     * @param data
     */
    handleInitialSocks5AuthenticationHandshakeResponse() {
        return __awaiter(this, void 0, void 0, function* () {
            this.setState(constants_1.SocksClientState.ReceivedAuthenticationResponse);
            let authResult = false;
            if (this.socks5ChosenAuthType === constants_1.Socks5Auth.NoAuth) {
                authResult = yield this.handleSocks5AuthenticationNoAuthHandshakeResponse(this.receiveBuffer.get(2));
            }
            else if (this.socks5ChosenAuthType === constants_1.Socks5Auth.UserPass) {
                authResult =
                    yield this.handleSocks5AuthenticationUserPassHandshakeResponse(this.receiveBuffer.get(2));
            }
            else if (this.socks5ChosenAuthType === this.options.proxy.custom_auth_method) {
                authResult = yield this.handleSocks5CustomAuthHandshakeResponse(this.receiveBuffer.get(this.options.proxy.custom_auth_response_size));
            }
            if (!authResult) {
                this.closeSocket(constants_1.ERRORS.Socks5AuthenticationFailed);
            }
            else {
                this.sendSocks5CommandRequest();
            }
        });
    }
    /**
     * Sends Socks v5 final handshake request.
     */
    sendSocks5CommandRequest() {
        const buff = new smart_buffer_1.SmartBuffer();
        buff.writeUInt8(0x05);
        buff.writeUInt8(constants_1.SocksCommand[this.options.command]);
        buff.writeUInt8(0x00);
        // ipv4, ipv6, domain?
        if (net.isIPv4(this.options.destination.host)) {
            buff.writeUInt8(constants_1.Socks5HostType.IPv4);
            buff.writeBuffer((0, helpers_1.ipToBuffer)(this.options.destination.host));
        }
        else if (net.isIPv6(this.options.destination.host)) {
            buff.writeUInt8(constants_1.Socks5HostType.IPv6);
            buff.writeBuffer((0, helpers_1.ipToBuffer)(this.options.destination.host));
        }
        else {
            buff.writeUInt8(constants_1.Socks5HostType.Hostname);
            buff.writeUInt8(this.options.destination.host.length);
            buff.writeString(this.options.destination.host);
        }
        buff.writeUInt16BE(this.options.destination.port);
        this.nextRequiredPacketBufferSize =
            constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5ResponseHeader;
        this.socket.write(buff.toBuffer());
        this.setState(constants_1.SocksClientState.SentFinalHandshake);
    }
    /**
     * Handles Socks v5 final handshake response.
     * @param data
     */
    handleSocks5FinalHandshakeResponse() {
        // Peek at available data (we need at least 5 bytes to get the hostname length)
        const header = this.receiveBuffer.peek(5);
        if (header[0] !== 0x05 || header[1] !== constants_1.Socks5Response.Granted) {
            this.closeSocket(`${constants_1.ERRORS.InvalidSocks5FinalHandshakeRejected} - ${constants_1.Socks5Response[header[1]]}`);
        }
        else {
            // Read address type
            const addressType = header[3];
            let remoteHost;
            let buff;
            // IPv4
            if (addressType === constants_1.Socks5HostType.IPv4) {
                // Check if data is available.
                const dataNeeded = constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5ResponseIPv4;
                if (this.receiveBuffer.length < dataNeeded) {
                    this.nextRequiredPacketBufferSize = dataNeeded;
                    return;
                }
                buff = smart_buffer_1.SmartBuffer.fromBuffer(this.receiveBuffer.get(dataNeeded).slice(4));
                remoteHost = {
                    host: (0, helpers_1.int32ToIpv4)(buff.readUInt32BE()),
                    port: buff.readUInt16BE(),
                };
                // If given host is 0.0.0.0, assume remote proxy ip instead.
                if (remoteHost.host === '0.0.0.0') {
                    remoteHost.host = this.options.proxy.ipaddress;
                }
                // Hostname
            }
            else if (addressType === constants_1.Socks5HostType.Hostname) {
                const hostLength = header[4];
                const dataNeeded = constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5ResponseHostname(hostLength); // header + host length + host + port
                // Check if data is available.
                if (this.receiveBuffer.length < dataNeeded) {
                    this.nextRequiredPacketBufferSize = dataNeeded;
                    return;
                }
                buff = smart_buffer_1.SmartBuffer.fromBuffer(this.receiveBuffer.get(dataNeeded).slice(5));
                remoteHost = {
                    host: buff.readString(hostLength),
                    port: buff.readUInt16BE(),
                };
                // IPv6
            }
            else if (addressType === constants_1.Socks5HostType.IPv6) {
                // Check if data is available.
                const dataNeeded = constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5ResponseIPv6;
                if (this.receiveBuffer.length < dataNeeded) {
                    this.nextRequiredPacketBufferSize = dataNeeded;
                    return;
                }
                buff = smart_buffer_1.SmartBuffer.fromBuffer(this.receiveBuffer.get(dataNeeded).slice(4));
                remoteHost = {
                    host: ip_address_1.Address6.fromByteArray(Array.from(buff.readBuffer(16))).canonicalForm(),
                    port: buff.readUInt16BE(),
                };
            }
            // We have everything we need
            this.setState(constants_1.SocksClientState.ReceivedFinalResponse);
            // If using CONNECT, the client is now in the established state.
            if (constants_1.SocksCommand[this.options.command] === constants_1.SocksCommand.connect) {
                this.setState(constants_1.SocksClientState.Established);
                this.removeInternalSocketHandlers();
                this.emit('established', { remoteHost, socket: this.socket });
            }
            else if (constants_1.SocksCommand[this.options.command] === constants_1.SocksCommand.bind) {
                /* If using BIND, the Socks client is now in BoundWaitingForConnection state.
                   This means that the remote proxy server is waiting for a remote connection to the bound port. */
                this.setState(constants_1.SocksClientState.BoundWaitingForConnection);
                this.nextRequiredPacketBufferSize =
                    constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5ResponseHeader;
                this.emit('bound', { remoteHost, socket: this.socket });
                /*
                  If using Associate, the Socks client is now Established. And the proxy server is now accepting UDP packets at the
                  given bound port. This initial Socks TCP connection must remain open for the UDP relay to continue to work.
                */
            }
            else if (constants_1.SocksCommand[this.options.command] === constants_1.SocksCommand.associate) {
                this.setState(constants_1.SocksClientState.Established);
                this.removeInternalSocketHandlers();
                this.emit('established', {
                    remoteHost,
                    socket: this.socket,
                });
            }
        }
    }
    /**
     * Handles Socks v5 incoming connection request (BIND).
     */
    handleSocks5IncomingConnectionResponse() {
        // Peek at available data (we need at least 5 bytes to get the hostname length)
        const header = this.receiveBuffer.peek(5);
        if (header[0] !== 0x05 || header[1] !== constants_1.Socks5Response.Granted) {
            this.closeSocket(`${constants_1.ERRORS.Socks5ProxyRejectedIncomingBoundConnection} - ${constants_1.Socks5Response[header[1]]}`);
        }
        else {
            // Read address type
            const addressType = header[3];
            let remoteHost;
            let buff;
            // IPv4
            if (addressType === constants_1.Socks5HostType.IPv4) {
                // Check if data is available.
                const dataNeeded = constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5ResponseIPv4;
                if (this.receiveBuffer.length < dataNeeded) {
                    this.nextRequiredPacketBufferSize = dataNeeded;
                    return;
                }
                buff = smart_buffer_1.SmartBuffer.fromBuffer(this.receiveBuffer.get(dataNeeded).slice(4));
                remoteHost = {
                    host: (0, helpers_1.int32ToIpv4)(buff.readUInt32BE()),
                    port: buff.readUInt16BE(),
                };
                // If given host is 0.0.0.0, assume remote proxy ip instead.
                if (remoteHost.host === '0.0.0.0') {
                    remoteHost.host = this.options.proxy.ipaddress;
                }
                // Hostname
            }
            else if (addressType === constants_1.Socks5HostType.Hostname) {
                const hostLength = header[4];
                const dataNeeded = constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5ResponseHostname(hostLength); // header + host length + port
                // Check if data is available.
                if (this.receiveBuffer.length < dataNeeded) {
                    this.nextRequiredPacketBufferSize = dataNeeded;
                    return;
                }
                buff = smart_buffer_1.SmartBuffer.fromBuffer(this.receiveBuffer.get(dataNeeded).slice(5));
                remoteHost = {
                    host: buff.readString(hostLength),
                    port: buff.readUInt16BE(),
                };
                // IPv6
            }
            else if (addressType === constants_1.Socks5HostType.IPv6) {
                // Check if data is available.
                const dataNeeded = constants_1.SOCKS_INCOMING_PACKET_SIZES.Socks5ResponseIPv6;
                if (this.receiveBuffer.length < dataNeeded) {
                    this.nextRequiredPacketBufferSize = dataNeeded;
                    return;
                }
                buff = smart_buffer_1.SmartBuffer.fromBuffer(this.receiveBuffer.get(dataNeeded).slice(4));
                remoteHost = {
                    host: ip_address_1.Address6.fromByteArray(Array.from(buff.readBuffer(16))).canonicalForm(),
                    port: buff.readUInt16BE(),
                };
            }
            this.setState(constants_1.SocksClientState.Established);
            this.removeInternalSocketHandlers();
            this.emit('established', { remoteHost, socket: this.socket });
        }
    }
    get socksClientOptions() {
        return Object.assign({}, this.options);
    }
}
exports.SocksClient = SocksClient;
//# sourceMappingURL=socksclient.js.map

/***/ }),

/***/ 223:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SOCKS5_NO_ACCEPTABLE_AUTH = exports.SOCKS5_CUSTOM_AUTH_END = exports.SOCKS5_CUSTOM_AUTH_START = exports.SOCKS_INCOMING_PACKET_SIZES = exports.SocksClientState = exports.Socks5Response = exports.Socks5HostType = exports.Socks5Auth = exports.Socks4Response = exports.SocksCommand = exports.ERRORS = exports.DEFAULT_TIMEOUT = void 0;
const DEFAULT_TIMEOUT = 30000;
exports.DEFAULT_TIMEOUT = DEFAULT_TIMEOUT;
// prettier-ignore
const ERRORS = {
    InvalidSocksCommand: 'An invalid SOCKS command was provided. Valid options are connect, bind, and associate.',
    InvalidSocksCommandForOperation: 'An invalid SOCKS command was provided. Only a subset of commands are supported for this operation.',
    InvalidSocksCommandChain: 'An invalid SOCKS command was provided. Chaining currently only supports the connect command.',
    InvalidSocksClientOptionsDestination: 'An invalid destination host was provided.',
    InvalidSocksClientOptionsExistingSocket: 'An invalid existing socket was provided. This should be an instance of stream.Duplex.',
    InvalidSocksClientOptionsProxy: 'Invalid SOCKS proxy details were provided.',
    InvalidSocksClientOptionsTimeout: 'An invalid timeout value was provided. Please enter a value above 0 (in ms).',
    InvalidSocksClientOptionsProxiesLength: 'At least two socks proxies must be provided for chaining.',
    InvalidSocksClientOptionsCustomAuthRange: 'Custom auth must be a value between 0x80 and 0xFE.',
    InvalidSocksClientOptionsCustomAuthOptions: 'When a custom_auth_method is provided, custom_auth_request_handler, custom_auth_response_size, and custom_auth_response_handler must also be provided and valid.',
    NegotiationError: 'Negotiation error',
    SocketClosed: 'Socket closed',
    ProxyConnectionTimedOut: 'Proxy connection timed out',
    InternalError: 'SocksClient internal error (this should not happen)',
    InvalidSocks4HandshakeResponse: 'Received invalid Socks4 handshake response',
    Socks4ProxyRejectedConnection: 'Socks4 Proxy rejected connection',
    InvalidSocks4IncomingConnectionResponse: 'Socks4 invalid incoming connection response',
    Socks4ProxyRejectedIncomingBoundConnection: 'Socks4 Proxy rejected incoming bound connection',
    InvalidSocks5InitialHandshakeResponse: 'Received invalid Socks5 initial handshake response',
    InvalidSocks5IntiailHandshakeSocksVersion: 'Received invalid Socks5 initial handshake (invalid socks version)',
    InvalidSocks5InitialHandshakeNoAcceptedAuthType: 'Received invalid Socks5 initial handshake (no accepted authentication type)',
    InvalidSocks5InitialHandshakeUnknownAuthType: 'Received invalid Socks5 initial handshake (unknown authentication type)',
    Socks5AuthenticationFailed: 'Socks5 Authentication failed',
    InvalidSocks5FinalHandshake: 'Received invalid Socks5 final handshake response',
    InvalidSocks5FinalHandshakeRejected: 'Socks5 proxy rejected connection',
    InvalidSocks5IncomingConnectionResponse: 'Received invalid Socks5 incoming connection response',
    Socks5ProxyRejectedIncomingBoundConnection: 'Socks5 Proxy rejected incoming bound connection',
};
exports.ERRORS = ERRORS;
const SOCKS_INCOMING_PACKET_SIZES = {
    Socks5InitialHandshakeResponse: 2,
    Socks5UserPassAuthenticationResponse: 2,
    // Command response + incoming connection (bind)
    Socks5ResponseHeader: 5, // We need at least 5 to read the hostname length, then we wait for the address+port information.
    Socks5ResponseIPv4: 10, // 4 header + 4 ip + 2 port
    Socks5ResponseIPv6: 22, // 4 header + 16 ip + 2 port
    Socks5ResponseHostname: (hostNameLength) => hostNameLength + 7, // 4 header + 1 host length + host + 2 port
    // Command response + incoming connection (bind)
    Socks4Response: 8, // 2 header + 2 port + 4 ip
};
exports.SOCKS_INCOMING_PACKET_SIZES = SOCKS_INCOMING_PACKET_SIZES;
var SocksCommand;
(function (SocksCommand) {
    SocksCommand[SocksCommand["connect"] = 1] = "connect";
    SocksCommand[SocksCommand["bind"] = 2] = "bind";
    SocksCommand[SocksCommand["associate"] = 3] = "associate";
})(SocksCommand || (exports.SocksCommand = SocksCommand = {}));
var Socks4Response;
(function (Socks4Response) {
    Socks4Response[Socks4Response["Granted"] = 90] = "Granted";
    Socks4Response[Socks4Response["Failed"] = 91] = "Failed";
    Socks4Response[Socks4Response["Rejected"] = 92] = "Rejected";
    Socks4Response[Socks4Response["RejectedIdent"] = 93] = "RejectedIdent";
})(Socks4Response || (exports.Socks4Response = Socks4Response = {}));
var Socks5Auth;
(function (Socks5Auth) {
    Socks5Auth[Socks5Auth["NoAuth"] = 0] = "NoAuth";
    Socks5Auth[Socks5Auth["GSSApi"] = 1] = "GSSApi";
    Socks5Auth[Socks5Auth["UserPass"] = 2] = "UserPass";
})(Socks5Auth || (exports.Socks5Auth = Socks5Auth = {}));
const SOCKS5_CUSTOM_AUTH_START = 0x80;
exports.SOCKS5_CUSTOM_AUTH_START = SOCKS5_CUSTOM_AUTH_START;
const SOCKS5_CUSTOM_AUTH_END = 0xfe;
exports.SOCKS5_CUSTOM_AUTH_END = SOCKS5_CUSTOM_AUTH_END;
const SOCKS5_NO_ACCEPTABLE_AUTH = 0xff;
exports.SOCKS5_NO_ACCEPTABLE_AUTH = SOCKS5_NO_ACCEPTABLE_AUTH;
var Socks5Response;
(function (Socks5Response) {
    Socks5Response[Socks5Response["Granted"] = 0] = "Granted";
    Socks5Response[Socks5Response["Failure"] = 1] = "Failure";
    Socks5Response[Socks5Response["NotAllowed"] = 2] = "NotAllowed";
    Socks5Response[Socks5Response["NetworkUnreachable"] = 3] = "NetworkUnreachable";
    Socks5Response[Socks5Response["HostUnreachable"] = 4] = "HostUnreachable";
    Socks5Response[Socks5Response["ConnectionRefused"] = 5] = "ConnectionRefused";
    Socks5Response[Socks5Response["TTLExpired"] = 6] = "TTLExpired";
    Socks5Response[Socks5Response["CommandNotSupported"] = 7] = "CommandNotSupported";
    Socks5Response[Socks5Response["AddressNotSupported"] = 8] = "AddressNotSupported";
})(Socks5Response || (exports.Socks5Response = Socks5Response = {}));
var Socks5HostType;
(function (Socks5HostType) {
    Socks5HostType[Socks5HostType["IPv4"] = 1] = "IPv4";
    Socks5HostType[Socks5HostType["Hostname"] = 3] = "Hostname";
    Socks5HostType[Socks5HostType["IPv6"] = 4] = "IPv6";
})(Socks5HostType || (exports.Socks5HostType = Socks5HostType = {}));
var SocksClientState;
(function (SocksClientState) {
    SocksClientState[SocksClientState["Created"] = 0] = "Created";
    SocksClientState[SocksClientState["Connecting"] = 1] = "Connecting";
    SocksClientState[SocksClientState["Connected"] = 2] = "Connected";
    SocksClientState[SocksClientState["SentInitialHandshake"] = 3] = "SentInitialHandshake";
    SocksClientState[SocksClientState["ReceivedInitialHandshakeResponse"] = 4] = "ReceivedInitialHandshakeResponse";
    SocksClientState[SocksClientState["SentAuthentication"] = 5] = "SentAuthentication";
    SocksClientState[SocksClientState["ReceivedAuthenticationResponse"] = 6] = "ReceivedAuthenticationResponse";
    SocksClientState[SocksClientState["SentFinalHandshake"] = 7] = "SentFinalHandshake";
    SocksClientState[SocksClientState["ReceivedFinalResponse"] = 8] = "ReceivedFinalResponse";
    SocksClientState[SocksClientState["BoundWaitingForConnection"] = 9] = "BoundWaitingForConnection";
    SocksClientState[SocksClientState["Established"] = 10] = "Established";
    SocksClientState[SocksClientState["Disconnected"] = 11] = "Disconnected";
    SocksClientState[SocksClientState["Error"] = 99] = "Error";
})(SocksClientState || (exports.SocksClientState = SocksClientState = {}));
//# sourceMappingURL=constants.js.map

/***/ }),

/***/ 639:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateSocksClientOptions = validateSocksClientOptions;
exports.validateSocksClientChainOptions = validateSocksClientChainOptions;
exports.ipv4ToInt32 = ipv4ToInt32;
exports.int32ToIpv4 = int32ToIpv4;
exports.ipToBuffer = ipToBuffer;
const util_1 = __nccwpck_require__(712);
const constants_1 = __nccwpck_require__(223);
const stream = __nccwpck_require__(203);
const ip_address_1 = __nccwpck_require__(253);
const net = __nccwpck_require__(278);
/**
 * Validates the provided SocksClientOptions
 * @param options { SocksClientOptions }
 * @param acceptedCommands { string[] } A list of accepted SocksProxy commands.
 */
function validateSocksClientOptions(options, acceptedCommands = ['connect', 'bind', 'associate']) {
    // Check SOCKs command option.
    if (!constants_1.SocksCommand[options.command]) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksCommand, options);
    }
    // Check SocksCommand for acceptable command.
    if (acceptedCommands.indexOf(options.command) === -1) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksCommandForOperation, options);
    }
    // Check destination
    if (!isValidSocksRemoteHost(options.destination)) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsDestination, options);
    }
    // Check SOCKS proxy to use
    if (!isValidSocksProxy(options.proxy)) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsProxy, options);
    }
    // Validate custom auth (if set)
    validateCustomProxyAuth(options.proxy, options);
    // Check timeout
    if (options.timeout && !isValidTimeoutValue(options.timeout)) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsTimeout, options);
    }
    // Check existing_socket (if provided)
    if (options.existing_socket &&
        !(options.existing_socket instanceof stream.Duplex)) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsExistingSocket, options);
    }
}
/**
 * Validates the SocksClientChainOptions
 * @param options { SocksClientChainOptions }
 */
function validateSocksClientChainOptions(options) {
    // Only connect is supported when chaining.
    if (options.command !== 'connect') {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksCommandChain, options);
    }
    // Check destination
    if (!isValidSocksRemoteHost(options.destination)) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsDestination, options);
    }
    // Validate proxies (length)
    if (!(options.proxies &&
        Array.isArray(options.proxies) &&
        options.proxies.length >= 2)) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsProxiesLength, options);
    }
    // Validate proxies
    options.proxies.forEach((proxy) => {
        if (!isValidSocksProxy(proxy)) {
            throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsProxy, options);
        }
        // Validate custom auth (if set)
        validateCustomProxyAuth(proxy, options);
    });
    // Check timeout
    if (options.timeout && !isValidTimeoutValue(options.timeout)) {
        throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsTimeout, options);
    }
}
function validateCustomProxyAuth(proxy, options) {
    if (proxy.custom_auth_method !== undefined) {
        // Invalid auth method range
        if (proxy.custom_auth_method < constants_1.SOCKS5_CUSTOM_AUTH_START ||
            proxy.custom_auth_method > constants_1.SOCKS5_CUSTOM_AUTH_END) {
            throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsCustomAuthRange, options);
        }
        // Missing custom_auth_request_handler
        if (proxy.custom_auth_request_handler === undefined ||
            typeof proxy.custom_auth_request_handler !== 'function') {
            throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsCustomAuthOptions, options);
        }
        // Missing custom_auth_response_size
        if (proxy.custom_auth_response_size === undefined) {
            throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsCustomAuthOptions, options);
        }
        // Missing/invalid custom_auth_response_handler
        if (proxy.custom_auth_response_handler === undefined ||
            typeof proxy.custom_auth_response_handler !== 'function') {
            throw new util_1.SocksClientError(constants_1.ERRORS.InvalidSocksClientOptionsCustomAuthOptions, options);
        }
    }
}
/**
 * Validates a SocksRemoteHost
 * @param remoteHost { SocksRemoteHost }
 */
function isValidSocksRemoteHost(remoteHost) {
    return (remoteHost &&
        typeof remoteHost.host === 'string' &&
        Buffer.byteLength(remoteHost.host) < 256 &&
        typeof remoteHost.port === 'number' &&
        remoteHost.port >= 0 &&
        remoteHost.port <= 65535);
}
/**
 * Validates a SocksProxy
 * @param proxy { SocksProxy }
 */
function isValidSocksProxy(proxy) {
    return (proxy &&
        (typeof proxy.host === 'string' || typeof proxy.ipaddress === 'string') &&
        typeof proxy.port === 'number' &&
        proxy.port >= 0 &&
        proxy.port <= 65535 &&
        (proxy.type === 4 || proxy.type === 5));
}
/**
 * Validates a timeout value.
 * @param value { Number }
 */
function isValidTimeoutValue(value) {
    return typeof value === 'number' && value > 0;
}
function ipv4ToInt32(ip) {
    const address = new ip_address_1.Address4(ip);
    // Convert the IPv4 address parts to an integer
    return address.toArray().reduce((acc, part) => (acc << 8) + part, 0) >>> 0;
}
function int32ToIpv4(int32) {
    // Extract each byte (octet) from the 32-bit integer
    const octet1 = (int32 >>> 24) & 0xff;
    const octet2 = (int32 >>> 16) & 0xff;
    const octet3 = (int32 >>> 8) & 0xff;
    const octet4 = int32 & 0xff;
    // Combine the octets into a string in IPv4 format
    return [octet1, octet2, octet3, octet4].join('.');
}
function ipToBuffer(ip) {
    if (net.isIPv4(ip)) {
        // Handle IPv4 addresses
        const address = new ip_address_1.Address4(ip);
        return Buffer.from(address.toArray());
    }
    else if (net.isIPv6(ip)) {
        // Handle IPv6 addresses
        const address = new ip_address_1.Address6(ip);
        return Buffer.from(address
            .canonicalForm()
            .split(':')
            .map((segment) => segment.padStart(4, '0'))
            .join(''), 'hex');
    }
    else {
        throw new Error('Invalid IP address format');
    }
}
//# sourceMappingURL=helpers.js.map

/***/ }),

/***/ 129:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ReceiveBuffer = void 0;
class ReceiveBuffer {
    constructor(size = 4096) {
        this.buffer = Buffer.allocUnsafe(size);
        this.offset = 0;
        this.originalSize = size;
    }
    get length() {
        return this.offset;
    }
    append(data) {
        if (!Buffer.isBuffer(data)) {
            throw new Error('Attempted to append a non-buffer instance to ReceiveBuffer.');
        }
        if (this.offset + data.length >= this.buffer.length) {
            const tmp = this.buffer;
            this.buffer = Buffer.allocUnsafe(Math.max(this.buffer.length + this.originalSize, this.buffer.length + data.length));
            tmp.copy(this.buffer);
        }
        data.copy(this.buffer, this.offset);
        return (this.offset += data.length);
    }
    peek(length) {
        if (length > this.offset) {
            throw new Error('Attempted to read beyond the bounds of the managed internal data.');
        }
        return this.buffer.slice(0, length);
    }
    get(length) {
        if (length > this.offset) {
            throw new Error('Attempted to read beyond the bounds of the managed internal data.');
        }
        const value = Buffer.allocUnsafe(length);
        this.buffer.slice(0, length).copy(value);
        this.buffer.copyWithin(0, length, length + this.offset - length);
        this.offset -= length;
        return value;
    }
}
exports.ReceiveBuffer = ReceiveBuffer;
//# sourceMappingURL=receivebuffer.js.map

/***/ }),

/***/ 712:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.SocksClientError = void 0;
exports.shuffleArray = shuffleArray;
/**
 * Error wrapper for SocksClient
 */
class SocksClientError extends Error {
    constructor(message, options) {
        super(message);
        this.options = options;
    }
}
exports.SocksClientError = SocksClientError;
/**
 * Shuffles a given array.
 * @param array The array to shuffle.
 */
function shuffleArray(array) {
    for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [array[i], array[j]] = [array[j], array[i]];
    }
}
//# sourceMappingURL=util.js.map

/***/ }),

/***/ 474:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
__exportStar(__nccwpck_require__(142), exports);
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 450:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const os = __nccwpck_require__(857);
const tty = __nccwpck_require__(18);
const hasFlag = __nccwpck_require__(813);

const {env} = process;

let forceColor;
if (hasFlag('no-color') ||
	hasFlag('no-colors') ||
	hasFlag('color=false') ||
	hasFlag('color=never')) {
	forceColor = 0;
} else if (hasFlag('color') ||
	hasFlag('colors') ||
	hasFlag('color=true') ||
	hasFlag('color=always')) {
	forceColor = 1;
}

if ('FORCE_COLOR' in env) {
	if (env.FORCE_COLOR === 'true') {
		forceColor = 1;
	} else if (env.FORCE_COLOR === 'false') {
		forceColor = 0;
	} else {
		forceColor = env.FORCE_COLOR.length === 0 ? 1 : Math.min(parseInt(env.FORCE_COLOR, 10), 3);
	}
}

function translateLevel(level) {
	if (level === 0) {
		return false;
	}

	return {
		level,
		hasBasic: true,
		has256: level >= 2,
		has16m: level >= 3
	};
}

function supportsColor(haveStream, streamIsTTY) {
	if (forceColor === 0) {
		return 0;
	}

	if (hasFlag('color=16m') ||
		hasFlag('color=full') ||
		hasFlag('color=truecolor')) {
		return 3;
	}

	if (hasFlag('color=256')) {
		return 2;
	}

	if (haveStream && !streamIsTTY && forceColor === undefined) {
		return 0;
	}

	const min = forceColor || 0;

	if (env.TERM === 'dumb') {
		return min;
	}

	if (process.platform === 'win32') {
		// Windows 10 build 10586 is the first Windows release that supports 256 colors.
		// Windows 10 build 14931 is the first release that supports 16m/TrueColor.
		const osRelease = os.release().split('.');
		if (
			Number(osRelease[0]) >= 10 &&
			Number(osRelease[2]) >= 10586
		) {
			return Number(osRelease[2]) >= 14931 ? 3 : 2;
		}

		return 1;
	}

	if ('CI' in env) {
		if (['TRAVIS', 'CIRCLECI', 'APPVEYOR', 'GITLAB_CI', 'GITHUB_ACTIONS', 'BUILDKITE'].some(sign => sign in env) || env.CI_NAME === 'codeship') {
			return 1;
		}

		return min;
	}

	if ('TEAMCITY_VERSION' in env) {
		return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
	}

	if (env.COLORTERM === 'truecolor') {
		return 3;
	}

	if ('TERM_PROGRAM' in env) {
		const version = parseInt((env.TERM_PROGRAM_VERSION || '').split('.')[0], 10);

		switch (env.TERM_PROGRAM) {
			case 'iTerm.app':
				return version >= 3 ? 3 : 2;
			case 'Apple_Terminal':
				return 2;
			// No default
		}
	}

	if (/-256(color)?$/i.test(env.TERM)) {
		return 2;
	}

	if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
		return 1;
	}

	if ('COLORTERM' in env) {
		return 1;
	}

	return min;
}

function getSupportLevel(stream) {
	const level = supportsColor(stream, stream && stream.isTTY);
	return translateLevel(level);
}

module.exports = {
	supportsColor: getSupportLevel,
	stdout: translateLevel(supportsColor(true, tty.isatty(1))),
	stderr: translateLevel(supportsColor(true, tty.isatty(2)))
};


/***/ }),

/***/ 613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 18:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 16:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 23:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_namespaceObject);
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
var external_node_crypto_default = /*#__PURE__*/__nccwpck_require__.n(external_node_crypto_namespaceObject);
;// CONCATENATED MODULE: ./src/go/gosum.ts


/** Adds the lines of one go.sum (or go.work.sum) text to `sums`, keyed by `path@version`. */
function parseGoSum(text, sums = new Map()) {
    for (const raw of text.split('\n')) {
        const fields = raw.trim().split(/\s+/);
        if (fields.length !== 3)
            continue;
        const [path, rawVersion, hash] = fields;
        if (!hash.startsWith('h1:'))
            continue;
        const isMod = rawVersion.endsWith('/go.mod');
        const version = isMod ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion;
        const id = `${path}@${version}`;
        const entry = sums.get(id) ?? { path, version };
        if (isMod)
            entry.mod = hash;
        else
            entry.zip = hash;
        sums.set(id, entry);
    }
    return sums;
}
/** Reads every go.sum file given; a missing file adds nothing (a module without dependencies has none). */
async function readGoSums(files) {
    const sums = new Map();
    for (const file of files) {
        let text;
        try {
            text = await (0,promises_namespaceObject.readFile)(file, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                continue;
            throw error;
        }
        parseGoSum(text, sums);
    }
    return sums;
}
/** Go's dirhash Hash1: sha256 over "<sha256 hex>  <name>\n" lines sorted by name (byte order). */
function hash1(files) {
    return hash1OfDigests(files.map(f => ({ name: f.name, sha256: createHash('sha256').update(f.data).digest('hex') })));
}
function hash1OfDigests(files) {
    const lines = files.map(f => ({ name: Buffer.from(f.name, 'utf8'), line: `${f.sha256}  ${f.name}\n` }));
    lines.sort((a, b) => Buffer.compare(a.name, b.name));
    const outer = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    for (const l of lines)
        outer.update(l.line);
    return 'h1:' + outer.digest('base64');
}
/** The h1 of a go.mod as go.sum's `/go.mod` line records it: cmd/go hashes it under the bare name `go.mod`. */
function gosum_hashGoMod(goMod) {
    return hash1([{ name: 'go.mod', data: goMod }]);
}
/** The same h1 from the sha256 (hex) of a go.mod's bytes, hashed as they streamed in. */
function hashGoModDigest(sha256) {
    return hash1OfDigests([{ name: 'go.mod', sha256 }]);
}

;// CONCATENATED MODULE: ./src/relay/control.ts

/**
 * The relay's control requests (stop, register go.sum files, report progress): `POST /<secret>/<action>`
 * with a JSON body carrying a random challenge. The relay answers with its pid and an HMAC of the
 * challenge and that pid under the secret, so a caller tells the relay from any process that took its
 * port: an answer without that proof is not the relay's.
 */
/** Bytes a control request's body may have: a challenge and a list of go.sum paths. */
const MAX_CONTROL_BODY = 256 * 1024;
/** An unguessable secret or challenge: 16 random bytes in hex. */
function control_newControlSecret() {
    return randomBytes(16).toString('hex');
}
/** The proof a relay gives: HMAC-SHA256 of the challenge and its pid, keyed with the secret. */
function controlProof(secret, challenge, pid) {
    return (0,external_node_crypto_namespaceObject.createHmac)('sha256', secret).update(`${challenge}\n${pid}`).digest('hex');
}
function sameText(a, b) {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
}
/**
 * Sends a control request to the relay on 127.0.0.1:`port` and checks its proof; `pid`, when given,
 * must be the pid it answers with. Never throws: anything but a proven answer says why.
 */
async function control_askRelay(opts) {
    const challenge = control_newControlSecret();
    let status;
    let text;
    try {
        const response = await fetch(`http://127.0.0.1:${opts.port}/${opts.secret}/${opts.action}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...opts.args, challenge }),
            signal: AbortSignal.timeout(opts.timeoutMs ?? 2000)
        });
        status = response.status;
        text = (await response.text()).slice(0, MAX_CONTROL_BODY);
    }
    catch {
        return { proven: false, why: 'no answer' };
    }
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        return { proven: false, why: `an answer without a proof (HTTP ${status})` };
    }
    const pid = body?.pid;
    const proof = body?.proof;
    if (status !== 200 || !Number.isInteger(pid) || typeof proof !== 'string')
        return { proven: false, why: `an answer without a proof (HTTP ${status})` };
    if (opts.pid !== undefined && pid !== opts.pid)
        return { proven: false, why: `an answer from pid ${pid}` };
    if (!sameText(proof, controlProof(opts.secret, challenge, pid)))
        return { proven: false, why: 'an answer with a wrong proof' };
    return { proven: true, pid: pid, body };
}
/**
 * The relay's side: when `req` is `POST /<secret>/<action>` for one of `secrets`, reads the body and
 * answers with the proof and what the action returns; returns false for any other request.
 */
function handleControl(req, res, routes) {
    if (req.method !== 'POST')
        return false;
    const match = /^\/([0-9a-f]{32})\/([a-z]+)$/.exec(req.url ?? '');
    const route = match ? routes.find(r => r.secret === match[1]) : undefined;
    const handler = route?.actions[match?.[2]];
    if (!route || !handler)
        return false;
    void readBody(req).then(async (body) => {
        const challenge = body?.challenge;
        if (typeof challenge !== 'string' || challenge.length > 200)
            return reply(res, 400, { error: 'no challenge' });
        let result;
        try {
            result = await handler(body);
        }
        catch (error) {
            return reply(res, 500, { error: error.message });
        }
        // What follows an answer (a stop) waits until the answer is out.
        res.once('close', () => route.after?.(match?.[2]));
        reply(res, 200, {
            ...result,
            pid: process.pid,
            proof: controlProof(route.secret, challenge, process.pid)
        });
    });
    return true;
}
async function readBody(req) {
    let size = 0;
    const chunks = [];
    try {
        for await (const chunk of req) {
            size += chunk.length;
            if (size > MAX_CONTROL_BODY)
                return undefined;
            chunks.push(chunk);
        }
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
            ? parsed
            : undefined;
    }
    catch {
        return undefined;
    }
}
function reply(res, status, body) {
    if (res.headersSent || res.destroyed)
        return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
}

;// CONCATENATED MODULE: ./src/relay/journal.ts
/**
 * The journal of a detached relay: one JSON line per file it answered for, its totals and why it
 * stopped, bounded in size; the post step reads it back for the summary.
 */

function journalFile(record) {
    const trouble = record.tries
        .filter(t => t.outcome !== 'ok' && t.detail)
        .map(t => `${t.mirror}: ${t.detail}`)
        .slice(0, 8);
    return {
        name: record.name,
        module: record.module,
        version: record.version,
        outcome: record.outcome,
        servedBy: record.servedBy,
        tries: record.tries.length,
        retried: record.tries.filter(t => !t.hedge).length > 1,
        hedged: record.tries.some(t => t.hedge),
        trouble: trouble.length > 0 ? trouble : undefined,
        failure: record.failure ? { class: record.failure.class, message: record.failure.message } : undefined
    };
}
/** Appends journal lines up to a size limit, then one `truncated` line and nothing more. */
class Journal {
    file;
    limitBytes;
    bytes = 0;
    full = false;
    pending = Promise.resolve();
    constructor(file, limitBytes) {
        this.file = file;
        this.limitBytes = limitBytes;
    }
    write(line, always = false) {
        if (this.full && !always)
            return this.pending;
        let text = `${JSON.stringify(line)}\n`;
        if (!always && this.bytes + text.length > this.limitBytes) {
            this.full = true;
            text = `${JSON.stringify({ t: 'truncated' })}\n`;
        }
        this.bytes += text.length;
        this.pending = this.pending
            .then(() => (0,promises_namespaceObject.appendFile)(this.file, text, { mode: 0o600 }))
            .catch(() => undefined);
        return this.pending;
    }
}
/** Reads a journal back; torn or foreign lines are skipped. */
async function journal_readJournal(file) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const lines = [];
    for (const raw of text.split('\n')) {
        if (raw.trim() === '')
            continue;
        try {
            const line = JSON.parse(raw);
            if (line && typeof line === 'object' && 't' in line)
                lines.push(line);
        }
        catch {
            // A line cut off by a kill says nothing reliable.
        }
    }
    return lines;
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: external "node:perf_hooks"
const external_node_perf_hooks_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");
;// CONCATENATED MODULE: ./src/go/disk.ts
/**
 * How the relay creates files and folders on the runner's disk. Creating one is the file system call
 * whose cost varies most between disks: about 15 µs on tmpfs, hundreds of µs of kernel time on some
 * virtual disks, where links, renames and removals stay cheap. Made synchronously, thousands of slow
 * creations would hold up the event loop for seconds; made on libuv's threads, each costs three
 * hand-offs, which on a fast disk is more than the creation. So creations are synchronous while they
 * are cheap, and move to libuv's threads for good once a run of them shows they are not.
 */




/** Creations timed before the disk is judged, and again after each judgement that it is fast. */
const WINDOW = 32;
/**
 * A creation slower than this is a slow one; when most of a window are, creations move to libuv's
 * threads. Most, not the mean: a thread descheduled once on a busy runner is not a slow disk.
 */
const SLOW_MS = 0.1;
class Creator {
    opts;
    slowOnes = 0;
    timed = 0;
    slow = false;
    constructor(opts = {}) {
        this.opts = opts;
    }
    /** Whether creations are made on libuv's threads now. */
    get offThread() {
        return this.slow;
    }
    /** Creates `file` with `data` (`wx`: only where there is none, failing with EEXIST otherwise). */
    file(file, data, flag = 'w') {
        if (this.slow) {
            return new Promise((resolve, reject) => {
                (0,external_node_fs_namespaceObject.writeFile)(file, data, { flag }, error => (error ? reject(error) : resolve()));
            });
        }
        return this.timedCall(() => (0,external_node_fs_namespaceObject.writeFileSync)(file, data, { flag }));
    }
    /** Creates a folder and its parents. */
    folder(dir) {
        if (this.slow) {
            return new Promise((resolve, reject) => {
                (0,external_node_fs_namespaceObject.mkdir)(dir, { recursive: true }, error => (error ? reject(error) : resolve()));
            });
        }
        return this.timedCall(() => void (0,external_node_fs_namespaceObject.mkdirSync)(dir, { recursive: true }));
    }
    timedCall(call) {
        const now = this.opts.now ?? (() => external_node_perf_hooks_namespaceObject.performance.now());
        const started = now();
        try {
            call();
        }
        catch (error) {
            return Promise.reject(error);
        }
        if (now() - started > (this.opts.slowMs ?? SLOW_MS))
            this.slowOnes++;
        if (++this.timed >= (this.opts.window ?? WINDOW)) {
            this.slow = this.slowOnes > this.timed / 2;
            this.slowOnes = 0;
            this.timed = 0;
        }
        return Promise.resolve();
    }
}
let shared;
/** The process's one creator: every writer of the relay creates on the same disk. */
function creator() {
    shared ??= new Creator();
    return shared;
}
/**
 * The subfolders a scratch folder spreads its files over: the kernel creates the files of one folder
 * one at a time, which matters once creations run on several threads.
 */
const SCRATCH_SHARDS = '0123456789abcdef';
/** A scratch folder, with the subfolders `scratchName` picks from. */
async function makeScratch(dir) {
    await creator().folder(dir);
    await Promise.all([...SCRATCH_SHARDS].map(shard => creator().folder(external_node_path_default().join(dir, shard))));
}
/**
 * A fresh file name in a folder made by `makeScratch`: a count kept by the process after a random
 * prefix drawn once, so that no two processes name a file alike, without a random draw per file.
 */
function scratchName(dir) {
    const n = scratchFiles++;
    scratchPrefix ??= (0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex');
    const shard = SCRATCH_SHARDS[n % SCRATCH_SHARDS.length];
    return `${dir}${(external_node_path_default()).sep}${shard}${(external_node_path_default()).sep}${scratchPrefix}-${n.toString(36)}`;
}
let scratchFiles = 0;
let scratchPrefix;
/** Runs `work` over `items`, `limit` at a time: file work that libuv's threads can overlap. */
async function eachLimited(items, limit, work) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

;// CONCATENATED MODULE: ./src/go/modcache.ts


/** Go's case-encoding of module paths and versions in the cache and in proxy URLs: `Azure` -> `!azure`. */
function escapeModulePath(modulePath) {
    return modulePath.replace(/[A-Z]/g, c => '!' + c.toLowerCase());
}
/** What go downloaded, and all the action caches: `<GOMODCACHE>/cache/download`. */
function downloadRoot(modCache) {
    return path.join(modCache, 'cache', 'download');
}
/** The directory of a module's downloaded files: `<GOMODCACHE>/cache/download/<escaped>/@v`. */
function downloadDir(modCache, modulePath) {
    return path.join(downloadRoot(modCache), ...escapeModulePath(modulePath).split('/'), '@v');
}
/** Where go extracts a module version: `<GOMODCACHE>/<escaped path>@<escaped version>`. */
function extractedDir(modCache, modulePath, version) {
    return path.join(modCache, ...`${escapeModulePath(modulePath)}@${escapeModulePath(version)}`.split('/'));
}
/** The names in a folder; none when it is not there (or cannot be read). */
function listDir(dir) {
    try {
        return readdirSync(dir);
    }
    catch {
        return [];
    }
}
/**
 * `listDir`, once per folder: for a pass over many files that share few folders. The listings are as
 * they were when first asked for; a pass that changes a folder makes a new one. Every folder asked
 * for lies below `within`, when given.
 */
function listingsOnce(within) {
    const listings = new Map();
    // A folder that holds nothing has nothing below it (a fresh module cache): no call per folder.
    if (within !== undefined && listDir(within).length === 0)
        return () => NOTHING;
    return dir => {
        let names = listings.get(dir);
        if (!names)
            listings.set(dir, (names = new Set(listDir(dir))));
        return names;
    };
}
const NOTHING = new Set();
/** A text file's content; undefined when it is not there (or cannot be read). */
function readText(file) {
    try {
        return readFileSync(file, 'utf8');
    }
    catch {
        return undefined;
    }
}
/** Removes one file if it can; one left behind goes with its scratch folder. */
function removeFile(file) {
    try {
        (0,external_node_fs_namespaceObject.unlinkSync)(file);
    }
    catch {
        // Already gone, or left to the scratch folder's removal.
    }
}
/** Removes a tree that may hold extracted modules, which go makes read-only. */
function removeTree(dir) {
    try {
        rmSync(dir, { recursive: true, force: true });
    }
    catch {
        makeWritable(dir);
        rmSync(dir, { recursive: true, force: true });
    }
}
/**
 * Removes one module version from the cache so go fetches it again: its extracted tree (read-only,
 * so made writable first) and its zip, hash, partial marker, .mod and .info.
 */
function purgeModule(modCache, modulePath, version) {
    removeTree(extractedDir(modCache, modulePath, version));
    const dir = downloadDir(modCache, modulePath);
    for (const ext of ['zip', 'ziphash', 'partial', 'mod', 'info']) {
        rmSync(path.join(dir, `${escapeModulePath(version)}.${ext}`), { force: true });
    }
}
function makeWritable(target) {
    let stats;
    try {
        stats = statSync(target);
    }
    catch {
        return;
    }
    if (!stats.isDirectory())
        return;
    chmodSync(target, 0o755);
    for (const entry of readdirSync(target, { withFileTypes: true })) {
        if (entry.isDirectory())
            makeWritable(path.join(target, entry.name));
    }
}
/**
 * Bytes of a zip download still being written (`<version>.zip<random>.tmp`), or undefined when none is:
 * go creates the file before it asks for the zip and renames it into place once the body is in.
 */
function partialZipSize(modCache, modulePath, version) {
    const dir = downloadDir(modCache, modulePath);
    const prefix = `${escapeModulePath(version)}.zip`;
    let total;
    for (const name of listDir(dir)) {
        if (!name.startsWith(prefix) || !name.endsWith('.tmp'))
            continue;
        try {
            total = (total ?? 0) + statSync(path.join(dir, name)).size;
        }
        catch {
            // Renamed into place between the listing and the stat: finished.
        }
    }
    return total;
}

;// CONCATENATED MODULE: ./src/go/module-path.ts
/**
 * Module paths and versions by the rules of golang.org/x/mod/module and x/mod/semver: what go itself
 * accepts, and so everything a module proxy can be asked for.
 */
/** Reserved device names on Windows, refused as the part of an element before its first dot. */
const WINDOWS_RESERVED = new Set([
    'con',
    'prn',
    'aux',
    'nul',
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap(n => [`com${n}`, `lpt${n}`])
]);
const FILE_PUNCTUATION = new Set([...'!#$%&()+,-.=@[]^_{}~ ']);
function isAsciiAlnum(c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
function charAllowed(c, kind) {
    if (isAsciiAlnum(c) || c === '-' || c === '.' || c === '_' || c === '~')
        return true;
    if (kind === 'import')
        return c === '+';
    if (kind === 'file')
        return FILE_PUNCTUATION.has(c) || (c > '\u007f' && /^\p{L}$/u.test(c));
    return false;
}
/** Why one element of a path is refused, or undefined when it is fine. */
function elementProblem(elem, kind) {
    if (elem === '')
        return 'empty path element';
    if (/^\.+$/.test(elem))
        return `invalid path element ${JSON.stringify(elem)}`;
    if (elem.startsWith('.') && kind === 'module')
        return 'leading dot in path element';
    if (elem.endsWith('.'))
        return 'trailing dot in path element';
    for (const c of elem)
        if (!charAllowed(c, kind))
            return `invalid char ${JSON.stringify(c)}`;
    const short = elem.split('.')[0];
    if (WINDOWS_RESERVED.has(short.toLowerCase()))
        return `${short} is a reserved name on Windows`;
    // A tilde followed by digits is how Windows spells a short name: two spellings of one file.
    if (kind !== 'file' && /~\d+$/.test(short))
        return 'trailing tilde and digits in path element';
    return undefined;
}
function pathProblem(path, kind) {
    if (!isWellFormed(path))
        return 'invalid UTF-8';
    if (path === '')
        return 'empty string';
    if (path.startsWith('-') && kind !== 'file')
        return 'leading dash';
    if (path.includes('//'))
        return 'double slash';
    if (path.endsWith('/'))
        return 'trailing slash';
    for (const elem of path.split('/')) {
        const problem = elementProblem(elem, kind);
        if (problem)
            return problem;
    }
    return undefined;
}
function isWellFormed(text) {
    return !/[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
}
/** Why a module path is refused (x/mod's CheckPath), or undefined when go would use it. */
function modulePathProblem(path) {
    const problem = pathProblem(path, 'module');
    if (problem)
        return problem;
    const first = path.split('/')[0];
    if (first === '')
        return 'leading slash';
    if (!first.includes('.'))
        return 'missing dot in first path element';
    if (!/^[a-z0-9.-]+$/.test(first))
        return 'invalid char in first path element';
    if (!splitPathVersion(path))
        return 'invalid version suffix';
    return undefined;
}
/** Why an import path is refused (x/mod's CheckImportPath), or undefined. */
function importPathProblem(path) {
    return pathProblem(path, 'import');
}
/** Why a slash-separated file path is refused (x/mod's CheckFilePath), or undefined. */
function filePathProblem(path) {
    return pathProblem(path, 'file');
}
/**
 * A module path split into its prefix and major-version suffix (`/v2`, or `.v1` for gopkg.in);
 * undefined when the suffix is one no module may have (`/v1`, `/v0`, `/v2.0`, `/v02`).
 */
function splitPathVersion(path) {
    if (path.startsWith('gopkg.in/')) {
        const match = /^(.+)(\.v\d*(?:-unstable)?)$/.exec(path);
        const major = match?.[2];
        if (!match || !major || major.length <= 2 || (major[2] === '0' && major !== '.v0'))
            return undefined;
        return { prefix: match[1], major };
    }
    const match = /^(.*[^/])\/(v[0-9.]+)$/.exec(path);
    if (!match)
        return { prefix: path, major: '' };
    const major = match[2];
    if (!/^v[1-9]\d*$/.test(major) || major === 'v1')
        return undefined;
    return { prefix: match[1], major: `/${major}` };
}
const SEMVER = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/;
/** Whether a version is valid semver as x/mod reads it (`v1`, `v1.2` and `v1.2.3-pre+build` all are). */
function isSemver(version) {
    return SEMVER.test(version);
}
/**
 * The canonical form of a version (x/mod's module.CanonicalVersion): `vMAJOR.MINOR.PATCH[-pre]`, the
 * build suffix dropped except `+incompatible`; '' when the version is not semver.
 */
function canonicalVersion(version) {
    const match = SEMVER.exec(version);
    if (!match)
        return '';
    const [, major, minor = '0', patch = '0', pre = '', build = ''] = match;
    return `v${major}.${minor}.${patch}${pre}${build === '+incompatible' ? build : ''}`;
}
/** Whether go would ask a proxy for this version's .mod or .zip: only canonical versions. */
function isCanonicalVersion(version) {
    return version !== '' && canonicalVersion(version) === version;
}
/**
 * Why a version is refused as a query (`@v/<version>.info` takes branch names and hashes too, as
 * x/mod's EscapeVersion does): a file-name element of ASCII without `!`; undefined when fine.
 */
function versionProblem(version) {
    if (version.includes('!'))
        return 'exclamation mark in version';
    if (/[^\u0020-\u007e]/.test(version))
        return 'non-ASCII character in version';
    const problem = elementProblem(version, 'file');
    return problem === undefined ? undefined : `disallowed version string: ${problem}`;
}
/** Go's case-encoding of module paths and versions in URLs and the module cache: `Azure` is `!azure`. */
function escapeCase(text) {
    return text.replace(/[A-Z]/g, c => '!' + c.toLowerCase());
}
/**
 * Undoes go's case-encoding (`!a` is `A`); undefined where go's own decoder would refuse the text:
 * an upper-case letter, a non-ASCII character, or a `!` not followed by a lower-case letter.
 */
function module_path_unescapeCase(escaped) {
    let out = '';
    for (let i = 0; i < escaped.length; i++) {
        const c = escaped[i];
        if (c > '\u007f' || (c >= 'A' && c <= 'Z'))
            return undefined;
        if (c !== '!') {
            out += c;
            continue;
        }
        const next = escaped[i + 1];
        if (next === undefined || next < 'a' || next > 'z')
            return undefined;
        out += next.toUpperCase();
        i++;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/go/proxy-path.ts


/** A request for one module version's file of the given kind (`.zip`, `.mod` or `.info`). */
function asksFor(request, file) {
    return request?.kind === 'version' && request.file === file;
}
/**
 * Undoes go's case-encoding (`!a` is `A`); undefined where go's own decoder would refuse the text:
 * an upper-case letter, or a `!` not followed by a lower-case one.
 */
function decodeCase(escaped) {
    return unescapeCase(escaped);
}
const VERSION_FILE = /^(.+)\/@v\/(.+)\.(info|mod|zip)$/;
/**
 * Parses a request path relative to a proxy base (no leading slash), as it arrives on the wire: go
 * percent-encodes the `!` of its case-encoding, so the path is percent-decoded first, then case-decoded.
 */
function parseProxyPath(rawPath) {
    const path = percentDecode(rawPath);
    return path === undefined ? undefined : parseDecodedPath(path);
}
/**
 * What a request URL asks of a mirror, when the URL lies below the mirror's base. URLs are compared
 * parsed, as go prints them and as the user wrote them may differ: scheme and host in any case, a
 * default port or none, userinfo (go prints `user:xxxxx@`) or none, the path percent-encoded or not.
 */
function proxyRequestOf(url, base) {
    const rest = pathBelow(url, base);
    return rest === undefined ? undefined : parseDecodedPath(rest);
}
/** Whether a request URL lies below a mirror's base, compared as proxyRequestOf compares them. */
function isBelowBase(url, base) {
    return pathBelow(url, base) !== undefined;
}
/**
 * What tells mirrors apart: the base as proxyRequestOf compares it, without trailing slashes, and
 * the userinfo, which picks the account. Entries that are not URLs (`direct`, `off`) are their text.
 */
function mirrorKey(entry) {
    const place = locate(entry);
    if (!place)
        return entry;
    const { username, password } = new URL(entry);
    return `${place.origin}${place.path.replace(/\/+$/, '')} ${username}:${password}`;
}
/** The entries with each mirror kept once, where it first appears (`A, A/, B, b` is `A, B`). */
function distinctMirrors(entries) {
    const seen = new Set();
    return entries.filter(entry => {
        const key = mirrorKey(entry);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** The percent-decoded path of `url` below `base`, or undefined when it is elsewhere. */
function pathBelow(url, base) {
    const request = locate(url);
    const mirror = locate(base);
    if (!request || !mirror || request.origin !== mirror.origin)
        return undefined;
    const prefix = `${mirror.path.replace(/\/+$/, '')}/`;
    return request.path.startsWith(prefix) ? request.path.slice(prefix.length) : undefined;
}
/** A URL reduced to what names the place: scheme and host as the URL parser normalises them, and the decoded path. */
function locate(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return undefined;
    }
    const path = percentDecode(url.pathname);
    return path === undefined ? undefined : { origin: `${url.protocol}//${url.host}`, path };
}
function percentDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return undefined;
    }
}
/**
 * The request a decoded path makes, by the protocol's grammar: `<module>/@v/list`, `<module>/@latest`,
 * `<module>/@v/<version>.info|.mod|.zip` with the module path checked as go checks it (x/mod's
 * CheckPath) and the version too (canonical for .mod and .zip, as go asks for no other), and the
 * checksum database's own requests. Anything else is undefined: no other path is ever forwarded.
 */
function parseDecodedPath(path) {
    if (path.startsWith('sumdb/'))
        return parseSumdbPath(path.slice('sumdb/'.length));
    const module = (escaped) => {
        const decoded = module_path_unescapeCase(escaped);
        return decoded !== undefined && modulePathProblem(decoded) === undefined ? decoded : undefined;
    };
    if (path.endsWith('/@v/list')) {
        const found = module(path.slice(0, -'/@v/list'.length));
        return found ? { kind: 'list', module: found } : undefined;
    }
    if (path.endsWith('/@latest')) {
        const found = module(path.slice(0, -'/@latest'.length));
        return found ? { kind: 'latest', module: found } : undefined;
    }
    const match = VERSION_FILE.exec(path);
    if (!match)
        return undefined;
    const found = module(match[1]);
    const version = module_path_unescapeCase(match[2]);
    const file = match[3];
    if (!found || version === undefined || versionProblem(version) !== undefined)
        return undefined;
    if (file !== 'info' && !isCanonicalVersion(version))
        return undefined;
    return { kind: 'version', module: found, version, file };
}
/** What go asks of a checksum database through a proxy (x/mod's sumdb client and tlog tiles). */
const SUMDB_OPERATION = /^(.+?)\/(supported|latest|lookup\/.+|tile\/.+)$/;
/** A checksum database name as go allows it: a host, optionally with a port and a path. */
const SUMDB_NAME = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;
function parseSumdbPath(path) {
    const match = SUMDB_OPERATION.exec(path);
    if (!match)
        return undefined;
    const name = match[1];
    const operation = match[2];
    if (!SUMDB_NAME.test(name) || name.split('/').some(part => /^\.+$/.test(part) || part.endsWith('.')))
        return undefined;
    if (operation === 'supported' || operation === 'latest')
        return { kind: 'sumdb', name, rest: operation };
    if (operation.startsWith('lookup/')) {
        const rest = lookupOperation(operation.slice('lookup/'.length));
        return rest ? { kind: 'sumdb', name, rest } : undefined;
    }
    const tile = tilePath(operation);
    return tile ? { kind: 'sumdb', name, rest: tile } : undefined;
}
/** `lookup/<module>@<version>`, both case-encoded, for a valid module path and a canonical version. */
function lookupOperation(text) {
    const at = text.lastIndexOf('@');
    if (at < 0)
        return undefined;
    const module = module_path_unescapeCase(text.slice(0, at));
    const version = module_path_unescapeCase(text.slice(at + 1));
    if (module === undefined || modulePathProblem(module) !== undefined)
        return undefined;
    if (version === undefined || !isCanonicalVersion(version))
        return undefined;
    return `lookup/${escapeModulePath(module)}@${escapeModulePath(version)}`;
}
/** Tiles per level of a path element (tlog's pathBase). */
const TILE_BASE = 1000;
/**
 * A transparency-log tile path, `tile/<H>/<L>/<NNN>...[.p/<W>]` or `tile/<H>/data/...`, when it is
 * exactly how tlog spells that tile (so that no two spellings name one tile); undefined otherwise.
 */
function tilePath(text) {
    const parts = text.split('/');
    if (parts.length < 4 || parts[0] !== 'tile' || !/^\d{1,2}$/.test(parts[1]))
        return undefined;
    const height = Number(parts[1]);
    const level = parts[2];
    if (height < 1 || height > 30 || !(level === 'data' || /^\d{1,2}$/.test(level)))
        return undefined;
    let width = 2 ** height;
    let numbers = parts.slice(3);
    const last = numbers.at(-2);
    if (last?.endsWith('.p')) {
        const w = numbers.at(-1);
        if (!/^[1-9]\d{0,9}$/.test(w) || Number(w) >= width)
            return undefined;
        width = Number(w);
        numbers = [...numbers.slice(0, -2), last.slice(0, -'.p'.length)];
    }
    let index = 0n;
    for (const [i, element] of numbers.entries()) {
        const digits = i < numbers.length - 1 ? /^x(\d{3})$/.exec(element)?.[1] : /^(\d{3})$/.exec(element)?.[1];
        if (digits === undefined)
            return undefined;
        index = index * BigInt(TILE_BASE) + BigInt(digits);
    }
    const spelled = spellTile(height, level === 'data' ? 'data' : String(Number(level)), index, width);
    return spelled === text ? spelled : undefined;
}
function spellTile(height, level, index, width) {
    const base = BigInt(TILE_BASE);
    let path = String(index % base).padStart(3, '0');
    for (let n = index / base; n > 0n; n /= base)
        path = `x${String(n % base).padStart(3, '0')}/${path}`;
    return `tile/${height}/${level}/${path}${width === 2 ** height ? '' : `.p/${width}`}`;
}
/** The checksum database go consults through its proxies, from GOSUMDB as go reads it; undefined when none. */
function proxiedSumdb(gosumdb) {
    const value = (gosumdb ?? '').trim();
    // go turns this alias into a name with its own URL, which bypasses proxies.
    if (value === 'off' || value === 'sum.golang.google.cn')
        return undefined;
    const fields = value === '' ? ['sum.golang.org'] : value.split(/\s+/);
    // A URL after the key sends go to it directly, never through a proxy.
    if (fields.length !== 1)
        return undefined;
    const name = fields[0].split('+')[0];
    return SUMDB_NAME.test(name) ? name : undefined;
}
/**
 * The path below a mirror's base for a parsed request, rebuilt from its parts and spelled as go
 * spells it (case-encoded, then percent-encoded): what the relay asks a mirror for, never the text
 * it was sent.
 */
function upstreamPath(request) {
    switch (request.kind) {
        case 'version':
            return versionFilePath(request.module, request.version, request.file);
        case 'list':
            return `${escapedPath(request.module)}/@v/list`;
        case 'latest':
            return `${escapedPath(request.module)}/@latest`;
        case 'sumdb':
            return pathEscape(`sumdb/${request.name}/${request.rest}`);
    }
}
/** The path below a proxy base that asks for a version file, spelled as cmd/go spells it. */
function versionFilePath(module, version, file) {
    return `${escapedPath(module)}/@v/${escapedPath(version)}.${file}`;
}
/** A module path or version as it appears in a request URL: case-encoded, then percent-encoded like go. */
function escapedPath(text) {
    return pathEscape(escapeModulePath(text));
}
/** Go's url.PathEscape applied to each segment: `!` becomes `%21`, `+` and `@` stay as they are. */
function pathEscape(text) {
    return text
        .split('/')
        .map(segment => encodeURIComponent(segment).replace(/[!'()*]|%(?:24|26|2B|3A|3D|40)/g, escapeGo))
        .join('/');
}
function escapeGo(match) {
    return match.length === 1 ? `%${match.charCodeAt(0).toString(16).toUpperCase()}` : decodeURIComponent(match);
}
/** A short name for what a request is about, for people: `m@v .zip`, `m list`. */
function describeProxyRequest(request) {
    switch (request.kind) {
        case 'version':
            return `${request.module}@${request.version} .${request.file}`;
        case 'list':
            return `${request.module} version list`;
        case 'latest':
            return `${request.module}@latest`;
        case 'sumdb':
            return `checksum database ${request.name} ${request.rest}`;
    }
}

;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
// EXTERNAL MODULE: ./node_modules/http-proxy-agent/dist/index.js
var dist = __nccwpck_require__(970);
// EXTERNAL MODULE: ./node_modules/https-proxy-agent/dist/index.js
var https_proxy_agent_dist = __nccwpck_require__(669);
// EXTERNAL MODULE: ./node_modules/socks-proxy-agent/dist/index.js
var socks_proxy_agent_dist = __nccwpck_require__(357);
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/network/http-proxy.ts


/** The proxy settings go reads from `env`: of each pair, the first variable that is set and not empty. */
function httpProxySettings(env) {
    const first = (...names) => {
        for (const name of names) {
            const value = env[name];
            if (value)
                return [value, name];
        }
        return ['', undefined];
    };
    const [httpProxy, httpSource] = first('HTTP_PROXY', 'http_proxy');
    const [httpsProxy, httpsSource] = first('HTTPS_PROXY', 'https_proxy');
    const [noProxy, noSource] = first('NO_PROXY', 'no_proxy');
    return {
        httpProxy,
        httpsProxy,
        noProxy,
        cgi: (env.REQUEST_METHOD ?? '') !== '',
        sources: { httpProxy: httpSource, httpsProxy: httpsSource, noProxy: noSource }
    };
}
/** Decides, as go would, whether a request for `target` goes through a proxy and which one. */
function httpProxyFor(target, settings) {
    const scheme = target.protocol.replace(/:$/, '');
    let proxy;
    if (scheme === 'https')
        proxy = parseHttpProxy(settings.httpsProxy);
    else if (scheme === 'http') {
        proxy = parseHttpProxy(settings.httpProxy);
        if (proxy && settings.cgi) {
            return {
                error: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy'
            };
        }
    }
    if (!proxy)
        return {};
    const host = unbracket(target.hostname);
    const port = target.port || DEFAULT_PORTS[scheme] || '';
    return useHttpProxy(host, port, parseNoProxy(settings.noProxy)) ? { proxy } : {};
}
const DEFAULT_PORTS = { http: '80', https: '443', socks5: '1080' };
/** The default port of a proxy or mirror URL's scheme. */
function defaultPort(url) {
    return url.port || DEFAULT_PORTS[url.protocol.replace(/:$/, '')] || '';
}
/**
 * A proxy variable's URL. Like go, a value without a scheme go knows (`corp:3128`, `10.0.0.1:3128`)
 * is read as `http://` + value; a value that cannot be read at all means no proxy.
 */
function parseHttpProxy(value) {
    if (value === '')
        return undefined;
    let parsed;
    try {
        parsed = new URL(value);
    }
    catch {
        parsed = undefined;
    }
    if (!parsed || !['http:', 'https:', 'socks5:'].includes(parsed.protocol)) {
        try {
            return new URL(`http://${value}`);
        }
        catch {
            return parsed;
        }
    }
    return parsed;
}
/** NO_PROXY entries as go reads them: `*`, CIDRs, IPs and domains, each optionally with a port. */
function parseNoProxy(value) {
    const matchers = [];
    for (const raw of value.split(',')) {
        const entry = raw.trim().toLowerCase();
        if (entry === '')
            continue;
        if (entry === '*')
            return [{ kind: 'all' }];
        const cidr = parseCidr(entry);
        if (cidr) {
            matchers.push({ kind: 'cidr', ...cidr });
            continue;
        }
        let host = entry;
        let port = '';
        const split = splitHostPort(entry);
        if (split) {
            if (split.host === '')
                continue;
            host = split.host;
            port = split.port;
            if (host.startsWith('[') && host.endsWith(']'))
                host = host.slice(1, -1);
        }
        const ip = parseIp(host);
        if (ip) {
            matchers.push({ kind: 'ip', ip, port });
            continue;
        }
        if (host === '')
            continue;
        if (host.startsWith('*.'))
            host = host.slice(1);
        const matchHost = !host.startsWith('.');
        if (matchHost)
            host = `.${host}`;
        matchers.push({ kind: 'domain', suffix: asciiDomain(host), port, matchHost });
    }
    return matchers;
}
/** False when NO_PROXY, localhost or a loopback address keeps the request off the proxy. */
function useHttpProxy(hostname, port, matchers) {
    const host = asciiDomain(hostname.trim().toLowerCase());
    if (host === 'localhost')
        return false;
    const ip = parseIp(host);
    if (ip && isLoopback(ip))
        return false;
    for (const m of matchers) {
        if (m.kind === 'all')
            return false;
        if (ip && m.kind === 'cidr' && cidrContains(m.network, m.prefix, ip))
            return false;
        if (ip && m.kind === 'ip' && equalIp(m.ip, ip) && (m.port === '' || m.port === port))
            return false;
        if (m.kind === 'domain') {
            const hit = host.endsWith(m.suffix) || (m.matchHost && host === m.suffix.slice(1));
            if (hit && (m.port === '' || m.port === port))
                return false;
        }
    }
    return true;
}
function asciiDomain(host) {
    if ([...host].every(c => c.charCodeAt(0) < 0x80))
        return host;
    const dot = host.startsWith('.') ? '.' : '';
    const ascii = (0,external_node_url_namespaceObject.domainToASCII)(host.slice(dot.length));
    return ascii === '' ? host : dot + ascii;
}
/** A URL's hostname without the brackets of an IPv6 literal. */
function unbracket(host) {
    return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
/** Go's net.SplitHostPort: `host:port` or `[v6]:port`; undefined where go reports an error. */
function splitHostPort(value) {
    const colon = value.lastIndexOf(':');
    if (colon < 0)
        return undefined;
    let host;
    let from = 0;
    let after = 0;
    if (value.startsWith('[')) {
        const end = value.indexOf(']');
        if (end < 0 || end + 1 !== colon)
            return undefined;
        host = value.slice(1, end);
        from = 1;
        after = end + 1;
    }
    else {
        host = value.slice(0, colon);
        if (host.includes(':'))
            return undefined;
    }
    if (value.slice(from).includes('[') || value.slice(after).includes(']'))
        return undefined;
    return { host, port: value.slice(colon + 1) };
}
/** Go's net.ParseIP as 16 bytes (IPv4 in its IPv4-mapped form); undefined when not an IP literal. */
function parseIp(text) {
    if (text.includes('%'))
        return undefined;
    const family = (0,external_node_net_namespaceObject.isIP)(text);
    if (family === 4)
        return v4Mapped(text.split('.').map(Number));
    if (family !== 6)
        return undefined;
    let tail = [];
    let body = text;
    const lastColon = text.lastIndexOf(':');
    if (text.slice(lastColon + 1).includes('.')) {
        tail = text
            .slice(lastColon + 1)
            .split('.')
            .map(Number);
        body = text.slice(0, lastColon + 1) + '0:0';
    }
    const [head = '', rest] = body.split('::');
    const groups = (part) => (part === '' ? [] : part.split(':').map(g => parseInt(g, 16)));
    const left = groups(head);
    const right = rest === undefined ? [] : groups(rest);
    const words = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
    const bytes = new Uint8Array(16);
    words.forEach((w, i) => {
        bytes[i * 2] = w >> 8;
        bytes[i * 2 + 1] = w & 0xff;
    });
    if (tail.length === 4)
        bytes.set(tail, 12);
    return bytes;
}
function v4Mapped(octets) {
    const bytes = new Uint8Array(16);
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    bytes.set(octets, 12);
    return bytes;
}
function isV4(ip) {
    return ip.slice(0, 10).every(b => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
}
function isLoopback(ip) {
    if (isV4(ip))
        return ip[12] === 127;
    return ip.slice(0, 15).every(b => b === 0) && ip[15] === 1;
}
function equalIp(a, b) {
    return a.every((byte, i) => byte === b[i]);
}
/** Go's net.ParseCIDR; an IPv4 network keeps its prefix counted over the 4 IPv4 bytes. */
function parseCidr(text) {
    const slash = text.indexOf('/');
    if (slash < 0)
        return undefined;
    const ip = parseIp(text.slice(0, slash));
    const bits = text.slice(slash + 1);
    if (!ip || !/^\d{1,3}$/.test(bits))
        return undefined;
    const v4 = isV4(ip) && (0,external_node_net_namespaceObject.isIP)(text.slice(0, slash)) === 4;
    const prefix = Number(bits);
    if (prefix > (v4 ? 32 : 128))
        return undefined;
    return { network: ip, prefix: v4 ? prefix + 96 : prefix };
}
function cidrContains(network, prefix, ip) {
    // An IPv4 network holds only IPv4 addresses and an IPv6 network only IPv6 ones, as in go.
    if (prefix >= 96 && isV4(network) !== isV4(ip))
        return false;
    if (prefix < 96 && isV4(ip))
        return false;
    for (let bit = 0; bit < prefix; bit++) {
        const mask = 0x80 >> (bit % 8);
        const byte = Math.floor(bit / 8);
        if (((network[byte] ?? 0) & mask) !== ((ip[byte] ?? 0) & mask))
            return false;
    }
    return true;
}

;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");
var external_node_tls_default = /*#__PURE__*/__nccwpck_require__.n(external_node_tls_namespaceObject);
;// CONCATENATED MODULE: ./src/network/trust.ts



const PEM = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;
/** The PEM certificates in a file; none when it cannot be read. */
function certificatesIn(file) {
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8').match(PEM) ?? [];
    }
    catch {
        return [];
    }
}
/** The files in SSL_CERT_DIR's directories (separated as PATH is), as go on Unix reads them. */
function filesIn(dirs) {
    return dirs
        .split((external_node_path_default()).delimiter)
        .filter(dir => dir !== '')
        .flatMap(dir => {
        try {
            return (0,external_node_fs_namespaceObject.readdirSync)(dir).map(name => external_node_path_default().join(dir, name));
        }
        catch {
            return [];
        }
    });
}
/**
 * One TLS context with those certificates for every connection of the process (probes and relay):
 * building one parses them all, 11 to 13 ms for node's and the system's. Undefined when node's own
 * store is all there is, which node shares between its connections itself.
 */
function trustedContext(env) {
    const key = trustKey(env);
    if (!contexts.has(key)) {
        const ca = trustedCertificates(env);
        contexts.set(key, ca ? (0,external_node_tls_namespaceObject.createSecureContext)({ ca }) : undefined);
    }
    return contexts.get(key);
}
const contexts = new Map();
/** The TLS context of `ca` when a caller gives its own list (built once per list), else `trustedContext`. */
function contextFor(env, ca) {
    if (!ca)
        return trustedContext(env);
    let made = given.get(ca);
    if (!made)
        given.set(ca, (made = (0,external_node_tls_namespaceObject.createSecureContext)({ ca })));
    return made;
}
const given = new WeakMap();
/** What decides the trusted certificates beyond the system's and node's own. */
function trustKey(env) {
    return `${env.SSL_CERT_FILE ?? ''}\0${env.SSL_CERT_DIR ?? ''}`;
}
/**
 * The certificates go would trust, as near as node gets: the system store where node can read it
 * (node 22.15 and later), node's own, and SSL_CERT_FILE and SSL_CERT_DIR, which go also reads.
 * Read each time: `trustedContext` keeps what the process needs.
 */
function trustedCertificates(env) {
    const read = (external_node_tls_default()).getCACertificates;
    const system = read
        ? (() => {
            try {
                return read('system');
            }
            catch {
                return [];
            }
        })()
        : [];
    const fromFile = [
        ...(env.SSL_CERT_FILE ? certificatesIn(env.SSL_CERT_FILE) : []),
        ...(env.SSL_CERT_DIR ? filesIn(env.SSL_CERT_DIR).flatMap(certificatesIn) : [])
    ];
    if (system.length === 0 && fromFile.length === 0)
        return undefined;
    const bundled = read ? read('default') : [...(external_node_tls_default()).rootCertificates];
    return [...new Set([...bundled, ...system, ...fromFile])];
}

;// CONCATENATED MODULE: ./src/network/agents.ts
/**
 * Connection pools for the action's own HTTP requests (the relay's to its mirrors, the Go download's):
 * through the HTTP proxy go would use for each URL, trusting what go trusts, kept alive.
 */







/** Pools per HTTP proxy and scheme for the requests of one part of the action, with go's proxy and trust settings in `env`. */
function connectionPools(env, options) {
    const settings = httpProxySettings(env);
    const made = new Map();
    const pool = {
        keepAlive: true,
        maxSockets: options.connections,
        maxFreeSockets: options.connections,
        timeout: 60_000
    };
    // One context for every connection: handing each one the certificates would parse them all again.
    let context;
    const tls = () => {
        if (!context) {
            // Read only once an https URL comes: plain http mirrors never need the store.
            const secureContext = contextFor(env, options.ca);
            context = secureContext ? { secureContext } : {};
        }
        return context;
    };
    return {
        forUrl(url) {
            const choice = httpProxyFor(url, settings);
            const secure = url.protocol === 'https:';
            const key = `${choice.proxy?.href ?? ''}>${url.protocol}`;
            let agent = made.get(key);
            if (!agent) {
                const proxy = choice.proxy;
                if (!proxy)
                    agent = secure ? new (external_node_https_default()).Agent({ ...pool, ...tls() }) : new (external_node_http_default()).Agent(pool);
                else if (proxy.protocol.startsWith('socks'))
                    agent = new socks_proxy_agent_dist.SocksProxyAgent(proxy, { ...pool, ...tls() });
                else if (secure)
                    agent = new https_proxy_agent_dist.HttpsProxyAgent(proxy, { ...pool, ...tls() });
                else
                    agent = new dist.HttpProxyAgent(proxy, pool);
                made.set(key, agent);
            }
            return agent;
        },
        close() {
            for (const agent of made.values())
                agent.destroy();
            made.clear();
        }
    };
}
/** How long a connection may take before the request fails as go's dial would, with an i/o timeout. */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * One GET with node's client; resolves at the response headers, rejects on any error before them. Any of
 * `signals` ending destroys the request, as node's `signal` option would, through one plain listener each:
 * that option and `AbortSignal.any` cost more than the rest of a request to a mirror nearby.
 */
function sendGet(url, opts) {
    const connectMs = opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const ended = opts.signals.find(signal => signal.aborted);
    if (ended)
        return Promise.reject(abortError(ended.reason));
    return new Promise((resolve, reject) => {
        const client = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
        const request = client.get(url, { headers: opts.headers, agent: opts.agent }, resolve);
        const abort = (event) => {
            request.destroy(abortError(event.target.reason));
        };
        for (const signal of opts.signals)
            signal.addEventListener('abort', abort, { once: true });
        request.once('close', () => {
            for (const signal of opts.signals)
                signal.removeEventListener('abort', abort);
        });
        request.on('error', reject);
        request.on('socket', socket => {
            if (!socket.connecting)
                return;
            const timer = setTimeout(() => request.destroy(Object.assign(new Error('i/o timeout'), { code: 'ETIMEDOUT' })), connectMs);
            socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(timer));
            socket.once('close', () => clearTimeout(timer));
        });
    });
}
/** The error node's own `signal` option destroys a request with. */
function abortError(reason) {
    return Object.assign(new Error('The operation was aborted', { cause: reason }), {
        name: 'AbortError',
        code: 'ABORT_ERR'
    });
}

;// CONCATENATED MODULE: ./src/policy/clock.ts
const realClock = {
    now: () => Date.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    random: () => Math.random()
};

;// CONCATENATED MODULE: ./src/security/redact.ts
// The authority ends at the first '/', '?' or '#'; the userinfo ends at its last '@' (passwords may hold a raw '@').
const userinfoInUrl = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>`]*@/gi;
/**
 * The URL with any `user:password@` replaced by `***@`. Works on free text too (a go message, a GOPROXY
 * list): every URL in it is redacted and the rest is left as it is.
 */
function redactUrl(url) {
    return url.replace(userinfoInUrl, '$1***@');
}
/** A mirror entry or HTTP proxy value with its credentials hidden, also in the scheme-less `user:pass@host` form. */
function redactEntry(value) {
    if (value.includes('://'))
        return redactUrl(value);
    return value.replace(/^[^/?#]*@/, '***@');
}
/** A deep copy of a JSON-like value with the userinfo of every URL in every string redacted. */
function redactDeep(value) {
    return JSON.parse(JSON.stringify(value), (_key, field) => typeof field === 'string' ? redactUrl(field) : field);
}
/**
 * Every form of the credentials in a URL that could reach a log line, for masking: the password (or,
 * with no password, the user name, which is then the token), the whole userinfo, each as written,
 * percent-decoded and re-encoded, and the Basic credential built from them. Forms under 3 characters
 * are left out: masking them would blank out ordinary text all over the log.
 */
function urlSecrets(value) {
    const written = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(value)?.[1];
    if (written === undefined || written === '')
        return [];
    const colon = written.indexOf(':');
    const secret = colon < 0 ? written : written.slice(colon + 1);
    const forms = [...spellings(secret), ...spellings(written)];
    try {
        // The WHATWG parser re-encodes userinfo its own way, and node prints URLs in that form.
        const url = new URL(value);
        forms.push(...(colon < 0 ? [url.username] : [url.password, `${url.username}:${url.password}`]));
    }
    catch {
        // Not a URL node can parse: the forms as written are all there is.
    }
    const basic = Buffer.from(decodeOrKeep(colon < 0 ? `${written}:` : written)).toString('base64');
    forms.push(basic, `Basic ${basic}`);
    return [...new Set(forms)].filter(form => form.length >= 3);
}
function spellings(text) {
    const decoded = decodeOrKeep(text);
    const encoded = decoded
        .split(':')
        .map(part => encodeURIComponent(part))
        .join(':');
    return [text, decoded, encoded];
}
function decodeOrKeep(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * A GOPROXY entry as shown to people: credentials hidden, and on a loopback host the whole path too,
 * since a module proxy on loopback (the action's own relay, say) keeps its secret in the path.
 */
function redactMirror(entry) {
    const shown = redactUrl(entry);
    let url;
    try {
        url = new URL(entry);
    }
    catch {
        return shown;
    }
    if (!/^https?:$/.test(url.protocol) || !isLoopbackHost(url.hostname) || /^\/?$/.test(url.pathname))
        return shown;
    const userinfo = url.username !== '' || url.password !== '' ? '***@' : '';
    return `${url.protocol}//${userinfo}${url.host}/***`;
}
/** A GOPROXY list (`,` and `|` separated) with every entry shown as redactMirror shows it. */
function redactGoproxy(list) {
    return list
        .split(/([,|])/)
        .map(part => (part === ',' || part === '|' ? part : redactMirror(part)))
        .join('');
}
function isLoopbackHost(host) {
    return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

;// CONCATENATED MODULE: ./src/relay/credentials.ts




/** Parses a netrc file as cmd/go reads it (machine, login, password; `default` and macdef ignored). */
function parseNetrc(text) {
    const tokens = text.split(/\s+/).filter(t => t !== '');
    const entries = [];
    let current;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token === 'machine') {
            current = { machine: tokens[++i] ?? '', login: '', password: '' };
            entries.push(current);
        }
        else if (token === 'default' || token === 'macdef') {
            // go stops at a default entry and skips macro definitions.
            current = undefined;
            if (token === 'default')
                break;
        }
        else if (current && token === 'login')
            current.login = tokens[++i] ?? '';
        else if (current && token === 'password')
            current.password = tokens[++i] ?? '';
    }
    return entries.filter(e => e.machine !== '' && e.login !== '');
}
/** The netrc go would read: $NETRC, else ~/.netrc (on Windows ~/_netrc first). */
function readNetrc(env, platform = process.platform) {
    const home = env.HOME || env.USERPROFILE || external_node_os_default().homedir();
    const candidates = env.NETRC
        ? [env.NETRC]
        : platform === 'win32'
            ? [external_node_path_default().join(home, '_netrc'), external_node_path_default().join(home, '.netrc')]
            : [external_node_path_default().join(home, '.netrc')];
    for (const file of candidates) {
        try {
            return parseNetrc((0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8'));
        }
        catch {
            // No netrc there.
        }
    }
    return [];
}
/**
 * A mirror entry as the relay reaches it: credentials from the URL's userinfo (or, for https, the
 * netrc) become a Basic header for that origin, and the URL keeps none.
 */
function mirrorEndpoint(value, netrc) {
    const label = redactMirror(value);
    const url = new URL(value);
    if (url.protocol === 'file:') {
        if (!url.pathname.endsWith('/'))
            url.pathname = `${url.pathname}/`;
        return { value, label, kind: 'file', base: url };
    }
    let authorization;
    if (url.username !== '' || url.password !== '') {
        const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
        authorization = `Basic ${Buffer.from(user).toString('base64')}`;
    }
    else if (url.protocol === 'https:') {
        const entry = netrc.find(e => e.machine === url.hostname);
        if (entry)
            authorization = `Basic ${Buffer.from(`${entry.login}:${entry.password}`).toString('base64')}`;
    }
    url.username = '';
    url.password = '';
    if (!url.pathname.endsWith('/'))
        url.pathname = `${url.pathname}/`;
    url.search = '';
    url.hash = '';
    return { value, label, kind: 'http', base: url, authorization };
}
/** Every form of a mirror's credentials that could reach a log line, for masking. */
function credentialForms(endpoint) {
    if (!endpoint.authorization)
        return [];
    const encoded = endpoint.authorization.slice('Basic '.length);
    const plain = Buffer.from(encoded, 'base64').toString('utf8');
    const password = plain.slice(plain.indexOf(':') + 1);
    return [endpoint.authorization, encoded, password, encodeURIComponent(password)].filter(f => f.length >= 3);
}

;// CONCATENATED MODULE: ./src/relay/health.ts
/**
 * A circuit breaker per mirror, after Envoy's consecutive-failure ejection: a few connection, DNS,
 * TLS or stall failures in a row open it, and the mirror is skipped for a cool-down that grows with
 * each trip; then one request is let through (half-open) and its outcome closes or reopens it.
 */
class Breaker {
    threshold;
    coolDownMs;
    maxCoolDownMs;
    trips = 0;
    consecutive = 0;
    openUntil = 0;
    trial = false;
    constructor(threshold = 3, coolDownMs = 30_000, maxCoolDownMs = 300_000) {
        this.threshold = threshold;
        this.coolDownMs = coolDownMs;
        this.maxCoolDownMs = maxCoolDownMs;
    }
    /** Whether a request may go to the mirror now; a half-open breaker lets one through at a time. */
    allows(now) {
        if (this.openUntil === 0)
            return true;
        if (now < this.openUntil || this.trial)
            return false;
        this.trial = true;
        return true;
    }
    isOpen(now) {
        return this.openUntil !== 0 && (now < this.openUntil || this.trial);
    }
    success() {
        this.consecutive = 0;
        this.openUntil = 0;
        this.trial = false;
    }
    /** A failure that says the mirror itself is unwell; returns true when this one opened the breaker. */
    failure(now) {
        this.consecutive++;
        const reopen = this.trial;
        this.trial = false;
        if (!reopen && (this.openUntil !== 0 || this.consecutive < this.threshold))
            return false;
        this.trips++;
        this.openUntil = now + Math.min(this.maxCoolDownMs, this.coolDownMs * this.trips);
        return true;
    }
}
/** Files a down mirror is remembered to have left unanswered, at most: a bound for a relay that runs for days. */
const MAX_UNANSWERED_FILES = 10_000;
/**
 * The relay's rule for a down mirror, kept here in one place (what a request does on a down mirror,
 * as after any failure, is policy/decisions.ts `MIRROR_RULES` and `decideRequest`). A mirror is down
 * when the probe heard nothing from it, or when a request to it has gone unanswered past one hedge
 * delay and it has answered nothing (no status at all) since the relay started. A down mirror is
 * asked only after every other mirror; once another mirror was asked, it is no hedge's target and is
 * waited for one hedge delay at most, so silence costs the step one hedge delay, not a stall window
 * per request. Only silence makes a mirror down: one that answered anything, however
 * slowly, keeps the full stall window. While it is down, a request goes to it in the background now
 * and then (half-open: at once, then after `retryMs`, doubling up to `maxRetryMs`), with the full stall
 * window; any answer ends the downtime. A file it left unanswered while down is not asked of it again
 * until then.
 */
class Liveness {
    retryMs;
    maxRetryMs;
    heard = false;
    down = false;
    unansweredFiles = new Set();
    trialAt = 0;
    failedTrials = 0;
    trialBusy = false;
    constructor(retryMs = 30_000, maxRetryMs = 300_000) {
        this.retryMs = retryMs;
        this.maxRetryMs = maxRetryMs;
    }
    isDown() {
        return this.down;
    }
    /** The probe's verdict; returns true when it made the mirror down. What the relay heard itself counts more. */
    probed(verdict, now) {
        if (verdict === 'answered') {
            this.heard = true;
            return false;
        }
        return !this.heard && this.goDown(now);
    }
    /** Any answer from the mirror, whatever its status; returns true when it ended a downtime. */
    answered() {
        this.heard = true;
        const was = this.down;
        this.down = false;
        this.unansweredFiles.clear();
        return was;
    }
    /** A request for the file went unanswered while the mirror was down. */
    unanswered(file) {
        if (this.down && this.unansweredFiles.size < MAX_UNANSWERED_FILES)
            this.unansweredFiles.add(file);
    }
    /** Whether the mirror, still down, already left the file unanswered: then it is not asked again. */
    leftUnanswered(file) {
        return this.down && this.unansweredFiles.has(file);
    }
    /** A request to the mirror has had no answer for `quietMs`; returns true when this made the mirror down. */
    quiet(quietMs, hedgeMs, now) {
        if (this.heard || quietMs < hedgeMs)
            return false;
        return this.goDown(now);
    }
    /**
     * How long a request may wait for the mirror's answer: one hedge delay when it is down and another
     * mirror was asked first, the stall window otherwise (the last mirror standing is waited for).
     */
    patienceMs(stallMs, hedgeMs, askedElsewhere) {
        return this.down && askedElsewhere ? Math.min(stallMs, hedgeMs) : stallMs;
    }
    /**
     * The wait before the next background request, taking its turn; undefined when the mirror is not
     * down or one is already waiting or under way.
     */
    claimTrial(now) {
        if (!this.down || this.trialBusy)
            return undefined;
        this.trialBusy = true;
        return Math.max(0, this.trialAt - now);
    }
    /** The background request ended; without an answer the next one waits twice as long. */
    trialDone(answered, now) {
        this.trialBusy = false;
        if (answered || !this.down)
            return;
        this.failedTrials++;
        this.trialAt = now + Math.min(this.maxRetryMs, this.retryMs * 2 ** (this.failedTrials - 1));
    }
    goDown(now) {
        if (this.down)
            return false;
        this.down = true;
        this.failedTrials = 0;
        this.trialAt = now;
        return true;
    }
}
/**
 * A retry budget per mirror (a token bucket, as in gRPC's throttling and Brooker's retry buckets, set
 * for the failure rates a flaky mirror really has): every answered request adds a token and every retry
 * or hedge takes half of one. A mirror keeps its retries while it needs at most about two per success;
 * one that fails most requests runs dry and gets only first tries.
 */
class RetryBudget {
    max;
    cost;
    tokens;
    constructor(max = 100, initial = 20, cost = 0.5) {
        this.max = max;
        this.cost = cost;
        this.tokens = initial;
    }
    answered() {
        this.tokens = Math.min(this.max, this.tokens + 1);
    }
    /** Takes the price of a retry or a hedge; false when the budget is spent. */
    take() {
        if (this.tokens < this.cost)
            return false;
        this.tokens -= this.cost;
        return true;
    }
}
/** Recent latencies of one mirror, for the hedge deadline and the report's percentiles. */
class Latencies {
    recentSize;
    keep;
    recent = [];
    all = [];
    /** The recent latencies in order, kept as they come and go: the hedge clock asks for them on every request. */
    recentSorted = [];
    constructor(recentSize = 200, keep = 20_000) {
        this.recentSize = recentSize;
        this.keep = keep;
    }
    add(ms) {
        this.recent.push(ms);
        this.recentSorted.splice(insertionPoint(this.recentSorted, ms), 0, ms);
        if (this.recent.length > this.recentSize) {
            const gone = this.recent.shift();
            this.recentSorted.splice(insertionPoint(this.recentSorted, gone) - 1, 1);
        }
        if (this.all.length < this.keep)
            this.all.push(ms);
    }
    /** The p-th percentile (0 to 100) of recent latencies, or undefined before any. */
    recentPercentile(p) {
        return rank(this.recentSorted, p);
    }
    percentile(p) {
        return percentile(this.all, p);
    }
}
/** Where `value` goes in `sorted` to stay sorted: after every element equal to it. */
function insertionPoint(sorted, value) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (sorted[mid] <= value)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}
function percentile(values, p) {
    return rank([...values].sort((a, b) => a - b), p);
}
/** The p-th percentile of values already sorted. */
function rank(sorted, p) {
    if (sorted.length === 0)
        return undefined;
    const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[index];
}
/** At most `limit` holders at once; the rest wait in order, urgent ones (go's own requests) first. */
class Semaphore {
    limit;
    active = 0;
    urgent = [];
    waiting = [];
    constructor(limit) {
        this.limit = limit;
    }
    /** A slot, once one is free; a waiter whose signal aborts leaves the queue and gets none (a no-op release). */
    async acquire(urgent = false, signal) {
        if (signal?.aborted)
            return () => undefined;
        if (this.active >= this.limit) {
            const queue = urgent ? this.urgent : this.waiting;
            const granted = await new Promise(resolve => {
                const grant = () => {
                    signal?.removeEventListener('abort', leave);
                    resolve(true);
                };
                const leave = () => {
                    const at = queue.indexOf(grant);
                    if (at >= 0)
                        queue.splice(at, 1);
                    resolve(false);
                };
                queue.push(grant);
                signal?.addEventListener('abort', leave, { once: true });
            });
            if (!granted)
                return () => undefined;
        }
        else
            this.active++;
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            const next = this.urgent.shift() ?? this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        };
    }
}
/** One mirror and its health, as the relay sees it. */
class MirrorState {
    endpoint;
    breaker = new Breaker();
    budget = new RetryBudget();
    latencies = new Latencies();
    liveness;
    slots;
    suspect;
    /** Why the mirror's own setup makes it useless (a redirect loop, say): skipped for the rest of the run. */
    misconfigured;
    stats;
    constructor(endpoint, concurrency, suspect, downRetryMs = 30_000) {
        this.endpoint = endpoint;
        this.liveness = new Liveness(downRetryMs, 10 * downRetryMs);
        this.slots = new Semaphore(concurrency);
        this.suspect = suspect;
        this.stats = emptyMirrorStats(endpoint.label);
    }
    /** One more failure of the class in the mirror's tally. */
    countFailure(failureClass) {
        this.stats.failuresByClass[failureClass] = (this.stats.failuresByClass[failureClass] ?? 0) + 1;
    }
}
/** A mirror's counters before its first request. */
function emptyMirrorStats(mirror) {
    return {
        mirror,
        requests: 0,
        ok: 0,
        retries: 0,
        hedges: 0,
        hedgesWon: 0,
        breakerTrips: 0,
        bytes: 0,
        failuresByClass: {},
        answered: false
    };
}

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
var external_node_zlib_default = /*#__PURE__*/__nccwpck_require__.n(external_node_zlib_namespaceObject);
;// CONCATENATED MODULE: ./src/go/zip-inflate.ts
/** The inflater: self-contained, so keep every helper inside it. */
function zipInflater(z) {
    const OUTPUT_BYTES = 128 * 1024;
    const output = Buffer.allocUnsafe(OUTPUT_BYTES);
    const NOTHING = Buffer.alloc(0);
    const { Z_FINISH, Z_NO_FLUSH } = z.constants;
    /** A zlib stream's handle and its write state; undefined when this Node has none of that shape. */
    function driven() {
        const stream = z.createInflateRaw();
        const handle = stream._handle;
        const state = stream._writeState;
        if (typeof handle?.writeSync !== 'function' || typeof handle.reset !== 'function')
            return undefined;
        if (!ArrayBuffer.isView(state) || state.length < 2)
            return undefined;
        let failure;
        // In place of the stream's handler, which would destroy the stream: the failure is thrown instead.
        handle.onerror = message => void (failure = String(message));
        return { handle, state, failure: () => failure };
    }
    let stream;
    /** Runs `input` through the stream until it is used up or the stream ends, or, on `finish`, flushes it. */
    function write(input, flush, out) {
        const { handle, state, failure } = stream;
        let at = 0;
        for (;;) {
            handle.writeSync(flush, input, at, input.length - at, output, 0, OUTPUT_BYTES);
            const failed = failure();
            if (failed !== undefined)
                throw new Error(`an entry that does not inflate (${failed})`);
            const outLeft = state[0];
            if (outLeft < OUTPUT_BYTES)
                out(output.subarray(0, OUTPUT_BYTES - outLeft));
            at = input.length - state[1];
            // Room left in the output: the input is used up, or the stream has ended.
            if (outLeft > 0)
                return;
        }
    }
    function throughHandle(pieces, _most, out) {
        stream ??= driven();
        try {
            for (const piece of pieces)
                write(piece, Z_NO_FLUSH, out);
            write(NOTHING, Z_FINISH, out);
            stream?.handle.reset();
        }
        catch (error) {
            // A stream left part way (a failure, or `out` refusing more) is no start for the next entry.
            stream = undefined;
            throw error;
        }
    }
    function perCall(pieces, most, out) {
        // Copied as they come: a piece may be overwritten by the next.
        const copies = [];
        for (const piece of pieces)
            copies.push(Buffer.from(piece));
        const packed = Buffer.concat(copies);
        out(z.inflateRawSync(packed, { maxOutputLength: Math.max(1, most) }));
    }
    // Checked once on something known: an answer that differs means the handle is not what it was.
    const works = (() => {
        try {
            stream = driven();
            if (!stream)
                return false;
            const text = Buffer.from('package zip\n'.repeat(64));
            const got = [];
            throughHandle([z.deflateRawSync(text)], text.length, chunk => void got.push(Buffer.from(chunk)));
            return Buffer.concat(got).equals(text);
        }
        catch {
            return false;
        }
    })();
    return works ? { inflate: throughHandle, kind: 'handle' } : { inflate: perCall, kind: 'per call' };
}

;// CONCATENATED MODULE: ./src/go/zip-layout.ts
/**
 * Where a zip's entries are, read as archive/zip reads them: the end records (zip64 when the plain one
 * overflows), the central directory, and each entry's local header. `zipLayout` runs in the hashing
 * threads from its own source text (see zip-hash.ts), so it uses nothing but globals.
 */
/** The layout reader: self-contained, so keep every helper inside it. */
function zipLayout() {
    const EOCD = 0x06054b50;
    const EOCD64 = 0x06064b50;
    const LOCATOR64 = 0x07064b50;
    const CENTRAL = 0x02014b50;
    const LOCAL = 0x04034b50;
    function big(value) {
        if (value > BigInt(Number.MAX_SAFE_INTEGER))
            throw new Error('a zip64 field out of range');
        return Number(value);
    }
    /** The central directory's place and size, from the end records (zip64 when the plain one overflows). */
    function directory(read, size) {
        const tailLength = Math.min(size, 22 + 65535);
        const tail = read(size - tailLength, tailLength);
        let at = -1;
        for (let i = tail.length - 22; i >= 0; i--) {
            if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
                at = i;
                break;
            }
        }
        if (at < 0)
            throw new Error('no end of central directory');
        const eocdOffset = size - tailLength + at;
        let count = tail.readUInt16LE(at + 10);
        let cdSize = tail.readUInt32LE(at + 12);
        let cdOffset = tail.readUInt32LE(at + 16);
        if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
            if (eocdOffset < 20)
                throw new Error('no zip64 end of central directory');
            const locator = read(eocdOffset - 20, 20);
            if (locator.readUInt32LE(0) !== LOCATOR64)
                throw new Error('no zip64 end of central directory');
            const record = read(big(locator.readBigUInt64LE(8)), 56);
            if (record.length < 56 || record.readUInt32LE(0) !== EOCD64)
                throw new Error('a bad zip64 end of central directory');
            count = big(record.readBigUInt64LE(32));
            cdSize = big(record.readBigUInt64LE(40));
            cdOffset = big(record.readBigUInt64LE(48));
        }
        // Data before the zip moves every offset, as archive/zip allows.
        const base = eocdOffset - cdSize - cdOffset;
        if (base < 0)
            throw new Error('a central directory that does not fit');
        return { count, cdSize, cdOffset, base };
    }
    function entries(read, size) {
        const dir = directory(read, size);
        let base = dir.base;
        let cd = read(dir.cdOffset + base, dir.cdSize);
        if (base > 0 && (cd.length < 4 || cd.readUInt32LE(0) !== CENTRAL)) {
            base = 0;
            cd = read(dir.cdOffset, dir.cdSize);
        }
        const list = [];
        let p = 0;
        while (p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL) {
            const nameLength = cd.readUInt16LE(p + 28);
            const extraLength = cd.readUInt16LE(p + 30);
            const commentLength = cd.readUInt16LE(p + 32);
            if (p + 46 + nameLength + extraLength + commentLength > cd.length)
                throw new Error('a central directory entry that runs past its end');
            const entry = {
                name: Buffer.from(cd.subarray(p + 46, p + 46 + nameLength)),
                flags: cd.readUInt16LE(p + 8),
                method: cd.readUInt16LE(p + 10),
                crc: cd.readUInt32LE(p + 16),
                packed: cd.readUInt32LE(p + 20),
                size: cd.readUInt32LE(p + 24),
                header: cd.readUInt32LE(p + 42)
            };
            const wantSize = entry.size === 0xffffffff;
            const wantPacked = entry.packed === 0xffffffff;
            const wantHeader = entry.header === 0xffffffff;
            let e = p + 46 + nameLength;
            const extraEnd = e + extraLength;
            while (e + 4 <= extraEnd) {
                const id = cd.readUInt16LE(e);
                const length = cd.readUInt16LE(e + 2);
                let f = e + 4;
                const end = f + length;
                if (end > extraEnd)
                    break;
                if (id === 0x0001) {
                    if (wantSize && f + 8 <= end) {
                        entry.size = big(cd.readBigUInt64LE(f));
                        f += 8;
                    }
                    if (wantPacked && f + 8 <= end) {
                        entry.packed = big(cd.readBigUInt64LE(f));
                        f += 8;
                    }
                    if (wantHeader && f + 8 <= end)
                        entry.header = big(cd.readBigUInt64LE(f));
                }
                e = end;
            }
            entry.header += base;
            list.push(entry);
            p += 46 + nameLength + extraLength + commentLength;
        }
        // archive/zip compares the counts as 16-bit numbers.
        if ((list.length & 0xffff) !== (dir.count & 0xffff))
            throw new Error('a short central directory');
        return list;
    }
    /** Where an entry's packed bytes start, from its local header. */
    function dataStart(header, at) {
        if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
            throw new Error('a bad local file header');
        return at + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    }
    return { entries, dataStart };
}

;// CONCATENATED MODULE: ./src/go/zip-hash.ts
/**
 * The h1 of a module zip as go computes it (x/mod dirhash.HashZip over archive/zip): every entry of the
 * central directory, directories included, by its decompressed content.
 *
 * The hashing threads run this code from its source text: `zipHashing`, `zipLayout` (zip-layout.ts) and
 * `zipInflater` (zip-inflate.ts) are each self-contained, use only what they are handed, and are put
 * together in ZIP_HASHING_SOURCE for a thread and in `localZipHashing` for this one.
 */





/** The code of the error a zip that unpacks past `unzippedBytes` fails with. */
const UNZIP_OVER_LIMIT = 'UNZIP_OVER_LIMIT';
/** cmd/go's limit (x/mod/zip) on a zip, and on all it unpacks to: 500 MiB each. */
const MAX_ZIP_BYTES = 500 * 1024 * 1024;
/** The hashing code: self-contained (see the file's comment), so keep every helper inside it. */
function zipHashing(deps) {
    // MAX_ZIP_BYTES, spelt out: this code runs in the hashing threads from its source text.
    const LIMIT = 500 * 1024 * 1024;
    const { layout, inflater } = deps;
    // Buffers reused from zip to zip, so that hashing leaves no garbage behind: the whole zip when it is
    // small enough, a piece of an entry otherwise. Hashing is synchronous, so one zip at a time uses them.
    let whole = Buffer.allocUnsafe(0);
    let piece = Buffer.allocUnsafe(0);
    /** Reads up to `length` bytes at `position` (fewer at the end of the file) into `into`. */
    function readInto(fd, into, position, length) {
        let done = 0;
        while (done < length) {
            const n = deps.fs.readSync(fd, into, done, length - done, position + done);
            if (n === 0)
                break;
            done += n;
        }
        return into.subarray(0, done);
    }
    /** An entry's packed bytes, from the file `readBytes` at a time into the reused piece. */
    function* packedPieces(fd, entry, start, readBytes) {
        const most = Math.max(1, readBytes);
        if (piece.length < most)
            piece = Buffer.allocUnsafe(most);
        let done = 0;
        do {
            const length = Math.min(most, entry.packed - done);
            const input = readInto(fd, piece, start + done, length);
            if (input.length !== length)
                throw new Error('an entry that runs past the end of the zip');
            done += length;
            yield input;
        } while (done < entry.packed);
    }
    /** Checks a zip's entries before any is read: what archive/zip refuses, and what the caller allows. */
    function check(list, memory) {
        let unzipped = 0;
        for (const entry of list) {
            if (entry.name.includes(0x0a))
                throw new Error('an entry name with a newline');
            if (entry.flags & 0x1)
                throw new Error('an encrypted entry');
            if (entry.method !== 0 && entry.method !== 8)
                throw new Error(`an entry compressed with method ${entry.method}`);
            // A directory: empty, and archive/zip refuses to read one that claims content.
            if (entry.name[entry.name.length - 1] === 0x2f && entry.size !== 0)
                throw new Error('a directory entry with content');
            unzipped += entry.size;
        }
        if (unzipped > LIMIT)
            throw new Error(`more than ${LIMIT} bytes unzipped`);
        if (memory.unzippedBytes !== undefined && unzipped > memory.unzippedBytes)
            // UNZIP_OVER_LIMIT spelt out: this code also runs in the hashing threads, from its source text.
            throw Object.assign(new Error(`more than ${memory.unzippedBytes} bytes unzipped`), {
                code: 'UNZIP_OVER_LIMIT'
            });
    }
    /**
     * The SHA-256 of an entry's content from its packed bytes, and whether its CRC holds (archive/zip
     * skips the check when the directory records none; a wrong CRC is a flaw, the content is still hashed).
     */
    function entryDigest(entry, pieces) {
        const hash = deps.crypto.createHash('sha256');
        let size = 0;
        let crc = 0;
        const take = (chunk) => {
            size += chunk.length;
            if (size > entry.size)
                throw new Error('an entry whose size is not the one recorded');
            crc = deps.zlib.crc32(chunk, crc);
            hash.update(chunk);
        };
        if (entry.method === 0)
            for (const input of pieces)
                take(input);
        // One byte more than recorded is enough to tell the entry is not what its record says.
        else
            inflater.inflate(pieces, entry.size + 1, take);
        if (size !== entry.size)
            throw new Error('an entry whose size is not the one recorded');
        const flaw = entry.crc !== 0 && crc >>> 0 !== entry.crc
            ? `the CRC of ${entry.name.toString('utf8').slice(0, 200)} does not match its content`
            : undefined;
        return { sha256: hash.digest('hex'), flaw };
    }
    async function hashZipFile(file, memory = {}) {
        const { wholeZipBytes = 4 * 1024 * 1024, readBytes = 256 * 1024 } = memory;
        const fd = deps.fs.openSync(file, 'r');
        try {
            const size = deps.fs.fstatSync(fd).size;
            if (size > LIMIT)
                throw new Error(`larger than ${LIMIT} bytes`);
            if (size <= wholeZipBytes && whole.length < size)
                whole = Buffer.allocUnsafe(size);
            const zip = size <= wholeZipBytes ? readInto(fd, whole, 0, size) : undefined;
            const read = (at, length) => zip
                ? zip.subarray(Math.max(0, at), Math.max(0, at) + length)
                : readInto(fd, Buffer.allocUnsafe(length), Math.max(0, at), length);
            const list = layout.entries(read, size);
            // archive/zip lists every entry, and a name seen twice reads the last one.
            const byName = new Map();
            for (const entry of list)
                byName.set(entry.name.toString('latin1'), entry);
            check(byName.values(), memory);
            const digests = new Map();
            let flaw;
            for (const [key, entry] of byName) {
                if (entry.name[entry.name.length - 1] === 0x2f) {
                    digests.set(key, deps.crypto.createHash('sha256').digest('hex'));
                    continue;
                }
                const start = layout.dataStart(read(entry.header, 30), entry.header);
                let pieces;
                if (zip) {
                    const packed = read(start, entry.packed);
                    if (packed.length !== entry.packed)
                        throw new Error('an entry that runs past the end of the zip');
                    pieces = [packed];
                }
                else {
                    pieces = packedPieces(fd, entry, start, readBytes);
                }
                const result = entryDigest(entry, pieces);
                flaw ??= result.flaw;
                digests.set(key, result.sha256);
            }
            // Hash1: "<sha256>  <name>\n" per file, names sorted bytewise, a name listed twice counted twice.
            const names = list.map(e => e.name).sort(Buffer.compare);
            const outer = deps.crypto.createHash('sha256');
            for (const name of names) {
                outer.update(`${digests.get(name.toString('latin1'))}  `);
                outer.update(name);
                outer.update('\n');
            }
            const hash = 'h1:' + outer.digest('base64');
            return flaw ? { hash, flaw } : { hash };
        }
        finally {
            deps.fs.closeSync(fd);
        }
    }
    return { hashZipFile };
}
/**
 * The hashing code put together in a thread's source, as an expression: Node's modules from `require`,
 * the layout reader and the inflater from their own source text.
 */
const ZIP_HASHING_SOURCE = `(${zipHashing.toString()})({
  crypto: require('node:crypto'),
  fs: require('node:fs'),
  zlib: require('node:zlib'),
  layout: (${zipLayout.toString()})(),
  inflater: (${zipInflater.toString()})(require('node:zlib'))
})`;
/** The hashing code on this thread: for tests, and where a worker cannot be had. */
const localZipHashing = zipHashing({
    crypto: (external_node_crypto_default()),
    fs: (external_node_fs_default()),
    zlib: (external_node_zlib_default()),
    layout: zipLayout(),
    inflater: zipInflater((external_node_zlib_default()))
});

;// CONCATENATED MODULE: ./src/go/zip-pool.ts
/**
 * Module zips hashed in worker threads: inflating thousands of entries is CPU work that would otherwise
 * stop the event loop, so that no socket is read and every clock looks like a silent mirror.
 */



/** Most module zips are this small, and are hashed where they are asked for (see ZipPool.hash). */
const HASH_HERE_ZIP_BYTES = 64 * 1024;
const HASH_HERE_UNZIPPED_BYTES = 1024 * 1024;
/** About what starting a thread costs the process, in time: zips waiting less are left to the running ones. */
const GROW_AFTER_MS = 50;
/** Heap limits of one thread: zips are read into buffers outside the heap, so the heap stays small. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4, stackSizeMb: 4 };
// Source text from a function: a transpiler that keeps function names wraps them in __name, so the
// thread has one that does nothing.
const WORKER_SOURCE = `
const __name = f => f
const { parentPort } = require('node:worker_threads')
const hashing = ${ZIP_HASHING_SOURCE}
parentPort.on('message', ({ id, file, memory }) => {
  hashing.hashZipFile(file, memory).then(
    digest => parentPort.postMessage({ id, digest }),
    error => parentPort.postMessage({ id, error: String((error && error.message) || error) })
  )
})
`;
/** The worker threads that hash module zips, a zip per thread at a time; never keeps the process alive. */
class ZipPool {
    threads = [];
    queue = [];
    limit;
    idleMs;
    growAfterMs;
    growing;
    memory;
    nextId = 1;
    closed = false;
    /** Zips hashed in threads, and how many threads ran at most. */
    stats = { zips: 0, peakThreads: 0 };
    constructor(opts = {}) {
        this.limit = Math.max(1, opts.threads ?? defaultThreads());
        this.idleMs = opts.idleMs ?? 2000;
        this.growAfterMs = opts.growAfterMs ?? GROW_AFTER_MS;
        this.memory = opts.memory;
    }
    /** Threads running now. */
    get running() {
        return this.threads.length;
    }
    /**
     * The h1 of a zip file; rejects with the reason when it cannot be read as a zip. A zip of `size` bytes
     * at most HASH_HERE_ZIP_BYTES is hashed on the calling thread, unless it unpacks to more than
     * HASH_HERE_UNZIPPED_BYTES (known before anything is inflated): handing it to a thread costs more.
     */
    async hash(file, size) {
        if (this.closed)
            return localZipHashing.hashZipFile(file, this.memory);
        if (size !== undefined && size <= HASH_HERE_ZIP_BYTES) {
            try {
                return await localZipHashing.hashZipFile(file, {
                    ...this.memory,
                    unzippedBytes: HASH_HERE_UNZIPPED_BYTES
                });
            }
            catch (error) {
                if (error.code !== UNZIP_OVER_LIMIT)
                    throw error;
            }
        }
        return new Promise((resolve, reject) => {
            this.queue.push({ id: this.nextId++, file, resolve, reject });
            this.dispatch();
        });
    }
    /**
     * A zip of `size` bytes is on its way (its answer's headers are in): when it is one for a thread and
     * none runs, the first starts now, so that it is up by the time the body is. Starting one takes about as
     * long as a few MiB take to arrive. A thread that gets no zip ends once idle, like any other.
     */
    anticipate(size) {
        if (this.closed || this.threads.length > 0 || !(size > HASH_HERE_ZIP_BYTES))
            return;
        this.rest(this.start());
    }
    /** Ends every thread; zips queued or under way are hashed on this thread instead. */
    async close() {
        this.closed = true;
        clearTimeout(this.growing);
        const threads = this.threads.splice(0);
        const pending = [...threads.flatMap(t => (t.job ? [t.job] : [])), ...this.queue.splice(0)];
        for (const t of threads)
            t.job = undefined;
        await Promise.all(threads.map(t => this.end(t)));
        for (const job of pending)
            localZipHashing.hashZipFile(job.file, this.memory).then(job.resolve, job.reject);
    }
    dispatch() {
        while (this.queue.length > 0) {
            let thread = this.threads.find(t => !t.job);
            if (!thread) {
                if (this.threads.length > 0)
                    return this.growLater();
                thread = this.start();
            }
            const job = this.queue.shift();
            clearTimeout(thread.idle);
            thread.job = job;
            // Held while it hashes, so that a caller awaiting nothing else is not cut short by the process ending.
            thread.worker.ref();
            thread.worker.postMessage({ id: job.id, file: job.file, memory: this.memory });
        }
    }
    /** Another thread, if zips are still waiting after growAfterMs for the threads that run. */
    growLater() {
        if (this.growing !== undefined || this.threads.length >= this.limit)
            return;
        // Counted from when the threads can work: one that is starting calls this again once it runs.
        if (this.threads.some(t => !t.online))
            return;
        this.growing = setTimeout(() => {
            this.growing = undefined;
            if (this.closed || this.queue.length === 0 || this.threads.length >= this.limit)
                return;
            this.start();
            this.dispatch();
        }, this.growAfterMs);
        // The busy threads hold the process open while zips wait.
        this.growing.unref();
    }
    start() {
        const worker = new external_node_worker_threads_namespaceObject.Worker(WORKER_SOURCE, { eval: true, resourceLimits: RESOURCE_LIMITS });
        const thread = { worker };
        worker.once('online', () => {
            thread.online = true;
            if (this.queue.length > 0)
                this.growLater();
        });
        worker.on('message', (message) => {
            const job = thread.job;
            if (!job || job.id !== message.id)
                return;
            thread.job = undefined;
            this.stats.zips++;
            if (message.digest !== undefined)
                job.resolve(message.digest);
            else
                job.reject(new Error(message.error ?? 'unreadable'));
            this.rest(thread);
            this.dispatch();
        });
        // A thread that dies (out of its heap, say) fails its zip, not the process; the next zip gets a new one.
        const lost = (error) => {
            const index = this.threads.indexOf(thread);
            if (index >= 0)
                this.threads.splice(index, 1);
            clearTimeout(thread.idle);
            thread.job?.reject(new Error(`the hashing thread failed: ${error.message}`));
            thread.job = undefined;
            this.dispatch();
        };
        worker.on('error', lost);
        worker.on('exit', code => {
            if (this.threads.includes(thread))
                lost(new Error(`it exited with code ${code}`));
        });
        this.threads.push(thread);
        this.stats.peakThreads = Math.max(this.stats.peakThreads, this.threads.length);
        return thread;
    }
    rest(thread) {
        thread.worker.unref();
        clearTimeout(thread.idle);
        thread.idle = setTimeout(() => {
            if (thread.job)
                return;
            const index = this.threads.indexOf(thread);
            if (index >= 0)
                this.threads.splice(index, 1);
            void this.end(thread);
        }, this.idleMs);
        thread.idle.unref();
    }
    async end(thread) {
        clearTimeout(thread.idle);
        await thread.worker.terminate().catch(() => undefined);
    }
}
/**
 * One thread per CPU, at most four: go waits for the zips it fetches to be hashed, so the hashing has
 * the CPUs to itself while it matters most; each thread holds its own buffers.
 */
function defaultThreads() {
    return Math.max(1, Math.min(4, (0,external_node_os_namespaceObject.availableParallelism)()));
}
let zip_pool_shared;
/** The process's one pool, made on first use. */
function zipPool() {
    zip_pool_shared ??= new ZipPool();
    return zip_pool_shared;
}

;// CONCATENATED MODULE: ./src/relay/verify.ts



/** A .mod from a proxy has no cap in cmd/go; this one keeps a mirror that never stops from filling memory. */
const MAX_MOD_BYTES = 16 * 1024 * 1024;
const MAX_SMALL_BYTES = (/* unused pure expression or super */ null && (16 * 1024 * 1024));
/**
 * Checks a module zip on disk: readable, within go's limits, and, when go.sum has a hash for it, hashing
 * to that hash. `size` is the zip's size, when known.
 */
async function verifyZip(file, want, size) {
    let digest;
    try {
        digest = await zipPool().hash(file, size);
    }
    catch (error) {
        return { ok: false, reason: `not a valid module zip: ${error.message}`, mismatch: false };
    }
    if (want !== undefined && digest.hash !== want) {
        return { ok: false, reason: `checksum mismatch: got ${digest.hash}, go.sum has ${want}`, mismatch: true };
    }
    if (digest.flaw)
        return { ok: false, reason: `not a valid module zip: ${digest.flaw}`, mismatch: false };
    return { ok: true, hash: digest.hash };
}
/** A zip of `bytes` is about to arrive: the hashing threads get ready for it. */
function anticipateZip(bytes) {
    zipPool().anticipate(bytes);
}
function verifyMod(data, want) {
    if (looksLikeHtml(data))
        return { ok: false, reason: 'an HTML page instead of a go.mod', mismatch: false };
    if (want === undefined)
        return { ok: true };
    const hash = hashGoMod(data);
    if (hash !== want)
        return { ok: false, reason: `checksum mismatch: got ${hash}, go.sum has ${want}`, mismatch: true };
    return { ok: true, hash };
}
/** An .info must be the JSON object go reads, naming the version asked for (canonical versions only). */
function verifyInfo(data, version) {
    let parsed;
    try {
        parsed = JSON.parse(data.toString('utf8'));
    }
    catch {
        return {
            ok: false,
            reason: looksLikeHtml(data) ? 'an HTML page instead of JSON' : 'not JSON',
            mismatch: false
        };
    }
    const found = parsed?.Version;
    if (typeof found !== 'string')
        return { ok: false, reason: 'JSON without a Version', mismatch: false };
    if (isCanonical(version) && found !== version) {
        return {
            ok: false,
            reason: `info for version ${found.slice(0, 80)} instead of ${version}`,
            mismatch: false
        };
    }
    return { ok: true };
}
/** A version list or a sumdb answer: text, never a web page. */
function verifyText(data) {
    return looksLikeHtml(data) ? { ok: false, reason: 'an HTML page', mismatch: false } : { ok: true };
}
function looksLikeHtml(data) {
    // Most bodies show at their first byte that they are not markup: past ASCII white space, anything
    // but '<' or a byte of a multi-byte character (which may be white space too) is text.
    let at = 0;
    while (at < data.length && at < 512 && ASCII_SPACE.has(data[at]))
        at++;
    const first = data[at];
    if (first === undefined || (first !== 0x3c && first < 0x80))
        return false;
    const head = data.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
    return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<?xml');
}
/** Tab, line feed, vertical tab, form feed, carriage return, space: what trimStart drops below 0x80. */
const ASCII_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);
function isCanonical(version) {
    return /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+incompatible)?$/.test(version);
}

;// CONCATENATED MODULE: ./src/relay/memory.ts





/** A real .info is under 1 KiB, its Origin field included: anything near this is not one. */
const MAX_INFO_BYTES = 64 * 1024;
/** A version list or an @latest answer: tens of KiB for the modules with the most versions. */
const MAX_LIST_BYTES = 1024 * 1024;
/** A checksum database answer: a signed lookup, or a tile of 256 hashes or records. */
const MAX_SUMDB_BYTES = 1024 * 1024;
/** A .mod larger than this goes to disk as it arrives rather than into memory. */
const MOD_IN_MEMORY_BYTES = 1024 * 1024;
/**
 * What one relay holds in memory at once of the bodies it receives and the small files it keeps: the
 * rest waits on disk. Zip bodies never count: they always go to disk.
 */
const RELAY_MEMORY_BYTES = 16 * 1024 * 1024;
/** A count of bytes held in memory against a fixed limit, shared by every request of one relay. */
class MemoryBudget {
    limit;
    held = 0;
    peak = 0;
    constructor(limit = RELAY_MEMORY_BYTES) {
        this.limit = limit;
    }
    /** Takes `bytes` when they fit under the limit; false (and nothing taken) when they do not. */
    take(bytes) {
        if (this.held + bytes > this.limit)
            return false;
        this.held += bytes;
        this.peak = Math.max(this.peak, this.held);
        return true;
    }
    give(bytes) {
        this.held = Math.max(0, this.held - bytes);
    }
    usage() {
        return { heldBytes: this.held, peakBytes: this.peak, limitBytes: this.limit };
    }
}
/** The first bytes of a body, enough to tell a web page from a module file. */
const HEAD_BYTES = 512;
/**
 * A sink that keeps a body in memory while the relay's budget has room and the body is under its
 * threshold, and moves it to a file of its own once either is not so. It hashes the body as it
 * arrives, so a .mod on disk is checked against go.sum without being read back.
 */
class SpillSink {
    opts;
    bytes = 0;
    chunks = [];
    /** Bytes taken from the budget for the chunks held. */
    charged = 0;
    handle;
    spilledTo;
    hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    first = Buffer.alloc(0);
    constructor(opts) {
        this.opts = opts;
    }
    get spilled() {
        return this.spilledTo !== undefined;
    }
    /** The file the body went to, once it did. */
    get file() {
        return this.spilledTo;
    }
    /** The first bytes of the body. */
    get head() {
        return this.first;
    }
    /** The sha256 (hex) of the body so far. */
    sha256() {
        return this.hash.copy().digest('hex');
    }
    async write(chunk) {
        this.hash.update(chunk);
        if (this.first.length < HEAD_BYTES) {
            this.first = Buffer.concat([this.first, chunk.subarray(0, HEAD_BYTES - this.first.length)]);
        }
        const fits = !this.spilled &&
            this.bytes + chunk.length <= this.opts.inMemoryBytes &&
            this.opts.budget.take(chunk.length);
        if (fits) {
            this.chunks.push(chunk);
            this.charged += chunk.length;
        }
        else {
            await this.spill();
            await this.handle.write(chunk, 0, chunk.length, this.bytes);
        }
        this.bytes += chunk.length;
    }
    async reset() {
        this.release();
        this.bytes = 0;
        this.hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
        this.first = Buffer.alloc(0);
        if (this.handle)
            await this.handle.truncate(0);
    }
    /** The whole body; a spilled one is read back (only .info does that, and it is small). */
    async read() {
        if (!this.spilledTo)
            return Buffer.concat(this.chunks);
        await this.close();
        return (0,promises_namespaceObject.readFile)(this.spilledTo);
    }
    /**
     * Hands the body over: in memory, with what it costs the budget (to be given back by whoever keeps
     * it), or as its file once closed.
     */
    async take() {
        if (this.spilledTo) {
            await this.close();
            return { file: this.spilledTo };
        }
        const data = Buffer.concat(this.chunks);
        const charged = this.charged;
        this.chunks = [];
        this.charged = 0;
        return { data, charged };
    }
    /** Gives back what it holds: its memory to the budget and its file to the disk. */
    async discard() {
        this.release();
        await this.close().catch(() => undefined);
        if (this.spilledTo)
            await (0,promises_namespaceObject.rm)(this.spilledTo, { force: true });
    }
    release() {
        this.opts.budget.give(this.charged);
        this.charged = 0;
        this.chunks = [];
    }
    async close() {
        await this.handle?.close();
        this.handle = undefined;
    }
    async spill() {
        if (this.handle)
            return;
        const fresh = this.spilledTo === undefined;
        this.spilledTo ??= external_node_path_default().join(this.opts.dir, (0,external_node_crypto_namespaceObject.randomUUID)());
        this.handle = await (0,promises_namespaceObject.open)(this.spilledTo, fresh ? 'w' : 'r+', 0o600);
        if (!fresh)
            return;
        let at = 0;
        for (const chunk of this.chunks) {
            await this.handle.write(chunk, 0, chunk.length, at);
            at += chunk.length;
        }
        this.release();
    }
}
/** A .mod checked by the hash of its bytes as they arrived: go.sum's `/go.mod` line hashes it as `go.mod`. */
function verifyModDigest(head, sha256, want) {
    if (!verifyText(head).ok)
        return { ok: false, reason: 'an HTML page instead of a go.mod', mismatch: false };
    if (want === undefined)
        return { ok: true };
    const hash = hashGoModDigest(sha256);
    if (hash !== want)
        return { ok: false, reason: `checksum mismatch: got ${hash}, go.sum has ${want}`, mismatch: true };
    return { ok: true, hash };
}

;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: ./src/go/private-paths.ts
/**
 * Go's module.MatchPrefixPatterns: whether a module path matches a GOPRIVATE-style list, each glob
 * (path.Match syntax) matched against as many leading path elements as it has.
 */
function matchesPrefixPatterns(patterns, target) {
    for (const raw of patterns.split(',')) {
        const glob = raw.trim();
        if (glob === '')
            continue;
        const elements = glob.split('/').length;
        const parts = target.split('/');
        if (parts.length < elements)
            continue;
        const prefix = parts.slice(0, elements).join('/');
        if (globPattern(glob)?.test(prefix))
            return true;
    }
    return false;
}
/** The module path patterns go keeps away from every mirror: GONOPROXY, or GOPRIVATE when it is unset. */
function noProxyPatterns(env) {
    const noProxy = env.GONOPROXY ?? '';
    return noProxy.trim() !== '' ? noProxy : (env.GOPRIVATE ?? '');
}
const cache = new Map();
/** path.Match as a RegExp: `*` and `?` never cross a slash, `[...]` classes, `\` escapes; undefined when malformed. */
function globPattern(glob) {
    if (cache.has(glob))
        return cache.get(glob);
    let source = '';
    let ok = true;
    for (let i = 0; i < glob.length && ok; i++) {
        const c = glob[i];
        if (c === '*')
            source += '[^/]*';
        else if (c === '?')
            source += '[^/]';
        else if (c === '\\') {
            const next = glob[++i];
            if (next === undefined)
                ok = false;
            else
                source += escapeRegExp(next);
        }
        else if (c === '[') {
            const end = glob.indexOf(']', i + 2);
            if (end < 0)
                ok = false;
            else {
                let body = glob.slice(i + 1, end);
                const negated = body.startsWith('^');
                if (negated)
                    body = body.slice(1);
                source += `[${negated ? '^/' : ''}${body.replace(/[\]\\^]/g, m => `\\${m}`)}]`;
                i = end;
            }
        }
        else
            source += escapeRegExp(c);
    }
    const pattern = ok ? new RegExp(`^${source}$`) : undefined;
    cache.set(glob, pattern);
    return pattern;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

;// CONCATENATED MODULE: ./src/relay/routes.ts
/**
 * The relay's routes, one per kind of request as goproxy serves them: module files from the store, the
 * checksum database through the mirrors that proxy it, private paths refused without a word to any
 * mirror, and the control requests of the job's post step and of its later uses of the action.
 */







function relayRoutes(opts) {
    const privateRecords = [];
    const files = moduleFiles(opts, privateRecords);
    const sumdb = checksumDatabase(opts);
    const control = controlRoutes(opts);
    const handle = async (req, res) => {
        const target = req.url ?? '/';
        if (handleControl(req, res, control))
            return;
        if (!target.startsWith(opts.prefix))
            return sendText(res, 403, 'forbidden\n');
        opts.onRequest?.();
        if (req.method !== 'GET' && req.method !== 'HEAD')
            return sendText(res, 405, 'only GET and HEAD\n');
        // Only what parses as a module proxy request goes on, and only as the relay spells it again.
        const request = parseProxyPath(target.slice(opts.prefix.length).split('?')[0]);
        if (!request)
            return sendText(res, 404, 'not a module proxy path\n');
        const result = await (request.kind === 'sumdb' ? sumdb(request) : files(request));
        if ('private' in result)
            return sendText(res, 404, result.private);
        if (!result.ok)
            return sendText(res, result.status, result.text);
        if (res.destroyed)
            return;
        res.writeHead(200, { 'Content-Type': result.contentType, 'Content-Length': result.size });
        if (req.method === 'HEAD')
            return void res.end();
        if (result.data)
            return void res.end(result.data);
        // pipeline closes the file when go hangs up halfway.
        (0,external_node_stream_namespaceObject.pipeline)((0,external_node_fs_namespaceObject.createReadStream)(result.file), res, () => undefined);
    };
    return { handle, privateRecords };
}
/** A module's files from the store, unless its path is private: then no mirror hears of it. */
function moduleFiles(opts, privateRecords) {
    const noProxy = noProxyPatterns(opts.env);
    return async (request) => {
        if (noProxy !== '' && matchesPrefixPatterns(noProxy, request.module)) {
            privateRecords.push({
                name: describeProxyRequest(request),
                module: request.module,
                requestedBy: 'go',
                tries: [],
                outcome: 'private',
                servedToGo: false
            });
            return {
                private: `${request.module} matches GONOPROXY/GOPRIVATE: the relay does not forward private module paths\n`
            };
        }
        return opts.store.obtain(request, upstreamPath(request), 'go');
    };
}
/**
 * The checksum database go uses (the one GOSUMDB names), through the mirrors that proxy it; any other
 * name is refused, never forwarded. Which mirrors proxy it is asked once per name, of all at once.
 */
function checksumDatabase(opts) {
    const name = proxiedSumdb(opts.env.GOSUMDB);
    const support = new Map();
    const supportingMirrors = (db) => {
        let found = support.get(db);
        if (!found) {
            const request = { kind: 'sumdb', name: db, rest: 'supported' };
            const http = opts.mirrors.filter(m => m.endpoint.kind === 'http');
            // Each mirror is asked at once: a down one is not waited for beyond a hedge delay.
            found = Promise.all(http.map(async (m) => (await opts.store.obtain(request, upstreamPath(request), 'go', [m], http.length > 1)).ok
                ? m
                : undefined)).then(list => list.filter((m) => m !== undefined));
            support.set(db, found);
        }
        return found;
    };
    const refused = (request, text) => ({
        ok: false,
        status: 404,
        text,
        record: sumdbRecord(request)
    });
    return async (request) => {
        if (request.name !== name)
            return refused(request, `the relay proxies no checksum database by that name\n`);
        const supporting = await supportingMirrors(request.name);
        // go takes anything but a 404 to `supported` as final for the whole process: say no mirror proxies it.
        if (supporting.length === 0)
            return refused(request, `no mirror proxies the checksum database ${request.name}\n`);
        if (request.rest === 'supported') {
            return {
                ok: true,
                size: 0,
                data: Buffer.alloc(0),
                contentType: 'text/plain; charset=utf-8',
                record: sumdbRecord(request)
            };
        }
        return opts.store.obtain(request, upstreamPath(request), 'go', supporting);
    };
}
/** The post step's shutdown, and the go.sum files and progress of the job's later uses of the action. */
function controlRoutes(opts) {
    const control = opts.control;
    if (!control)
        return [];
    // A later use of the action registers its go.sum files: the relay checks their modules too.
    const addSums = async (files) => {
        if (!Array.isArray(files) || !files.every(f => typeof f === 'string' && external_node_path_default().isAbsolute(f))) {
            throw new Error('files must be absolute paths');
        }
        let added = 0;
        for (const [key, entry] of await readGoSums(files)) {
            if (opts.sums.has(key))
                continue;
            opts.sums.set(key, entry);
            added++;
        }
        return added;
    };
    const shutdown = {
        secret: control.secret,
        actions: { shutdown: async () => ({ stopping: true }) },
        after: () => control.onShutdown()
    };
    if (!control.joinSecret)
        return [shutdown];
    const join = {
        secret: control.joinSecret,
        actions: {
            gosum: async (args) => ({ modules: await addSums(args.files) }),
            progress: async () => ({ progress: opts.progress() })
        }
    };
    return [shutdown, join];
}
function sendText(res, status, text) {
    if (res.headersSent || res.destroyed)
        return;
    res.writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(text)
    });
    res.end(text);
}
function sumdbRecord(request) {
    return {
        name: describeProxyRequest(request),
        file: 'sumdb',
        requestedBy: 'go',
        tries: [],
        outcome: 'ok',
        servedToGo: true
    };
}

;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
;// CONCATENATED MODULE: ./src/relay/context.ts
/**
 * What the steps of a request share (relay/store.ts, walk.ts, hedge.ts, try.ts): one context per relay,
 * and one file request per file asked for.
 */

/** A line about a file for the log. */
function fileEvent(ctx, kind, record, mirror, text) {
    ctx.onEvent({ kind, file: record.name, mirror, text, module: record.module, version: record.version });
}
/**
 * What the relay's requests run under: its close and the step's deadline, one signal for all of them.
 * Each request in flight listens to it.
 */
function stopSignal(closed, deadline, now) {
    // Node's timers hold at most 2^31-1 ms; a longer timeout would fire at once.
    const left = Math.min(2 ** 31 - 1, Math.max(1, deadline - now));
    const stopped = AbortSignal.any([closed, AbortSignal.timeout(left)]);
    (0,external_node_events_namespaceObject.setMaxListeners)(0, stopped);
    return stopped;
}

;// CONCATENATED MODULE: ./src/failures/classes.ts
/** Stable names of the ways a module download fails; documented in the README and used in outputs. */
const FAILURE_CLASSES = (/* unused pure expression or super */ null && ([
    'not-found',
    'forbidden',
    'rate-limited',
    'server-error',
    'connection',
    'dns',
    'timeout',
    'reset',
    'truncated',
    'tls',
    'bad-response',
    'checksum-mismatch',
    'sumdb',
    'auth',
    'invalid-version',
    'toolchain',
    'local',
    'stalled',
    'unknown'
]));
const no = { request: false, slowBackoff: false };
const CLASS_TRAITS = {
    'not-found': { ...no, request: true },
    forbidden: { ...no, request: true },
    'rate-limited': { ...no, request: true, slowBackoff: true },
    'server-error': { ...no, request: true },
    connection: { ...no, request: true },
    dns: { ...no, request: true },
    timeout: { ...no, request: true },
    reset: { ...no, request: true },
    truncated: { ...no, request: true },
    tls: { ...no, request: true },
    'bad-response': no,
    'checksum-mismatch': no,
    sumdb: no,
    auth: no,
    'invalid-version': no,
    toolchain: no,
    local: no,
    stalled: no,
    unknown: no
};

;// CONCATENATED MODULE: ./src/failures/classify.ts

const local = (pattern, misconfigured) => ({
    class: 'local',
    pattern,
    transient: false,
    misconfigured
});
/** go's own line for an HTTP answer it did not like: `reading <url>: <status>` (web.HTTPError). */
const classify_status = (codes) => new RegExp(`\\breading \\S+: (?:${codes})\\b`);
/**
 * Words with which a 404/410 says the mirror's own upstream failed, not the file: goproxy answers `not
 * found: bad upstream` or `not found: fetch timed out`, Athens and Artifactory a 404 while their fetch or
 * its cached failure lasts, with whatever their upstream said.
 */
const DISGUISED_OUTAGE_WORDS = [
    'temporarily unavailable',
    'timed out',
    'timeout',
    'bad upstream',
    'try again'
];
// Not inside a module path or URL: `example.com/timeout@v1.0.0` is a module that is not there.
const DISGUISED_OUTAGE = new RegExp(`(?<![\\w./@~+-])(?:${DISGUISED_OUTAGE_WORDS.map(w => w.replace(/ /g, '\\s+')).join('|')})(?![\\w/@~+-]|\\.\\w)`, 'i');
/** Whether the text of a 404/410 says the mirror's own upstream failed, so that another try may find the file. */
function disguisedOutage(text) {
    return DISGUISED_OUTAGE.test(text);
}
/** A mirror's HTTP status other than 200 as a failure class, as go's own line for it is classed below. */
function classifyStatus(code, text) {
    if (code === 404 || code === 410)
        return { class: 'not-found', transient: disguisedOutage(text) };
    if (code === 401 || code === 403)
        return { class: 'forbidden', transient: false };
    if (code === 429)
        return { class: 'rate-limited', transient: true };
    if (code === 408 || code >= 500)
        return { class: 'server-error', transient: true };
    // Any other status (400, 405, ...) is a proxy that does not speak the GOPROXY protocol.
    return { class: 'bad-response', transient: false };
}
/** go's text of the body that came with an HTTP error, `server response: ...`; '' when it printed none. */
function serverResponse(message) {
    const at = message.indexOf('server response:');
    return at < 0 ? '' : message.slice(at + 'server response:'.length);
}
/** Most specific first: the first rule whose pattern matches anywhere in the message wins. */
const RULES = [
    // Security first: a mismatch block also holds text that generic rules would claim.
    { class: 'checksum-mismatch', pattern: /\bchecksum mismatch\b/, transient: false },
    // go always verifies a toolchain download, so GOSUMDB=off makes any toolchain switch impossible.
    { class: 'toolchain', pattern: /\bchecksum database disabled by GOSUMDB=off\b/, transient: false },
    // Settings go cannot work with: no mirror and no retry can help, before any rule their paths might match.
    local(/\bmodule lookup disabled by GOPROXY=off\b/, 'goproxy-off'),
    local(/\brefusing to pass credentials to insecure URL\b/, 'insecure-credentials'),
    local(/\bcould not create module cache\b/, 'modcache-unusable'),
    local(/\bGOMODCACHE entry is relative\b/, 'modcache-relative'),
    local(/\bneither GOMODCACHE nor GOPATH is set\b/, 'modcache-unset'),
    local(/\bGOPATH entry is relative\b/, 'gopath-relative'),
    // Before the status rules: a lookup 404/410 is a private path missing from GOPRIVATE, not a missing module.
    { class: 'sumdb', pattern: /\bverifying (?:module|go\.mod): /, transient: m => networkTransient(m) },
    { class: 'not-found', pattern: classify_status('404|410'), transient: m => disguisedOutage(serverResponse(m)) },
    // A file:// proxy that lacks the file: go treats it as a 404 and moves to the next proxy.
    { class: 'not-found', pattern: /\breading file:\/\/\S+: no such file or directory/, transient: false },
    { class: 'forbidden', pattern: classify_status('401|403'), transient: false },
    { class: 'rate-limited', pattern: classify_status('429'), transient: true },
    { class: 'server-error', pattern: classify_status('408|5\\d\\d'), transient: true },
    // Any other status (400, 405, ...) is a proxy that does not speak the GOPROXY protocol.
    { class: 'bad-response', pattern: classify_status('[1-4]\\d\\d'), transient: false },
    // Before timeout: `lookup h on 127.0.0.53:53: read udp ...: i/o timeout` is a resolver that may recover.
    { class: 'dns', pattern: /\blookup \S+(?: on \S+)?: /, transient: m => !/\bno such host\b/.test(m) },
    { class: 'timeout', pattern: /\bi\/o timeout\b/, transient: true },
    { class: 'timeout', pattern: /\bTLS handshake timeout\b/, transient: true },
    { class: 'timeout', pattern: /\bClient\.Timeout exceeded\b/, transient: true },
    { class: 'timeout', pattern: /\bcontext deadline exceeded\b/, transient: true },
    { class: 'timeout', pattern: /\btimeout awaiting response headers\b/, transient: true },
    // Windows' words for WSAETIMEDOUT, which go prints after `connectex: ` or `wsarecv: `.
    {
        class: 'timeout',
        pattern: /\bconnected party did not properly respond after a period of time\b/,
        transient: true
    },
    { class: 'connection', pattern: /\bconnection refused\b/, transient: true },
    // Windows words a refused connection (WSAECONNREFUSED) and an unreachable network or host differently.
    { class: 'connection', pattern: /\bactively refused it\b/, transient: true },
    { class: 'connection', pattern: /\bwas attempted to an unreachable (?:network|host)\b/, transient: true },
    { class: 'connection', pattern: /\bnetwork is unreachable\b/, transient: true },
    { class: 'connection', pattern: /\bno route to host\b/, transient: true },
    { class: 'connection', pattern: /\bhost is down\b/, transient: true },
    // Before reset: `unexpected EOF` is a body cut short, plain `EOF` a connection dropped before the answer.
    { class: 'truncated', pattern: /\bunexpected EOF\b/, transient: true },
    { class: 'truncated', pattern: /\bzip: not a valid zip file\b/, transient: true },
    { class: 'truncated', pattern: /\bzip: checksum error\b/, transient: true },
    { class: 'reset', pattern: /: EOF$/m, transient: true },
    { class: 'reset', pattern: /\bconnection reset by peer\b/, transient: true },
    { class: 'reset', pattern: /\bsoftware caused connection abort\b/, transient: true },
    // Windows' words for WSAECONNRESET and WSAECONNABORTED.
    {
        class: 'reset',
        pattern: /\bAn existing connection was forcibly closed by the remote host\b/,
        transient: true
    },
    {
        class: 'reset',
        pattern: /\bAn established connection was aborted by the software in your host machine\b/,
        transient: true
    },
    { class: 'reset', pattern: /\bbroken pipe\b/, transient: true },
    { class: 'reset', pattern: /\bhttp2: server sent GOAWAY\b/, transient: true },
    { class: 'reset', pattern: /\bhttp2: client connection lost\b/, transient: true },
    { class: 'reset', pattern: /\bstream error: stream ID \d+; \w+/, transient: true },
    { class: 'reset', pattern: /\bserver closed idle connection\b/, transient: true },
    { class: 'tls', pattern: /\bx509: /, transient: false },
    { class: 'tls', pattern: /\btls: /, transient: false },
    { class: 'tls', pattern: /\bserver gave HTTP response to HTTPS client\b/, transient: false },
    { class: 'bad-response', pattern: /\binvalid response from proxy\b/, transient: false },
    { class: 'bad-response', pattern: /\bproxy returned info for version\b/, transient: false },
    { class: 'bad-response', pattern: /\bzip for \S+ has unexpected file\b/, transient: false },
    // Before invalid-version, which go prefixes to git's `could not read Username ...: terminal prompts disabled`.
    { class: 'auth', pattern: /\bcould not read (?:Username|Password)\b/, transient: false },
    { class: 'auth', pattern: /\bAuthentication failed\b/, transient: false },
    { class: 'auth', pattern: /\bPermission denied \(publickey/, transient: false },
    { class: 'invalid-version', pattern: /\binvalid version\b/, transient: false },
    { class: 'invalid-version', pattern: /\bunknown revision\b/, transient: false },
    { class: 'invalid-version', pattern: /\bmalformed module path\b/, transient: false },
    { class: 'invalid-version', pattern: /\bmodule declares its path as\b/, transient: false },
    { class: 'invalid-version', pattern: /\bno matching versions for query\b/, transient: false },
    { class: 'invalid-version', pattern: /\binvalid pseudo-version\b/, transient: false },
    { class: 'invalid-version', pattern: /\berrors parsing go\.mod\b/, transient: false },
    // A `replace` pointing at a directory that is not there: the fix is in go.mod.
    { class: 'invalid-version', pattern: /\(replaced by [^)]*\): reading .*: no such file/, transient: false },
    { class: 'local', pattern: /\bno space left on device\b/, transient: false },
    { class: 'local', pattern: /\bdisk quota exceeded\b/, transient: false },
    { class: 'local', pattern: /\bpermission denied\b/, transient: false },
    { class: 'local', pattern: /\bread-only file system\b/, transient: false },
    // After the network rules: a toolchain download that hit a 503 or a reset takes that class and is retried.
    { class: 'toolchain', pattern: /\btoolchain not available\b/, transient: false },
    { class: 'toolchain', pattern: /\binvalid toolchain\b/, transient: false },
    {
        class: 'toolchain',
        pattern: /\brequires go >= \S+ \(running go [^;)]*; GOTOOLCHAIN=local\)/,
        transient: false,
        misconfigured: 'toolchain-local'
    },
    { class: 'toolchain', pattern: /\brequires go >= \S+ \(running go /, transient: false }
];
function decide(rule, message) {
    return typeof rule.transient === 'function' ? rule.transient(message) : rule.transient;
}
/** Whether the request failure wrapped in a message (a checksum database lookup) may pass on a later try. */
function networkTransient(message) {
    const rule = RULES.find(r => CLASS_TRAITS[r.class].request && r.pattern.test(message));
    return rule !== undefined && decide(rule, message);
}
/** Names the way a go error message failed and whether trying the same mirror again may help. */
function classify(message) {
    const rule = RULES.find(r => r.pattern.test(message));
    if (rule === undefined)
        return { class: 'unknown', transient: true };
    const classification = { class: rule.class, transient: decide(rule, message) };
    return rule.misconfigured ? { ...classification, misconfigured: rule.misconfigured } : classification;
}
/**
 * Whether the classifier marks failures of a class transient always, never, or depending on the message.
 * Classes no rule names come from elsewhere, transient: the watchdog's `stalled` and the fallback `unknown`.
 */
function transience(failureClass) {
    const kinds = new Set(RULES.filter(r => r.class === failureClass).map(r => typeof r.transient === 'function' ? 'sometimes' : r.transient));
    if (kinds.size === 0 || (kinds.size === 1 && kinds.has(true)))
        return 'always';
    return kinds.size === 1 && kinds.has(false) ? 'never' : 'sometimes';
}

;// CONCATENATED MODULE: ./src/policy/decisions.ts

const quoted = (words) => words.map(w => `\`${w}\``).join(', ');
/**
 * What each class calls for, when the failure is transient and when it is not: for a go process, and
 * for one request in the relay. Some transient failures still move on at once: a refused connection
 * or a silent mirror is better left for later.
 */
const DECISIONS = {
    'not-found': {
        transient: 'retry',
        permanent: 'next-mirror',
        transientWhen: `the answer's text says the mirror's own upstream failed (${quoted(DISGUISED_OUTAGE_WORDS)})`,
        request: {
            transient: 'retry',
            permanent: 'next',
            breaker: false,
            why: 'a 404 never opens the breaker, not even one that hides an outage behind the mirror'
        }
    },
    forbidden: {
        transient: 'next-mirror',
        permanent: 'next-mirror',
        request: { transient: 'next', permanent: 'next', breaker: false }
    },
    'rate-limited': {
        transient: 'retry',
        permanent: 'retry',
        request: { transient: 'retry', permanent: 'retry', breaker: false, appointment: true }
    },
    'server-error': {
        transient: 'retry',
        permanent: 'retry',
        request: { transient: 'retry', permanent: 'retry', breaker: false }
    },
    connection: {
        transient: 'next-mirror',
        permanent: 'next-mirror',
        request: { transient: 'next', permanent: 'next', breaker: true }
    },
    dns: {
        transient: 'retry',
        permanent: 'next-mirror',
        transientWhen: 'the resolver failed (`server misbehaving`, a timeout) rather than the name (`no such host`)',
        request: { transient: 'retry', permanent: 'next', breaker: true }
    },
    timeout: {
        transient: 'retry',
        permanent: 'retry',
        request: {
            transient: 'retry',
            permanent: 'retry',
            breaker: true,
            why: 'one timeout may pass, but a mirror that keeps timing out is out of reach'
        }
    },
    reset: {
        transient: 'retry',
        permanent: 'retry',
        request: { transient: 'retry', permanent: 'retry', breaker: false }
    },
    truncated: {
        transient: 'retry',
        permanent: 'retry',
        request: { transient: 'retry', permanent: 'retry', breaker: false }
    },
    tls: {
        transient: 'next-mirror',
        permanent: 'next-mirror',
        request: { transient: 'next', permanent: 'next', breaker: true }
    },
    'bad-response': {
        transient: 'retry',
        permanent: 'next-mirror',
        request: {
            transient: 'next',
            permanent: 'next',
            breaker: false,
            why: 'a garbled body or a login page tends to come again from the same mirror, and cmd/go never asks it twice'
        }
    },
    'checksum-mismatch': {
        transient: 'next-mirror',
        permanent: 'next-mirror',
        fromLocalCache: 'retry',
        note: 'the bad copy is purged from the module cache first; `on-checksum-mismatch: fail` fails instead',
        request: {
            transient: 'next',
            permanent: 'next',
            breaker: false,
            why: 'go.sum decides whichever mirror serves the file; `on-checksum-mismatch: fail` stops instead'
        }
    },
    sumdb: {
        transient: 'retry',
        permanent: 'fail',
        transientWhen: 'the lookup hit a transient error (5xx, 429, a network error)'
    },
    auth: { transient: 'fail', permanent: 'fail', note: 'no mirror can fix these' },
    'invalid-version': { transient: 'fail', permanent: 'fail', note: 'no mirror can fix these' },
    toolchain: {
        transient: 'retry',
        permanent: 'next-mirror',
        note: 'a mirror may not carry `golang.org/toolchain`, and the working directory fails when none has it; a toolchain download that hit a network error takes that network class instead; with `GOTOOLCHAIN=local` forbidding the switch it fails at once'
    },
    local: {
        transient: 'fail',
        permanent: 'fail',
        note: 'no mirror can fix these',
        request: {
            transient: 'next',
            permanent: 'next',
            breaker: false,
            why: "in the relay only a file:// mirror's folder that cannot be read, which another mirror can stand in for"
        }
    },
    stalled: {
        transient: 'next-mirror',
        permanent: 'next-mirror',
        request: {
            transient: 'next',
            permanent: 'next',
            breaker: true,
            why: 'a mirror that went silent for the stall window, its hedges unanswered too, is left for later'
        }
    },
    unknown: {
        transient: 'retry',
        permanent: 'retry',
        note: 'an unrecognised message is given the benefit of the doubt',
        request: { transient: 'retry', permanent: 'retry', breaker: false }
    }
};
/** The mirror's own state, which decides before the class (relay/health.ts keeps it). */
const MIRROR_RULES = {
    down: {
        action: 'next',
        breaker: false,
        when: 'the mirror is down: it has answered nothing since the relay started',
        why: "its silence says nothing of the file: asked last and once per file while down, waited for one hedge delay at most, never a hedge's target once another mirror was asked"
    },
    misconfigured: {
        action: 'next',
        breaker: false,
        when: 'a redirect that loops, leads to a scheme other than http(s), or from https to http',
        why: 'no file can come through it: one warning, then the mirror is skipped for the rest of the run'
    }
};
/** What the relay does with a request after a failed try, and whether the mirror's health pays for it. */
function decideRequest(failure, onChecksumMismatch) {
    const rule = failure.down
        ? MIRROR_RULES.down
        : failure.misconfigured
            ? MIRROR_RULES.misconfigured
            : undefined;
    if (rule)
        return { action: rule.action, breaker: rule.breaker, appointment: false };
    // A class no answer from a mirror is put in is read as an unrecognised one.
    const policy = DECISIONS[failure.class].request ?? DECISIONS.unknown.request;
    const stop = failure.class === 'checksum-mismatch' && onChecksumMismatch === 'fail';
    return {
        action: stop ? 'stop' : failure.transient ? policy.transient : policy.permanent,
        breaker: policy.breaker,
        appointment: policy.appointment === true
    };
}
/**
 * Whether a failed request is asked of the same mirror again: when its decision says so, or when it would
 * move on from a transient failure and no other mirror is left (the last mirror standing is not given up on).
 */
function askAgain(decision, othersLeft) {
    return decision.action === 'retry' || (!othersLeft && decision.transient && decision.action === 'next');
}
function decideFailure(failure, ctx) {
    if (failure.class === 'checksum-mismatch' && ctx.onChecksumMismatch === 'fail')
        return 'fail';
    // A setting of the job that go cannot work with is the same whichever mirror is asked.
    if (failure.misconfigured !== undefined)
        return 'fail';
    const policy = DECISIONS[failure.class];
    // A corrupt local copy is purged and fetched again from the same mirror; bad bits from a mirror mean moving on.
    if (policy.fromLocalCache !== undefined && !ctx.fetchedBadCopy)
        return policy.fromLocalCache;
    return failure.transient ? policy.transient : policy.permanent;
}
/**
 * The decision for a whole attempt: any failure that no mirror can fix stops the run; otherwise retry
 * while some failure is worth retrying here and tries remain; otherwise move to the next mirror.
 */
function decideAttempt(decisions, tryNumber, maxAttempts) {
    if (decisions.includes('fail'))
        return 'fail';
    if (decisions.includes('retry') && tryNumber < maxAttempts)
        return 'retry';
    return 'next-mirror';
}

;// CONCATENATED MODULE: ./src/relay/sinks.ts
/** Where the bodies of upstream answers go while they arrive: a file, or nowhere. */



/** A sink that writes the body to a file, for zips: memory stays flat whatever their size. */
class FileSink {
    file;
    bytes = 0;
    handle;
    /** Chunks not yet on disk: written a few hundred KiB at a time, not one system call per packet. */
    pending = [];
    pendingBytes = 0;
    flushed = 0;
    constructor(file) {
        this.file = file;
    }
    async write(chunk) {
        this.pending.push(chunk);
        this.pendingBytes += chunk.length;
        this.bytes += chunk.length;
        if (this.pendingBytes >= FILE_SINK_BATCH_BYTES)
            await this.flush();
    }
    async reset() {
        this.bytes = 0;
        this.flushed = 0;
        this.pending = [];
        this.pendingBytes = 0;
        if (this.handle)
            await this.handle.truncate(0);
    }
    /** Writes what is pending and closes the file; the sink can be written again (a resumed body). */
    async close() {
        if (this.handle === undefined && this.flushed === 0) {
            // A body that fits in one batch, as most module zips do: written at once, without a file handle.
            await this.writeWhole();
            return;
        }
        await this.flush();
        await this.handle?.close();
        this.handle = undefined;
    }
    async writeWhole() {
        await creator().file(this.file, Buffer.concat(this.pending, this.pendingBytes));
        this.flushed = this.pendingBytes;
        this.pending = [];
        this.pendingBytes = 0;
    }
    async flush() {
        if (this.pendingBytes === 0)
            return;
        const chunks = this.pending;
        const length = this.pendingBytes;
        this.pending = [];
        this.pendingBytes = 0;
        // Reopened to resume a cut body: keep what is there.
        this.handle ??= await (0,promises_namespaceObject.open)(this.file, this.flushed === 0 ? 'w' : 'r+');
        await this.handle.writev(chunks, this.flushed);
        this.flushed += length;
    }
}
const FILE_SINK_BATCH_BYTES = 256 * 1024;
/** Where a body no one keeps goes: counted, then dropped. */
function nowhere() {
    let bytes = 0;
    return {
        write: async (chunk) => void (bytes += chunk.length),
        reset: async () => void (bytes = 0),
        get bytes() {
            return bytes;
        }
    };
}
/** Lets go of a body: its file removed, its memory given back. */
async function discard(sink) {
    if (sink instanceof SpillSink)
        return sink.discard();
    if (sink instanceof FileSink) {
        await sink.close().catch(() => undefined);
        await (0,promises_namespaceObject.rm)(sink.file, { force: true });
    }
}

;// CONCATENATED MODULE: ./src/policy/loop-lag.ts
/**
 * How long this process's event loop has been held up. While it is, no socket is read, so a clock that
 * measures a mirror's silence must not count that time: the relay's own lag is not the mirror's.
 */

const TICK_MS = 20;
class LoopLag {
    blocked = 0;
    last = external_node_perf_hooks_namespaceObject.performance.now();
    timer;
    histogram;
    constructor() {
        this.timer = setInterval(() => {
            const now = external_node_perf_hooks_namespaceObject.performance.now();
            const late = now - this.last - TICK_MS;
            // A timer is a little late now and then; only a real hold-up counts.
            if (late > 5)
                this.blocked += late;
            this.last = now;
        }, TICK_MS);
        this.timer.unref();
        this.histogram = (0,external_node_perf_hooks_namespaceObject.monitorEventLoopDelay)({ resolution: 10 });
        this.histogram.enable();
    }
    /** ms the loop has been held up since this monitor started; differences give the lag over a span. */
    blockedMs() {
        // A hold-up still going on counts too: the tick that will measure it has not run yet.
        const pending = external_node_perf_hooks_namespaceObject.performance.now() - this.last - TICK_MS;
        return this.blocked + (pending > 5 ? pending : 0);
    }
    /** The event loop's delay, p99 and max in ms, since the monitor started. */
    delay() {
        return {
            p99Ms: Math.round(this.histogram.percentile(99) / 1e5) / 10,
            maxMs: Math.round(this.histogram.max / 1e5) / 10
        };
    }
}
let loop_lag_shared;
/** The process's one monitor, started on first use. */
function loopLag() {
    loop_lag_shared ??= new LoopLag();
    return loop_lag_shared;
}

;// CONCATENATED MODULE: ./src/failures/net-errors.ts
const connection = (go) => ({ class: 'connection', transient: true, go });
const timeout = (go) => ({ class: 'timeout', transient: true, go });
const net_errors_reset = (go) => ({ class: 'reset', transient: true, go });
const certificate = (go) => ({ class: 'tls', transient: false, go: `x509: ${go}` });
/** Node's system, DNS, undici and certificate error codes in the engine's classes, with go's wording. */
const NODE_ERRORS = {
    ECONNREFUSED: connection('connection refused'),
    ENETUNREACH: connection('network is unreachable'),
    EHOSTUNREACH: connection('no route to host'),
    EHOSTDOWN: connection('host is down'),
    EADDRNOTAVAIL: connection('cannot assign requested address'),
    ENOTFOUND: { class: 'dns', transient: false, go: 'no such host' },
    ENODATA: { class: 'dns', transient: false, go: 'no such host' },
    EAI_AGAIN: { class: 'dns', transient: true, go: 'server misbehaving' },
    ESERVFAIL: { class: 'dns', transient: true, go: 'server misbehaving' },
    ETIMEDOUT: timeout('i/o timeout'),
    UND_ERR_CONNECT_TIMEOUT: timeout('i/o timeout'),
    UND_ERR_HEADERS_TIMEOUT: timeout('timeout awaiting response headers'),
    UND_ERR_BODY_TIMEOUT: timeout('i/o timeout'),
    ECONNRESET: net_errors_reset('connection reset by peer'),
    ECONNABORTED: net_errors_reset('software caused connection abort'),
    EPIPE: net_errors_reset('broken pipe'),
    UND_ERR_SOCKET: net_errors_reset('EOF'),
    UND_ERR_CLOSED: net_errors_reset('use of closed network connection'),
    // An answer node's HTTP parser could not read, or a compressed body that does not decompress.
    HPE_INVALID_CONSTANT: { class: 'bad-response', transient: true, go: 'malformed HTTP response' },
    HPE_INVALID_STATUS: { class: 'bad-response', transient: true, go: 'malformed HTTP status code' },
    HPE_INVALID_HEADER_TOKEN: { class: 'bad-response', transient: true, go: 'malformed MIME header line' },
    Z_DATA_ERROR: { class: 'truncated', transient: true, go: 'gzip: invalid header' },
    Z_BUF_ERROR: { class: 'truncated', transient: true, go: 'unexpected EOF' },
    DEPTH_ZERO_SELF_SIGNED_CERT: certificate('certificate signed by unknown authority'),
    SELF_SIGNED_CERT_IN_CHAIN: certificate('certificate signed by unknown authority'),
    UNABLE_TO_GET_ISSUER_CERT: certificate('certificate signed by unknown authority'),
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: certificate('certificate signed by unknown authority'),
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: certificate('certificate signed by unknown authority'),
    CERT_HAS_EXPIRED: certificate('certificate has expired or is not yet valid'),
    CERT_NOT_YET_VALID: certificate('certificate has expired or is not yet valid'),
    ERR_TLS_CERT_ALTNAME_INVALID: certificate('certificate is not valid for the host')
};
/** The code of a Node error, or of the error fetch wraps in its cause; '' when there is none. */
function nodeErrorCode(error) {
    const own = error?.code;
    const cause = error?.cause?.code;
    return typeof own === 'string' ? own : typeof cause === 'string' ? cause : '';
}
/**
 * A Node network error (a socket's, a DNS lookup's, fetch's or a certificate check's) as a failure
 * class, with go's wording for it; other TLS codes are `tls`, anything else `unknown` in Node's words.
 */
function classifyNodeError(error) {
    const code = nodeErrorCode(error);
    // libuv names Winsock's errors as POSIX's (WSAECONNREFUSED is ECONNREFUSED); Winsock's own names mean the same.
    const known = NODE_ERRORS[code] ?? NODE_ERRORS[code.replace(/^WSAE/, 'E')];
    if (known)
        return { class: known.class, transient: known.transient, message: known.go };
    const cause = error?.cause?.message;
    const own = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
    const message = (typeof cause === 'string' && cause) || own || code || String(error);
    if (/CERT|TLS|SSL/.test(code))
        return { class: 'tls', transient: false, message };
    return { class: 'unknown', transient: true, message };
}

;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");
;// CONCATENATED MODULE: ./src/policy/collect.ts
/**
 * Body buffers live outside V8's heap, and V8 collects them only once tens of MiB of them are dead: a
 * relay moving hundreds of MiB would hold that much for nothing. After every few MiB of bodies passed
 * on, a young-generation collection (a few ms) frees them.
 */


const EVERY_BYTES = 8 * 1024 * 1024;
let collector;
let dropped = 0;
function collectorOf() {
    if (collector === undefined) {
        try {
            (0,external_node_v8_namespaceObject.setFlagsFromString)('--expose-gc');
            collector = (0,external_node_vm_namespaceObject.runInNewContext)('gc');
        }
        catch {
            collector = null;
        }
    }
    return collector ?? undefined;
}
/** Counts body bytes this thread has let go of, and collects them once there are enough. */
function bodyDropped(bytes) {
    dropped += bytes;
    if (dropped < EVERY_BYTES)
        return;
    dropped = 0;
    collectorOf()?.({ type: 'minor' });
}

;// CONCATENATED MODULE: ./src/policy/stall.ts
/** How often a watch looks: often enough for a short window, at most once a second. */
function stallTick(stallTimeoutMs) {
    return Math.max(20, Math.min(1000, Math.floor(stallTimeoutMs / 5)));
}
class StallWatch {
    opts;
    last;
    lagAtLast;
    started;
    received = 0;
    expected = Number.NaN;
    answeredYet = false;
    /** Bytes received at each look within the last window, for the trickle floor. */
    window;
    timer;
    now;
    constructor(opts) {
        this.opts = opts;
        this.now = opts.now ?? Date.now;
        this.started = this.now();
        this.last = this.started;
        this.lagAtLast = opts.lag?.blockedMs() ?? 0;
        this.window = [{ at: this.started, total: 0 }];
        this.timer = setInterval(() => this.check(), stallTick(opts.stallTimeoutMs));
        this.timer.unref();
    }
    /** Something arrived: a line, a status line, or `bytes` of a body. */
    progress(bytes = 0) {
        this.received += bytes;
        this.last = this.now();
        this.lagAtLast = this.opts.lag?.blockedMs() ?? 0;
    }
    /** The source answered (its headers came): progress, and from now on a trickle counts as a stall. */
    answered() {
        this.answeredYet = true;
        this.progress();
    }
    /** The bytes the body will bring, when its length is known: one nearly done needs only the rest. */
    expect(bytes) {
        this.expected = bytes;
    }
    stop() {
        clearInterval(this.timer);
    }
    check() {
        const now = this.now();
        this.opts.look?.(now);
        const stall = this.opts.stallTimeoutMs;
        const lagged = (this.opts.lag?.blockedMs() ?? 0) - this.lagAtLast;
        const silent = now - this.last - lagged >= stall;
        if (silent || (this.answeredYet && this.trickles(now))) {
            this.stop();
            this.opts.onStall();
        }
    }
    trickles(now) {
        const perSecond = this.opts.minBytesPerSecond;
        if (perSecond === undefined)
            return false;
        const stall = this.opts.stallTimeoutMs;
        this.window.push({ at: now, total: this.received });
        while (this.window.length > 1 && this.window[1].at <= now - stall)
            this.window.shift();
        const oldest = this.window[0];
        const floor = Math.min((perSecond * stall) / 1000, Number.isNaN(this.expected) ? Number.POSITIVE_INFINITY : this.expected - oldest.total);
        return now - this.started >= stall && this.received - oldest.total < floor;
    }
}

;// CONCATENATED MODULE: ./src/relay/file-mirror.ts
/** A file:// mirror: a folder in go's download cache layout, read as the relay reads an http one. */




/**
 * The file of a path below a file:// mirror's folder: each segment a plain file name (no separator of
 * any platform, no dot segment, no drive), joined onto the folder and checked to be still inside it.
 */
function fileBelowFolder(folder, requestPath, paths = (external_node_path_default())) {
    let segments;
    try {
        segments = requestPath.split('/').map(segment => decodeURIComponent(segment));
    }
    catch {
        return undefined;
    }
    const plain = (segment) => segment !== '' && !/^\.+$/.test(segment) && !/[\\/:\0]/.test(segment);
    if (!segments.every(plain))
        return undefined;
    const root = paths.resolve(folder);
    const file = paths.resolve(root, ...segments);
    const inside = paths.relative(root, file);
    return inside !== '' && !inside.startsWith('..') && !paths.isAbsolute(inside) ? file : undefined;
}
/** One file from a file:// mirror, as an upstream answer: a missing file is a 404, as go reads it. */
async function fetchFile(req) {
    let file;
    try {
        file = fileBelowFolder((0,external_node_url_namespaceObject.fileURLToPath)(req.mirror.base), req.path);
    }
    catch {
        file = undefined;
    }
    if (!file)
        return {
            kind: 'error',
            class: 'bad-response',
            transient: false,
            detail: 'a path that is not a file below the mirror'
        };
    try {
        const info = await (0,promises_namespaceObject.stat)(file);
        if (!info.isFile())
            return { kind: 'status', status: 404, statusText: 'Not Found', text: '' };
        if (info.size > req.limit)
            return {
                kind: 'error',
                class: 'bad-response',
                transient: true,
                detail: `the file is larger than ${req.limit} bytes`
            };
        req.onHeaders?.();
        await req.sink.reset();
        const signal = AbortSignal.any([...req.signals]);
        for await (const chunk of (0,external_node_fs_namespaceObject.createReadStream)(file, { signal })) {
            await req.sink.write(chunk);
            req.onData?.(chunk.length);
        }
        return { kind: 'ok', bytes: req.sink.bytes, acceptRanges: false };
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return { kind: 'status', status: 404, statusText: 'Not Found', text: '' };
        return { kind: 'error', class: 'local', transient: false, detail: error.message };
    }
}

;// CONCATENATED MODULE: ./src/relay/upstream.ts









/**
 * A body slower than this over a whole stall window counts as stalled (a trickle is a stall with
 * manners); one that is nearly done needs only its remaining bytes.
 */
const MIN_BYTES_PER_SECOND = 128;
const MAX_REDIRECTS = 10;
/** Sends one GET to one mirror and streams the body into the sink; never throws, never retries. */
async function fetchUpstream(req) {
    if (req.mirror.kind === 'file')
        return fetchFile(req);
    let url = belowBase(req.mirror.base, req.path);
    if (!url)
        return badResponse('a path outside the mirror', false);
    const visited = new Set();
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        visited.add(url.href);
        // Credentials go to the mirror itself only: its origin, below its base path, on every hop.
        const authorization = upstream_isBelowBase(url, req.mirror.base) ? req.mirror.authorization : undefined;
        const result = await fetchOnce(req, url, authorization);
        if (result.kind !== 'redirect')
            return result;
        let next;
        try {
            next = new URL(result.location, url);
        }
        catch {
            return badResponse(`redirect to an unreadable location ${JSON.stringify(result.location.slice(0, 100))}`);
        }
        // Where a mirror's redirects lead is its configuration: asking again changes nothing.
        if (next.protocol !== 'http:' && next.protocol !== 'https:')
            return misconfigured(`redirects to a ${next.protocol.slice(0, 20)} URL, which is not HTTP`);
        if (url.protocol === 'https:' && next.protocol !== 'https:')
            return misconfigured(`redirects from https to ${redactUrl(next.origin)}, which is not secure`);
        if (visited.has(next.href))
            return misconfigured('redirects in a loop');
        url = next;
    }
    return misconfigured(`redirects more than ${MAX_REDIRECTS} times`);
}
function misconfigured(detail) {
    return { kind: 'error', class: 'bad-response', transient: false, detail, misconfigured: true };
}
/**
 * The URL of a path below a mirror's base: the base's own path with the path appended, and checked
 * to be still below it once parsed (the path is one the relay rebuilt, so this never fails in practice).
 */
function belowBase(base, path) {
    if (path.startsWith('/') || path.includes('\\') || path.includes('?') || path.includes('#'))
        return undefined;
    const url = new URL(base.href);
    url.pathname = `${base.pathname}${path}`;
    return upstream_isBelowBase(url, base) ? url : undefined;
}
/** Whether a URL has the base's origin and lies below its path: where a mirror's credentials may go. */
function upstream_isBelowBase(url, base) {
    return (url.origin === base.origin &&
        url.username === '' &&
        url.password === '' &&
        url.pathname.startsWith(base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`));
}
async function fetchOnce(req, url, authorization) {
    const stall = new AbortController();
    let stalled = false;
    let headersSeen = false;
    let received = 0;
    let expected = Number.NaN;
    const watch = new StallWatch({
        stallTimeoutMs: req.stallTimeoutMs,
        // The relay's own hold-ups are not the mirror's silence: the stall clock leaves them out.
        lag: loopLag(),
        minBytesPerSecond: MIN_BYTES_PER_SECOND,
        onStall: () => {
            stalled = true;
            stall.abort();
        }
    });
    const headers = {
        'accept-encoding': 'identity',
        'user-agent': 'go-mod-download-action (relay)'
    };
    if (authorization)
        headers.authorization = authorization;
    const offset = req.resume ? req.sink.bytes : 0;
    if (req.resume && offset > 0) {
        headers.range = `bytes=${offset}-`;
        if (req.resume.etag && !req.resume.etag.startsWith('W/'))
            headers['if-range'] = req.resume.etag;
    }
    try {
        const response = await sendGet(url, {
            headers,
            signals: [...req.signals, stall.signal],
            agent: req.agent(url)
        });
        headersSeen = true;
        watch.answered();
        req.onHeaders?.();
        const status = response.statusCode ?? 0;
        const header = (name) => {
            const value = response.headers[name];
            return Array.isArray(value) ? value[0] : value;
        };
        if (status >= 300 && status < 400 && status !== 304 && header('location')) {
            response.resume();
            return { kind: 'redirect', location: header('location') };
        }
        if (status !== 200 && !(status === 206 && offset > 0)) {
            const text = await upstream_readText(response, 4096);
            return {
                kind: 'status',
                status,
                statusText: external_node_http_namespaceObject.STATUS_CODES[status] ?? '',
                text,
                retryAfterMs: parseRetryAfter(header('retry-after'))
            };
        }
        const etag = header('etag');
        const acceptRanges = header('accept-ranges') === 'bytes';
        if (status === 206) {
            const range = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(header('content-range') ?? '');
            const etagChanged = req.resume?.etag !== undefined && etag !== undefined && etag !== req.resume.etag;
            if (!range || Number(range[1]) !== offset || etagChanged) {
                response.destroy();
                await req.sink.reset();
                return {
                    kind: 'error',
                    class: 'bad-response',
                    transient: true,
                    detail: 'a Range answer that does not fit'
                };
            }
        }
        else if (offset > 0) {
            await req.sink.reset();
        }
        const encoding = (header('content-encoding') ?? 'identity').toLowerCase();
        const decoder = decoderFor(encoding);
        if (decoder === null)
            return badResponse(`unsupported Content-Encoding ${encoding.slice(0, 40)}`);
        if (!decoder)
            expected = Number(header('content-length') ?? Number.NaN);
        watch.expect(expected);
        if (expected > req.limit) {
            response.destroy();
            return badResponse(`the body is larger than ${req.limit} bytes`);
        }
        req.onBody?.(expected);
        const body = decoder ? response.pipe(decoder) : response;
        if (decoder)
            response.on('error', error => decoder.destroy(error));
        for await (const chunk of body) {
            received += chunk.length;
            watch.progress(chunk.length);
            if (req.sink.bytes + chunk.length > req.limit) {
                // Destroyed rather than aborted: an abort would raise an error on a body no one listens to now.
                response.destroy();
                return badResponse(`the body is larger than ${req.limit} bytes`);
            }
            await req.sink.write(chunk);
            req.onData?.(chunk.length);
            bodyDropped(chunk.length);
        }
        const length = Number(header('content-length') ?? Number.NaN);
        if (!decoder && Number.isInteger(length) && received !== length) {
            return {
                kind: 'error',
                class: 'truncated',
                transient: true,
                detail: 'unexpected EOF',
                resumable: { etag }
            };
        }
        return {
            kind: 'ok',
            bytes: req.sink.bytes,
            contentType: header('content-type'),
            etag,
            acceptRanges: acceptRanges || status === 206
        };
    }
    catch (error) {
        if (stalled) {
            return {
                kind: 'error',
                class: 'stalled',
                transient: true,
                detail: headersSeen
                    ? `no progress for ${seconds(req.stallTimeoutMs)} in the body`
                    : `no answer for ${seconds(req.stallTimeoutMs)}`,
                resumable: headersSeen ? {} : undefined
            };
        }
        if (req.signals.some(signal => signal.aborted)) {
            const timedOut = req.signals.some(signal => signal.aborted && signal.reason?.name === 'TimeoutError');
            return timedOut
                ? { kind: 'error', class: 'timeout', transient: true, detail: "the step's time budget ran out" }
                : { kind: 'error', class: 'stalled', transient: true, detail: 'cancelled' };
        }
        const failure = classifyUpstreamError(error);
        // Once the headers are in, a connection that drops is a body cut short.
        if (headersSeen && failure.class === 'reset')
            return { ...failure, class: 'truncated', detail: 'unexpected EOF', resumable: {} };
        return { ...failure, resumable: headersSeen && failure.transient ? {} : undefined };
    }
    finally {
        watch.stop();
    }
}
function decoderFor(encoding) {
    if (encoding === 'identity' || encoding === '')
        return undefined;
    if (encoding === 'gzip' || encoding === 'x-gzip')
        return (0,external_node_zlib_namespaceObject.createGunzip)();
    if (encoding === 'deflate')
        return (0,external_node_zlib_namespaceObject.createInflate)();
    if (encoding === 'br')
        return (0,external_node_zlib_namespaceObject.createBrotliDecompress)();
    return null;
}
/** A garbled answer may be a passing fault; a refused redirect is not. */
function badResponse(detail, transient = true) {
    return { kind: 'error', class: 'bad-response', transient, detail };
}
async function upstream_readText(body, max) {
    const chunks = [];
    let size = 0;
    try {
        for await (const chunk of body) {
            if (size < max)
                chunks.push(chunk.subarray(0, max - size));
            size += chunk.length;
            if (size >= max)
                break;
        }
    }
    catch {
        // What arrived of an error page is enough.
    }
    body.destroy();
    return Buffer.concat(chunks).toString('utf8');
}
/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function seconds(ms) {
    return `${Math.round(ms / 100) / 10} s`;
}
/** A Node error on an upstream request as a failure class, in go's words (failures/net-errors.ts). */
function classifyUpstreamError(error) {
    const known = classifyNodeError(error);
    return {
        kind: 'error',
        class: known.class,
        transient: known.transient,
        detail: known.message.slice(0, 200)
    };
}

;// CONCATENATED MODULE: ./src/relay/try.ts
/**
 * One try: one request to one mirror, its body into a sink, the copy checked against go.sum, and the
 * outcome judged once. The judgement feeds the mirror's health here and the walk's next step after.
 */










const HEDGE_PROGRESS_BYTES = 8 * 1024;
function succeeded(t) {
    return t.result.kind === 'ok' && t.verdict?.ok === true;
}
/** Starts one try on a mirror once it has a connection slot; the result is judged and accounted for. */
function startTry(ctx, file, mirror, opts) {
    const { request, record } = file;
    const { control, resume } = opts;
    const wanted = opts.wanted ?? (() => true);
    // Waiting for a free connection slot is not the mirror's silence: the clock starts once it is sent.
    // Nor is the relay's own lag: time the event loop was held up is left out.
    let last;
    let lagAtLast = 0;
    // Once the body is in, the mirror owes nothing more: the time the copy takes to be checked is the
    // relay's, and no hedge goes out for it.
    let received = false;
    const lag = loopLag();
    const mark = () => {
        last = ctx.clock.now();
        lagAtLast = lag.blockedMs();
    };
    let release;
    let released = false;
    const giveBack = () => {
        if (released || !release)
            return;
        released = true;
        release();
    };
    let sinceMark = 0;
    const tryRecord = {
        mirror: mirror.endpoint.label,
        hedge: opts.hedge,
        startMs: ctx.clock.now() - ctx.startedAt,
        durationMs: 0,
        bytes: 0,
        outcome: 'failed',
        waitedMs: opts.waitedMs,
        resumedAt: resume && resume.sink.bytes > 0 ? resume.sink.bytes : undefined
    };
    record.tries.push(tryRecord);
    const run = (async () => {
        release = await mirror.slots.acquire(record.servedToGo, control.signal);
        if (control.signal.aborted || !wanted()) {
            // Given up before it was sent: no request, and no try to report.
            giveBack();
            record.tries.splice(record.tries.indexOf(tryRecord), 1);
            const result = { kind: 'error', class: 'stalled', transient: true, detail: 'cancelled' };
            return {
                mirror,
                record: tryRecord,
                result,
                sink: resume?.sink ?? nowhere(),
                judgement: judge(result, ctx.policy.onChecksumMismatch),
                unsent: true
            };
        }
        const started = ctx.clock.now();
        mark();
        tryRecord.startMs = started - ctx.startedAt;
        const sink = resume?.sink ?? newSink(ctx, request);
        mirror.stats.requests++;
        try {
            const result = await fetchUpstream({
                mirror: mirror.endpoint,
                path: file.rawPath,
                sink,
                limit: limitFor(request),
                signals: [control.signal, ctx.stopped],
                stallTimeoutMs: ctx.policy.stallTimeoutMs,
                resume: resume ? { etag: resume.etag } : undefined,
                agent: ctx.agent,
                onHeaders: () => {
                    mark();
                    tryRecord.firstByteMs = ctx.clock.now() - started;
                    ctx.mirrors.heardFrom(mirror);
                    ctx.onProgress();
                },
                // A thread to hash a large zip starts while its body arrives, not once it is in.
                onBody: asksFor(request, 'zip') ? anticipateZip : undefined,
                onData: bytes => {
                    // A trickle is not progress worth waiting for: the hedge clock moves on every 8 KiB or so.
                    sinceMark += bytes;
                    if (sinceMark >= HEDGE_PROGRESS_BYTES) {
                        sinceMark = 0;
                        mark();
                    }
                    mirror.stats.bytes += bytes;
                    ctx.onProgress();
                }
            });
            received = true;
            if (sink instanceof FileSink)
                await sink.close();
            tryRecord.durationMs = ctx.clock.now() - started;
            tryRecord.bytes = sink.bytes;
            if (result.kind === 'status') {
                tryRecord.status = result.status;
                tryRecord.detail = `${result.status} ${result.statusText}`.trim();
                if (result.status === 404 || result.status === 410)
                    mirror.stats.answered = true;
            }
            else if (result.kind === 'error') {
                tryRecord.detail = result.detail;
            }
            let verdict;
            if (result.kind === 'ok') {
                tryRecord.status = 200;
                verdict = await verify(ctx, request, sink);
                if (!verdict.ok)
                    tryRecord.detail = verdict.reason;
            }
            const out = { mirror, record: tryRecord, result, sink, verdict };
            if (!succeeded(out))
                out.judgement = judgeTry(result, verdict, ctx.policy.onChecksumMismatch);
            account(ctx, out);
            return out;
        }
        finally {
            giveBack();
            ctx.onProgress();
        }
    })();
    const quietFor = () => last === undefined || received
        ? 0
        : Math.max(0, Math.round(ctx.clock.now() - last - (lag.blockedMs() - lagAtLast)));
    return { run, quietFor, yieldSlot: giveBack, sent: () => last !== undefined };
}
/** Where a body goes: a zip to a file, anything else to memory while the budget has room. */
function newSink(ctx, request) {
    const scratch = external_node_path_default().join(ctx.storeDir, 'tmp');
    if (asksFor(request, 'zip')) {
        return new FileSink(scratchName(scratch));
    }
    return new SpillSink({
        dir: scratch,
        budget: ctx.budget,
        inMemoryBytes: asksFor(request, 'mod') ? MOD_IN_MEMORY_BYTES : Infinity
    });
}
async function verify(ctx, request, sink) {
    if (request.kind !== 'version')
        return verifyText(sink.head);
    const sums = ctx.sums.get(`${request.module}@${request.version}`);
    if (request.file === 'zip')
        return verifyZip(sink.file, sums?.zip, sink.bytes);
    const small = sink;
    if (request.file === 'mod')
        return verifyModDigest(small.head, small.sha256(), sums?.mod);
    return verifyInfo(await small.read(), request.version);
}
/** Stats and health after a try; a cancelled hedge loser is settled by the race. */
function account(ctx, t) {
    const { mirror, record, judgement } = t;
    if (!judgement) {
        mirror.stats.ok++;
        mirror.stats.answered = true;
        mirror.budget.answered();
        mirror.breaker.success();
        if (record.firstByteMs !== undefined)
            mirror.latencies.add(record.firstByteMs);
        return;
    }
    if (t.result.kind === 'error' && t.result.detail === 'cancelled')
        return;
    if (t.result.kind === 'error' && t.result.misconfigured && !mirror.misconfigured) {
        mirror.misconfigured = t.result.detail;
        ctx.onEvent({
            kind: 'misconfigured',
            file: '',
            mirror: mirror.endpoint.label,
            text: `${t.result.detail}: skipped for the rest of the run`
        });
    }
    record.class = judgement.class;
    mirror.countFailure(judgement.class);
    if (judgement.unhealthy && mirror.breaker.failure(ctx.clock.now())) {
        mirror.stats.breakerTrips++;
        ctx.onEvent({
            kind: 'breaker',
            file: '',
            mirror: mirror.endpoint.label,
            text: `${judgement.detail}: skipped for a while after ${mirror.breaker.trips === 1 ? 'repeated' : 'more'} failures`
        });
    }
}
/** A copy stopped because its mirror is down: its silence, not a failure to judge or retry. */
function cutShort(t, why) {
    if (t.result.kind !== 'error' || t.result.detail !== 'cancelled')
        return t;
    const { mirror, record } = t;
    record.class = 'stalled';
    if (why === 'unsent') {
        record.detail = 'not asked: the mirror is down';
        return { ...t, judgement: downJudgement(record.detail) };
    }
    record.detail = `no answer for ${record.durationMs} ms; the mirror is down`;
    mirror.countFailure('stalled');
    return { ...t, judgement: downJudgement(record.detail) };
}
/** A down mirror's silence: no word on the file, and no reason to try it again now. */
function downJudgement(detail) {
    const { action, breaker } = MIRROR_RULES.down;
    return { class: 'stalled', transient: true, action, unhealthy: breaker, down: true, detail };
}
/** The judgement of a try that did not bring a verified copy. */
function judgeTry(result, verdict, onChecksumMismatch) {
    return verdict && !verdict.ok
        ? verdictJudgement(verdict, onChecksumMismatch)
        : judge(result, onChecksumMismatch);
}
/** A failed answer judged by the decision table: its class, then what the request and the mirror's health make of it. */
function judge(result, onChecksumMismatch) {
    if (result.kind === 'error') {
        const failure = { class: result.class, transient: result.transient, misconfigured: result.misconfigured };
        return judged(failure, result.detail, onChecksumMismatch);
    }
    const { class: failureClass, transient } = classifyStatus(result.status, result.text);
    const detail = `${result.status} ${result.statusText}`.trim();
    return judged({ class: failureClass, transient }, detail, onChecksumMismatch, result.retryAfterMs);
}
/** A copy that fails its checks: a mismatch with go.sum, or a garbled copy. */
function verdictJudgement(verdict, onChecksumMismatch) {
    const failure = verdict.mismatch
        ? { class: 'checksum-mismatch', transient: false }
        : { class: 'bad-response', transient: true };
    return judged(failure, verdict.reason, onChecksumMismatch);
}
function judged(failure, detail, onChecksumMismatch, retryAfterMs) {
    const { action, breaker, appointment } = decideRequest(failure, onChecksumMismatch);
    return {
        class: failure.class,
        transient: failure.transient,
        action,
        unhealthy: breaker,
        ...(failure.class === 'not-found' && !failure.transient ? { notFound: true } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(appointment && retryAfterMs !== undefined ? { appointment: true } : {}),
        detail
    };
}
function limitFor(request) {
    if (request.kind === 'sumdb')
        return MAX_SUMDB_BYTES;
    if (request.kind !== 'version')
        return MAX_LIST_BYTES;
    if (request.file === 'info')
        return MAX_INFO_BYTES;
    return request.file === 'zip' ? MAX_ZIP_BYTES + 1 : MAX_MOD_BYTES;
}

;// CONCATENATED MODULE: ./src/relay/hedge.ts
/**
 * Hedging, after The Tail at Scale and gRPC's hedging policy: a try that has not answered (or whose body
 * has stopped moving) within its mirror's hedge delay is sent again, to the next mirror or to the same
 * one on a fresh connection, and the first verified copy wins. A down mirror (health.ts `Liveness`) is no
 * hedge's target once another mirror was asked, and is waited for one hedge delay at most.
 */




/** Copies of one try beyond the first: a second hedge goes out when the first goes quiet too. */
const MAX_HEDGES = 2;
/** The hedge deadline of a mirror: its recent p95 time to first byte, never below the floor. */
function hedgeDelay(policy, mirror) {
    const floor = policy.hedgeFloorMs ?? 1000;
    const p95 = mirror.latencies.recentPercentile(95) ?? 0;
    return Math.min(Math.max(floor, p95), Math.max(floor, policy.stallTimeoutMs / 2));
}
/**
 * One try on a mirror, with at most two hedges: when the copies under way have not answered (or their
 * bodies have not moved) within the mirror's hedge deadline, the same request goes to the next mirror (or
 * to the same one on a fresh connection) and the first verified copy wins; the others are cancelled.
 */
async function race(ctx, file, mirror, opts) {
    const { policy } = ctx;
    const { hedgeTarget, askedElsewhere } = opts;
    const primaryControl = new AbortController();
    const primary = {
        target: mirror,
        control: primaryControl,
        ...startTry(ctx, file, mirror, {
            hedge: false,
            control: primaryControl,
            resume: opts.resume,
            waitedMs: opts.waitedMs,
            // Once its mirror is down, a try still waiting for a connection slot gives way to the next mirror.
            wanted: () => !mirror.liveness.isDown() || hedgeTarget() === mirror
        })
    };
    const hedges = [];
    let primaryResult;
    const hedgeMs = hedgeDelay(policy, mirror);
    // Whether a mirror other than the copy's own was asked for the file: then a down one is not waited for.
    const elsewhere = (copy) => copy.target !== mirror ||
        askedElsewhere ||
        hedges.some(h => h.result !== undefined && h.target !== mirror);
    const watchSilence = () => {
        const now = ctx.clock.now();
        for (const copy of [primary, ...hedges]) {
            if (copy.result || copy.cut)
                continue;
            const { liveness } = copy.target;
            const copyHedgeMs = hedgeDelay(policy, copy.target);
            const quiet = copy.quietFor();
            if (liveness.quiet(quiet, copyHedgeMs, now))
                ctx.mirrors.wentDown(copy.target, `no answer for ${Math.round(quiet)} ms`);
            const patience = liveness.patienceMs(policy.stallTimeoutMs, copyHedgeMs, elsewhere(copy));
            if (patience < policy.stallTimeoutMs && quiet >= patience) {
                copy.cut = 'quiet';
                copy.control.abort();
            }
            else if (copy === primary && liveness.isDown() && !copy.sent() && hedgeTarget() !== mirror) {
                // Still waiting for a connection slot when its mirror went down: the next mirror is asked instead.
                copy.cut = 'unsent';
                copy.control.abort();
            }
        }
    };
    const outcome = await new Promise(resolve => {
        const finish = (value) => {
            clearInterval(timer);
            resolve(value);
        };
        const settle = () => {
            if (primaryResult && succeeded(primaryResult)) {
                for (const h of hedges)
                    h.control.abort();
                return finish({ winner: primaryResult, loser: primaryResult });
            }
            const won = hedges.find(h => h.result && succeeded(h.result));
            if (won?.result) {
                primaryControl.abort();
                for (const h of hedges)
                    if (h !== won)
                        h.control.abort();
                return finish({ winner: won.result, loser: won.result });
            }
            if (primaryResult && hedges.every(h => h.result))
                finish({ loser: primaryResult });
        };
        const timer = setInterval(() => {
            watchSilence();
            if (hedges.length >= MAX_HEDGES || primaryResult || ctx.clock.now() >= policy.deadline)
                return;
            // A hedge goes out when every copy under way has been quiet for the hedge delay.
            const quietFor = Math.min(primary.quietFor(), ...hedges.map(h => (h.result ? Infinity : h.quietFor())));
            if (quietFor < hedgeMs)
                return;
            // The silence that sends a hedge may make the mirror down: settled before its slots are given up.
            watchSilence();
            const target = hedgeTarget();
            // A down mirror is no hedge's target once another mirror has been asked, not even on a new connection.
            const another = askedElsewhere || hedges.some(h => h.target !== mirror);
            if ((target.liveness.isDown() && another) || !target.budget.take())
                return;
            // A copy gone quiet no longer counts against `concurrency`: stalled bodies must not starve the mirror.
            // A down mirror's slots stay taken while the hedge goes elsewhere: its waiters go to the next mirror too.
            for (const copy of [primary, ...hedges])
                if (!copy.target.liveness.isDown() || copy.target === target)
                    copy.yieldSlot();
            mirror.stats.hedges++;
            const control = new AbortController();
            const hedge = { target, control, ...startTry(ctx, file, target, { hedge: true, control }) };
            hedges.push(hedge);
            const where = target === mirror ? 'the same mirror on a new connection' : target.endpoint.label;
            fileEvent(ctx, 'hedge', file.record, mirror.endpoint.label, `no progress for ${quietFor} ms; asking ${where} too`);
            void hedge.run.then(result => {
                hedge.result = hedge.cut ? cutShort(result, hedge.cut) : result;
                settle();
            });
        }, Math.max(20, Math.min(250, Math.floor(hedgeMs / 4))));
        timer.unref();
        void primary.run.then(result => {
            const cut = primary.cut ?? (result.unsent ? 'unsent' : undefined);
            primaryResult = cut ? cutShort(result, cut) : result;
            primary.result = primaryResult;
            settle();
        });
    });
    if (outcome.winner) {
        if (outcome.winner.record.hedge)
            outcome.winner.mirror.stats.hedgesWon++;
        for (const run of [primary.run, ...hedges.map(h => h.run)]) {
            void run.then(async (result) => {
                if (result === outcome.winner)
                    return;
                result.record.outcome = 'lost';
                if (!result.record.hedge && !result.unsent)
                    quietLoser(ctx, result);
                await discard(result.sink);
            });
        }
    }
    else {
        for (const h of hedges)
            void h.run.then(result => discard(result.sink));
    }
    return outcome;
}
/** A copy that lost to a hedge without ever answering tells the breaker the mirror went quiet. */
function quietLoser(ctx, loser) {
    if (loser.record.firstByteMs !== undefined)
        return;
    loser.record.class = 'stalled';
    loser.record.detail = 'no answer before another copy arrived';
    const { mirror } = loser;
    mirror.countFailure('stalled');
    const { breaker } = decideRequest({ class: 'stalled', transient: true }, ctx.policy.onChecksumMismatch);
    if (breaker && mirror.breaker.failure(ctx.clock.now()))
        mirror.stats.breakerTrips++;
}

;// CONCATENATED MODULE: ./src/relay/mirrors.ts




class MirrorSet {
    list;
    ctx;
    trialTimers = new Set();
    constructor(
    /** As listed. */
    list, ctx) {
        this.list = list;
        this.ctx = ctx;
    }
    /**
     * Mirrors in the order to try: healthy ones as listed, then those a probe or the breaker found
     * unwell, then those that are down.
     */
    order() {
        const now = this.ctx.clock.now();
        const usable = this.list.filter(m => !m.misconfigured);
        const down = usable.filter(m => m.liveness.isDown());
        const well = usable.filter(m => !m.suspect && !m.breaker.isOpen(now) && !down.includes(m));
        const unwell = usable.filter(m => !well.includes(m) && !down.includes(m));
        return [...well, ...unwell, ...down];
    }
    /** Whether a mirror can be asked now: set up right, its breaker closed, and not down. */
    usable(mirror) {
        return !mirror.misconfigured && !mirror.breaker.isOpen(this.ctx.clock.now()) && !mirror.liveness.isDown();
    }
    /** What the connectivity probe heard from a mirror, as soon as it has. */
    probed(mirror, verdict) {
        if (mirror.liveness.probed(verdict, this.ctx.clock.now())) {
            this.wentDown(mirror, 'the probe had no answer from it');
        }
    }
    /** Any answer from a mirror: one that was down is back, in its listed place. */
    heardFrom(mirror) {
        if (!mirror.liveness.answered())
            return;
        mirror.suspect = false;
        this.ctx.onEvent({
            kind: 'up',
            file: '',
            mirror: mirror.endpoint.label,
            text: 'answered again: no longer down, and asked in its listed place'
        });
    }
    wentDown(mirror, why) {
        this.scheduleTrial(mirror);
        this.ctx.onEvent({
            kind: 'down',
            file: '',
            mirror: mirror.endpoint.label,
            text: `${why}, and none since the relay started: down; asked only after the other mirrors, for ${hedgeDelay(this.ctx.policy, mirror)} ms at most, and again in the background now and then`
        });
    }
    /** Stops the background requests to come. */
    close() {
        for (const timer of this.trialTimers)
            clearTimeout(timer);
    }
    /** The next background request to a down mirror (half-open), at the time its liveness says. */
    scheduleTrial(mirror) {
        if (this.ctx.closed.aborted || mirror.endpoint.kind !== 'http')
            return;
        const wait = mirror.liveness.claimTrial(this.ctx.clock.now());
        if (wait === undefined)
            return;
        const timer = setTimeout(() => {
            this.trialTimers.delete(timer);
            void this.trial(mirror);
        }, wait);
        timer.unref();
        this.trialTimers.add(timer);
    }
    /**
     * One request to a down mirror's root, in the background, with the full stall window: no one waits
     * for it, and any answer (its status line is enough) ends the downtime. Not counted among the
     * mirror's requests: it fetches nothing for anyone.
     */
    async trial(mirror) {
        const control = new AbortController();
        let answered = !mirror.liveness.isDown();
        if (!answered) {
            await fetchUpstream({
                mirror: mirror.endpoint,
                path: '',
                sink: nowhere(),
                limit: MAX_INFO_BYTES,
                signals: [control.signal, this.ctx.stopped],
                stallTimeoutMs: this.ctx.policy.stallTimeoutMs,
                agent: this.ctx.agent,
                onHeaders: () => {
                    answered = true;
                    control.abort();
                    this.heardFrom(mirror);
                }
            });
        }
        mirror.liveness.trialDone(answered, this.ctx.clock.now());
        this.scheduleTrial(mirror);
    }
}

;// CONCATENATED MODULE: ./src/policy/backoff.ts

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base * 2^(retry-1))].
 * Rate limits start two doublings higher.
 */
function backoffDelay(retry, classes, settings, random) {
    const boost = classes.some(c => CLASS_TRAITS[c].slowBackoff) ? 2 : 0;
    const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** (retry - 1 + boost));
    return Math.round(random() * ceiling);
}

;// CONCATENATED MODULE: ./src/relay/walk.ts






const MAX_PUSHBACKS = 10;
/** Walks the mirrors for one file: the copy that won, or the answer go gets when none did. */
async function walkMirrors(ctx, file, opts = {}) {
    const { only } = opts;
    const order = ctx.mirrors.order().filter(m => !only || only.includes(m));
    const words = [];
    let skipped = 0;
    const broken = ctx.mirrors.list.filter(m => m.misconfigured && (!only || only.includes(m)));
    const usable = (from) => order.slice(from).filter(o => ctx.mirrors.usable(o));
    const now = () => ctx.clock.now();
    const deferred = new Set();
    for (let m = 0; m < order.length; m++) {
        const mirror = order[m];
        if (mirror.misconfigured)
            continue;
        // One that went down since the request began waits behind the others too.
        if (mirror.liveness.isDown() && !deferred.has(mirror) && usable(m + 1).length > 0) {
            deferred.add(mirror);
            order.push(mirror);
            continue;
        }
        // Asked already, it left the file unanswered: the others' answer stands without another wait.
        if (words.length > 0 && mirror.liveness.leftUnanswered(file.rawPath)) {
            const detail = 'not asked again: it left this file unanswered, and the mirror is down';
            words.push({ mirror, judgement: downJudgement(detail) });
            continue;
        }
        // Where every mirror asked so far lacks the file, one whose breaker is open still has its say, once.
        const lastWord = mirror.breaker.isOpen(now()) &&
            !mirror.liveness.isDown() &&
            words.length > 0 &&
            words.every(f => f.judgement.notFound);
        // A down mirror is asked last, whatever its breaker says, and waited for as its liveness allows.
        const skip = !mirror.liveness.isDown() &&
            !lastWord &&
            !mirror.breaker.allows(now()) &&
            (usable(m + 1).length > 0 || words.length > 0);
        if (skip) {
            skipped++;
            continue;
        }
        const said = await askMirror(ctx, file, mirror, words, {
            tries: lastWord ? 1 : ctx.policy.maxAttempts,
            others: () => usable(m + 1),
            askedElsewhere: opts.alongside === true || words.some(f => f.mirror !== mirror),
            tryOnce: opts.tryOnce ?? race
        });
        if (said)
            return said;
    }
    return { lost: giveUp(ctx, file, giveUpWords(file.record.name, words, skipped, broken)) };
}
/**
 * One mirror's tries: again after a backoff while its failures call for it and its retry budget allows,
 * a Retry-After kept as an appointment, a body cut short resumed. Undefined when the walk goes on.
 */
async function askMirror(ctx, file, mirror, words, opts) {
    const { policy } = ctx;
    const { record } = file;
    let resume;
    let waited;
    let pushbacks = 0;
    for (let attempt = 1; attempt <= opts.tries; attempt++) {
        if (ctx.clock.now() >= policy.deadline) {
            if (resume)
                await discard(resume.sink);
            const text = `${record.name}: the step's time budget ran out`;
            return { lost: giveUp(ctx, file, { status: 502, class: 'timeout', transient: true, text }) };
        }
        const outcome = await opts.tryOnce(ctx, file, mirror, {
            hedgeTarget: () => opts.others()[0] ?? mirror,
            resume,
            waitedMs: waited,
            askedElsewhere: opts.askedElsewhere
        });
        if (outcome.winner)
            return { won: outcome.winner };
        const loser = outcome.loser;
        const judgement = loser.judgement;
        words.push({ mirror, judgement });
        if (judgement.class === 'checksum-mismatch') {
            record.mismatched = [...new Set([...(record.mismatched ?? []), mirror.endpoint.label])];
            fileEvent(ctx, 'mismatch', record, mirror.endpoint.label, judgement.detail);
        }
        if (judgement.action === 'stop') {
            await discard(loser.sink);
            const said = judgement.class === 'checksum-mismatch'
                ? 'served a copy that does not match go.sum'
                : judgement.detail;
            const text = `${record.name}: ${mirror.endpoint.label} ${said}`;
            return {
                lost: giveUp(ctx, file, { status: 502, class: judgement.class, transient: judgement.transient, text })
            };
        }
        const cut = loser.result.kind === 'error' ? loser.result.resumable : undefined;
        if (cut && loser.sink.bytes > 0)
            resume = { sink: loser.sink, etag: cut.etag };
        else {
            resume = undefined;
            await discard(loser.sink);
        }
        if (judgement.down && !loser.unsent)
            mirror.liveness.unanswered(file.rawPath);
        if (judgement.notFound || judgement.down)
            break;
        const alone = opts.others().length === 0;
        const worthIt = askAgain(judgement, !alone);
        // A Retry-After the table calls an appointment is not a failed try (at most ten).
        const pushback = judgement.appointment === true && pushbacks < MAX_PUSHBACKS;
        // Another mirror that can answer now beats waiting for this one's appointment.
        if (pushback && !alone)
            break;
        if (pushback) {
            pushbacks++;
            attempt--;
        }
        if (attempt >= policy.maxAttempts || !worthIt || !mirror.budget.take())
            break;
        waited = waitBefore(ctx, attempt, judgement);
        if (ctx.clock.now() + waited >= policy.deadline)
            break;
        mirror.stats.retries++;
        fileEvent(ctx, 'retry', record, mirror.endpoint.label, `${judgement.detail}; try ${attempt + 1} of ${policy.maxAttempts} in ${waited} ms`);
        if (waited > 0)
            await pause(ctx, waited);
    }
    if (resume)
        await discard(resume.sink);
    return undefined;
}
/**
 * How a walk without a copy ends, ranked as cmd/go ranks its mirrors' errors, most telling first: a
 * 404 only when every mirror that said anything said the file does not exist (a down mirror's silence
 * is no word on it); else the reason mirrors could not be asked at all; else the last failure that was
 * not a not-found decides. A mirror's last word counts: a 503 that turned into a 404 is a not-found.
 */
function giveUpWords(name, words, skipped, broken) {
    const lastWords = new Map();
    for (const f of words)
        lastWords.set(f.mirror, f.judgement);
    const heard = [...lastWords].filter(([, j]) => !j.down);
    const down = [...lastWords].filter(([, j]) => j.down).map(([d]) => d.endpoint.label);
    if (heard.length > 0 && skipped === 0 && heard.every(([, j]) => j.notFound)) {
        const silent = down.length > 0 ? `; ${down.join(', ')} down (no answer since the relay started)` : '';
        const where = heard.map(([l]) => l.endpoint.label).join(', ');
        return {
            status: 404,
            class: 'not-found',
            transient: false,
            text: `${name}: not found on ${where}${silent}`
        };
    }
    if (lastWords.size === 0 && broken.length > 0) {
        const reasons = broken.map(b => `${b.endpoint.label} ${b.misconfigured}`);
        return { status: 502, class: 'bad-response', transient: false, text: `${name}: ${reasons.join('; ')}` };
    }
    if (lastWords.size === 0)
        return { status: 502, class: 'connection', transient: true, text: `${name}: every mirror is unreachable` };
    const decisive = [...words].reverse().find(f => !f.judgement.notFound) ?? words[words.length - 1];
    return {
        status: 502,
        class: decisive.judgement.class,
        transient: decisive.judgement.transient,
        text: `${name}: ${summarise(words)}`
    };
}
/** What each mirror said, in order, a repeated word counted: `m: 503 Service Unavailable ×3; n: 404 Not Found`. */
function summarise(words) {
    const byMirror = new Map();
    for (const { mirror, judgement } of words) {
        const counts = byMirror.get(mirror.endpoint.label) ?? new Map();
        counts.set(judgement.detail, (counts.get(judgement.detail) ?? 0) + 1);
        byMirror.set(mirror.endpoint.label, counts);
    }
    return [...byMirror]
        .map(([mirror, counts]) => `${mirror}: ${[...counts].map(([d, n]) => (n > 1 ? `${d} ×${n}` : d)).join(', ')}`)
        .join('; ');
}
/** What go shows of a relay error in its own message: short, one line per mirror, plain UTF-8. */
function goText(text) {
    // go drops a server response with control characters in it, so none may reach it.
    const clean = [...text].map(c => (c < ' ' || c === '\u007f' ? ' ' : c)).join('');
    const lines = clean.split('; ').slice(0, 7);
    return `${lines.join('\n').slice(0, 600)}\n`;
}
/** The file's record says how the walk ended, the log says why (unless the file is just not there). */
function giveUp(ctx, file, end) {
    const { record } = file;
    record.outcome = ctx.closed.aborted ? 'cancelled' : end.status === 404 ? 'not-found' : 'failed';
    record.failure = { class: end.class, transient: end.transient, message: end.text };
    // go's copy of the text names the file; the log line names it already.
    const prefix = `${record.name}: `;
    const reason = end.text.startsWith(prefix) ? end.text.slice(prefix.length) : end.text;
    if (end.status !== 404)
        fileEvent(ctx, 'failed', record, '', reason);
    return { ok: false, status: end.status, text: goText(end.text), record };
}
function waitBefore(ctx, attempt, judgement) {
    const { policy } = ctx;
    const left = Math.max(0, policy.deadline - ctx.clock.now());
    if (judgement.retryAfterMs !== undefined)
        return Math.min(judgement.retryAfterMs, policy.backoff.maxMs, left);
    return Math.min(backoffDelay(attempt, [judgement.class], policy.backoff, ctx.clock.random), left);
}
/** A deliberate wait, which tells the download's watchdog every second that the relay is still at work. */
async function pause(ctx, ms) {
    const until = ctx.clock.now() + ms;
    while (ctx.clock.now() < until && !ctx.closed.aborted) {
        await ctx.clock.sleep(Math.min(1000, until - ctx.clock.now()));
        ctx.onProgress();
    }
}

;// CONCATENATED MODULE: ./src/relay/store.ts
/**
 * Where a request starts and ends: the verified files the relay holds, one walk per file however many
 * ask for it at once (relay/walk.ts), and the prefetch's files written into go's own download cache.
 */









class Store {
    opts;
    inFlight = new Map();
    stored = new Map();
    filesDir;
    records = [];
    /** The latest record of each file, by the key the store uses. */
    latest = new Map();
    abort = new AbortController();
    ctx;
    fromStore = 0;
    constructor(opts) {
        this.opts = opts;
        const base = {
            policy: opts.policy,
            clock: opts.clock,
            sums: opts.sums,
            agent: opts.agent,
            storeDir: opts.storeDir,
            budget: opts.budget,
            startedAt: opts.startedAt,
            closed: this.abort.signal,
            stopped: stopSignal(this.abort.signal, opts.policy.deadline, opts.clock.now()),
            onProgress: opts.onProgress,
            onEvent: (event) => opts.onEvent?.(event)
        };
        this.ctx = { ...base, mirrors: new MirrorSet(opts.mirrors, base) };
    }
    /**
     * Answers a request, joining one already under way for the same file and reusing a stored one. With
     * `only`, just those mirrors are asked; `alongside` says the others are asked the same at once.
     */
    obtain(request, rawPath, by, only, alongside = false) {
        const key = storeKey(request) ?? `raw:${only ? only.map(m => m.endpoint.label).join('|') : ''}:${rawPath}`;
        const stored = this.stored.get(key);
        if (stored) {
            if (by === 'go') {
                this.fromStore++;
                stored.record.servedToGo = true;
            }
            const { charged: _charged, ...kept } = stored;
            return Promise.resolve({ ok: true, ...kept });
        }
        const running = this.inFlight.get(key);
        if (running) {
            // go now waits for it too: its next tries go ahead of the prefetch's.
            const record = this.latest.get(key);
            if (by === 'go' && record)
                record.servedToGo = true;
            return running;
        }
        const promise = this.fetch(request, rawPath, by, key, only, alongside).finally(() => this.inFlight.delete(key));
        void promise.then(answer => this.settled(key, answer));
        this.inFlight.set(key, promise);
        return promise;
    }
    /** Whether the relay holds a verified copy of the file. */
    has(request) {
        const key = storeKey(request);
        return key !== undefined && this.stored.has(key);
    }
    /** What the connectivity probe heard from a mirror, as soon as it has. */
    probed(mirror, verdict) {
        this.ctx.mirrors.probed(mirror, verdict);
    }
    /** Cancels everything under way and waits (a few seconds at most) for it to let go of its files. */
    async close() {
        this.abort.abort();
        this.ctx.mirrors.close();
        let timer;
        const bound = new Promise(resolve => (timer = setTimeout(resolve, 5000)));
        await Promise.race([Promise.allSettled([...this.inFlight.values()]), bound]);
        clearTimeout(timer);
    }
    /** After an answer: report it, and in a long-lived relay let go of what go now has in its own cache. */
    settled(key, answer) {
        this.opts.onRecord?.(answer.record);
        if (!this.opts.forgetServed)
            return;
        const index = this.records.indexOf(answer.record);
        if (index >= 0)
            this.records.splice(index, 1);
        if (this.latest.get(key) === answer.record)
            this.latest.delete(key);
        const stored = this.stored.get(key);
        if (stored) {
            this.stored.delete(key);
            this.opts.budget.give(stored.charged ?? 0);
            if (stored.file)
                removeLater(stored.file);
        }
    }
    async fetch(request, rawPath, by, key, only, alongside) {
        const record = {
            name: describeProxyRequest(request),
            module: 'module' in request ? request.module : undefined,
            version: request.kind === 'version' ? request.version : undefined,
            file: request.kind === 'version' ? request.file : request.kind,
            requestedBy: by,
            tries: [],
            outcome: 'failed',
            servedToGo: by === 'go'
        };
        this.records.push(record);
        this.latest.set(key, record);
        const file = { request, rawPath, record };
        const walked = await walkMirrors(this.ctx, file, { only, alongside });
        return 'won' in walked ? this.accept(file, key, walked.won) : walked.lost;
    }
    async accept(file, key, winner) {
        const { request, record } = file;
        winner.record.outcome = 'ok';
        record.outcome = 'ok';
        record.servedBy = winner.mirror.endpoint.label;
        record.bytes = winner.sink.bytes;
        const contentType = contentTypeOf(request);
        const cached = await this.intoCache(request, record, winner);
        if (cached) {
            record.cached = true;
            const stored = { file: cached, size: winner.sink.bytes, contentType, record };
            this.stored.set(key, stored);
            return { ok: true, ...stored };
        }
        if (winner.sink instanceof FileSink) {
            const stored = { file: await this.keep(winner.sink.file), size: winner.sink.bytes, contentType, record };
            this.stored.set(key, stored);
            return { ok: true, ...stored };
        }
        const size = winner.sink.bytes;
        const body = await winner.sink.take();
        if ('file' in body) {
            // A small file the budget had no room for stays on disk, as a zip does.
            if (request.kind !== 'version') {
                removeLater(body.file);
                return { ok: true, size, file: body.file, contentType, record };
            }
            const stored = { file: await this.keep(body.file), size, contentType, record };
            this.stored.set(key, stored);
            return { ok: true, ...stored };
        }
        const { data, charged } = body;
        // Kept small files stay in the budget until they are let go; an answer that is not kept leaves it now.
        if (request.kind === 'version')
            this.stored.set(key, { data, size, contentType, record, charged });
        else
            this.opts.budget.give(charged);
        return { ok: true, size, data, contentType, record };
    }
    /**
     * A verified file the prefetch fetched, written into go's download cache (unless go asked for it
     * meanwhile); the path it now has there, or undefined when it stays the relay's.
     */
    async intoCache(request, record, winner) {
        const cache = this.opts.cache;
        if (!cache || request.kind !== 'version' || record.servedToGo || !winner.verdict?.ok)
            return;
        const want = this.opts.sums.get(`${request.module}@${request.version}`);
        if (request.file === 'zip') {
            // A .ziphash makes go skip its own hashing: only for a zip that hashed to go.sum's line.
            if (want?.zip === undefined || winner.verdict.hash !== want.zip)
                return;
            const body = winner.sink.file;
            const { result, file } = await cache.writeZip(request.module, request.version, body, want.zip);
            if (result === 'failed')
                return;
            // go's cache holds it now, under its own name: the body's name goes.
            removeFile(body);
            return file;
        }
        if (request.file === 'mod' && (want?.mod === undefined || winner.verdict.hash !== want.mod))
            return;
        const sink = winner.sink;
        const { result, file } = await cache.writeSmall(request.module, request.version, request.file, await sink.read());
        if (result === 'failed')
            return;
        // On disk in go's cache now: the relay's copy, and its share of the memory budget, go.
        await sink.discard();
        return file;
    }
    /** Moves a verified file from scratch into the store's own folder. */
    async keep(scratch) {
        this.filesDir ??= (async () => {
            const dir = external_node_path_default().join(this.opts.storeDir, 'files');
            await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
            return dir;
        })();
        const file = external_node_path_default().join(await this.filesDir, (0,external_node_crypto_namespaceObject.randomUUID)());
        await (0,promises_namespaceObject.rename)(scratch, file);
        return file;
    }
}
function storeKey(request) {
    return request.kind === 'version' ? `${request.module}@${request.version}.${request.file}` : undefined;
}
/** A file an answer is still being streamed from: go has it long before this. */
function removeLater(file) {
    setTimeout(() => void (0,promises_namespaceObject.rm)(file, { force: true }), 60_000).unref();
}
function contentTypeOf(request) {
    if (asksFor(request, 'zip'))
        return 'application/zip';
    if (asksFor(request, 'info'))
        return 'application/json';
    return 'text/plain; charset=utf-8';
}

;// CONCATENATED MODULE: ./src/relay/relay.ts














/** An unguessable path prefix for the relay: go refuses credentials on an http:// proxy, so the secret is a path. */
function newRelaySecret() {
    return (0,external_node_crypto_namespaceObject.randomBytes)(16).toString('hex');
}
/** Starts the relay on a port the OS chooses, with an unguessable path prefix. */
async function startRelay(opts) {
    const clock = opts.clock ?? realClock;
    const startedAt = clock.now();
    const secret = opts.secret ?? newRelaySecret();
    // Inside the cache writer's scratch folder (on the cache's file system, so its files can be linked
    // into place), in a folder of the relay's own: the writer still writes there after the relay closes.
    const storeDir = opts.storeDir ??
        (opts.cache
            ? external_node_path_default().join(opts.cache.scratch, 'relay')
            : await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'go-mod-relay-')));
    await makeScratch(external_node_path_default().join(storeDir, 'tmp'));
    const netrc = readNetrc(opts.env);
    const mirrors = opts.mirrors.map(value => {
        const endpoint = mirrorEndpoint(value, netrc);
        const suspect = opts.tryLast?.includes(value) ?? false;
        return new MirrorState(endpoint, opts.policy.concurrency, suspect, opts.policy.downRetryMs);
    });
    const pools = connectionPools(opts.env, { connections: opts.policy.concurrency + 2, ca: opts.ca });
    let progress = 0;
    const budget = new MemoryBudget(opts.memoryBytes);
    const sums = new Map(opts.sums);
    const store = new Store({
        budget,
        mirrors,
        policy: opts.policy,
        sums,
        clock,
        agent: url => pools.forUrl(url),
        storeDir,
        startedAt,
        onProgress: () => progress++,
        onEvent: opts.onEvent,
        onRecord: opts.onRecord,
        forgetServed: opts.forgetServed,
        cache: opts.cache
    });
    const probed = (value, heard) => {
        const index = opts.mirrors.indexOf(value);
        const mirror = mirrors[index];
        if (mirror)
            store.probed(mirror, heard);
    };
    for (const [value, heard] of Object.entries(opts.heard ?? {}))
        probed(value, heard);
    const prefix = `/${secret}/`;
    const routes = relayRoutes({
        store,
        mirrors,
        env: opts.env,
        sums,
        prefix,
        progress: () => progress,
        control: opts.control,
        onRequest: opts.onRequest
    });
    const server = (0,external_node_http_namespaceObject.createServer)((req, res) => {
        void routes.handle(req, res).catch(() => {
            if (!res.headersSent)
                sendText(res, 500, 'the relay failed on this request\n');
            else
                res.destroy();
        });
    });
    const sockets = new Set();
    server.on('connection', socket => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address();
    const url = `http://127.0.0.1:${port}/${secret}`;
    return {
        url,
        secret,
        secrets: mirrors.flatMap(m => credentialForms(m.endpoint)),
        progress: () => progress,
        explain(requestUrl) {
            const at = requestUrl.indexOf(prefix);
            if (at < 0)
                return undefined;
            const request = parseProxyPath(requestUrl.slice(at + prefix.length).split('?')[0]);
            if (!request)
                return undefined;
            const key = storeKey(request);
            if (key)
                return store.latest.get(key);
            return [...store.records].reverse().find(r => r.name === describeProxyRequest(request));
        },
        fetch: (request, by = 'prefetch') => store.obtain(request, upstreamPath(request), by),
        holds: request => store.has(request),
        probed,
        report: () => {
            const { peakBytes, limitBytes } = budget.usage();
            return { ...buildReport(store, mirrors, routes.privateRecords), memory: { peakBytes, limitBytes } };
        },
        memory: () => budget.usage(),
        async close() {
            await store.close();
            await new Promise(resolve => {
                server.close(() => resolve());
                for (const socket of sockets)
                    socket.destroy();
            });
            pools.close();
            await (0,promises_namespaceObject.rm)(storeDir, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
        }
    };
}
/** What the relay did, for the report: per mirror, and per file that needed help or failed. */
function buildReport(store, mirrors, privateRecords) {
    const files = store.records.filter(r => r.outcome !== 'cancelled' &&
        (r.outcome !== 'ok' ||
            r.tries.length > 1 ||
            (r.servedBy !== undefined && r.servedBy !== r.tries[0]?.mirror)));
    return {
        mirrors: mirrors
            .filter(m => m.stats.requests > 0)
            .map(m => ({
            ...m.stats,
            p50Ms: m.latencies.percentile(50),
            p95Ms: m.latencies.percentile(95),
            ...(m.liveness.isDown() ? { down: true } : {})
        })),
        files: [...files, ...privateRecords],
        totals: {
            files: store.records.length,
            servedToGo: store.records.filter(r => r.servedToGo).length,
            fromStore: store.fromStore,
            intoCache: store.records.filter(r => r.cached).length,
            bytes: store.records.reduce((sum, r) => sum + (r.bytes ?? 0), 0)
        }
    };
}

;// CONCATENATED MODULE: ./src/relay/daemon.ts









/** The environment a detached relay gets: what reaching mirrors needs, and never a token or an input. */
function daemonEnvironment(env, platform = process.platform) {
    const keep = [
        'PATH',
        'HOME',
        'TMPDIR',
        'TMP',
        'TEMP',
        'NODE_EXTRA_CA_CERTS',
        'SSL_CERT_FILE',
        'SSL_CERT_DIR',
        // The runner finds processes a job left behind by this variable: keep it, so nothing outlives the job.
        'RUNNER_TRACKING_ID',
        ...(platform === 'win32' ? ['SystemRoot', 'USERPROFILE', 'ComSpec', 'PATHEXT', 'windir'] : [])
    ];
    const result = {};
    for (const name of keep)
        if (env[name] !== undefined)
            result[name] = env[name];
    return result;
}
/** The spawn options of a detached relay on each platform: its own process group, no console, no step pipes. */
function daemonSpawnOptions(platform, logFd) {
    // On Windows a child holding the step's pipes is killed with the step, and on Unix the step waits 5 s for it.
    return { detached: true, windowsHide: platform === 'win32', stdio: ['ignore', logFd, logFd, 'pipe'] };
}
/**
 * Starts the relay as a process of its own that outlives the step: config in a private file, output to
 * a log, readiness (port and secret) reported on fd 3, and then let go of, so the step can exit.
 */
async function spawnDaemon(opts) {
    const platform = opts.platform ?? process.platform;
    const dir = await mkdtemp(path.join(opts.tempDir, 'go-mod-relay-'));
    const controlSecret = newControlSecret();
    const joinSecret = newControlSecret();
    const config = {
        ...opts.config,
        journal: path.join(dir, 'journal.jsonl'),
        controlSecret,
        joinSecret
    };
    const configFile = path.join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify(config), { mode: 0o600 });
    const log = openSync(path.join(dir, 'relay.log'), 'a', 0o600);
    let child;
    try {
        child = spawn(process.execPath, 
        // A small heap, collected early: the relay holds little (zips are on disk), and must stay small beside go.
        ['--max-semi-space-size=1', '--max-old-space-size=64', opts.script, configFile], {
            ...daemonSpawnOptions(platform, log),
            env: daemonEnvironment(opts.env, platform)
        });
    }
    finally {
        closeSync(log);
    }
    try {
        const ready = await readiness(child, opts.readyTimeoutMs ?? 10_000);
        child.unref();
        return {
            pid: child.pid,
            port: ready.port,
            secret: ready.secret,
            controlSecret,
            joinSecret,
            dir
        };
    }
    catch (error) {
        child.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
        throw error;
    }
}
function readiness(child, timeoutMs) {
    const channel = child.stdio[3];
    return new Promise((resolve, reject) => {
        let text = '';
        const done = (error, value) => {
            clearTimeout(timer);
            channel.removeAllListeners();
            child.removeListener('exit', onExit);
            channel.destroy();
            if (error)
                reject(error);
            else
                resolve(value);
        };
        const onExit = (code) => done(new Error(`the relay exited before it was ready (exit ${code})`));
        const timer = setTimeout(() => done(new Error(`the relay was not ready within ${timeoutMs} ms`)), timeoutMs);
        channel.setEncoding('utf8');
        channel.on('data', (chunk) => {
            text += chunk;
            const newline = text.indexOf('\n');
            if (newline < 0)
                return;
            try {
                const parsed = JSON.parse(text.slice(0, newline));
                done(undefined, parsed);
            }
            catch {
                done(new Error('the relay reported something other than its address'));
            }
        });
        channel.on('error', error => done(error));
        child.once('exit', onExit);
    });
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (error) {
        return error.code === 'EPERM';
    }
    // An ended process whose parent has not reaped it yet (a zombie) still answers signal 0.
    return process.platform !== 'linux' || linuxState(pid) !== 'Z';
}
function linuxState(pid) {
    try {
        const stat = (0,external_node_fs_namespaceObject.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    }
    catch {
        return undefined;
    }
}
/**
 * The process as the relay watches it: its pid, and on Linux its start time, which a later process
 * reusing the pid does not share. Undefined when there is no such process.
 */
function watchedProcess(pid, platform = process.platform) {
    // 0 and 1 are no worker: a process in a container sees its parent as 0, an orphan as init.
    if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid))
        return undefined;
    return { pid, startedAt: platform === 'linux' ? linuxStartTime(pid) : undefined };
}
/** Whether a watched process is still there: alive, and on Linux the same process, not a reused pid. */
function stillRunning(watched, platform = process.platform) {
    if (!isAlive(watched.pid))
        return false;
    if (platform !== 'linux' || watched.startedAt === undefined)
        return true;
    return linuxStartTime(watched.pid) === watched.startedAt;
}
function linuxStartTime(pid) {
    try {
        const stat = (0,external_node_fs_namespaceObject.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    }
    catch {
        return undefined;
    }
}
/**
 * Stops a detached relay and reads its journal: a shutdown request with a challenge, which only the
 * relay can answer with the right proof (relay/control.ts); a bounded wait for it to end; and a kill
 * only for a process that proved to be the relay. Anything that does not prove it is left alone.
 * Never throws.
 */
async function stopDaemon(handle, opts = {}) {
    const waitMs = opts.waitMs ?? 5000;
    const answer = await askRelay({
        port: handle.port,
        secret: handle.controlSecret,
        action: 'shutdown',
        pid: handle.pid
    });
    let how;
    if (!answer.proven)
        how = isAlive(handle.pid) ? 'unproven' : 'gone';
    else {
        const deadline = Date.now() + waitMs;
        while (isAlive(handle.pid) && Date.now() < deadline)
            await new Promise(resolve => setTimeout(resolve, 50));
        how = 'stopped';
        if (isAlive(handle.pid)) {
            try {
                process.kill(handle.pid, 'SIGKILL');
                how = 'killed';
            }
            catch {
                how = 'left';
            }
        }
    }
    const lines = await readJournal(path.join(handle.dir, 'journal.jsonl'));
    await rm(handle.dir, { recursive: true, force: true }).catch(() => undefined);
    const stopped = lines.findLast((l) => l.t === 'stopped');
    return { how, lines, stopped };
}
/**
 * The detached relay's life: read (and delete) the config, serve until told to stop or idle for too
 * long, journal every file, and report readiness on fd 3.
 */
async function serveDaemon(configFile, readyFd = 3) {
    const config = JSON.parse(await (0,promises_namespaceObject.readFile)(configFile, 'utf8'));
    await (0,promises_namespaceObject.rm)(configFile, { force: true });
    const journal = new Journal(config.journal, config.journalLimitBytes);
    let requests = 0;
    let idle;
    let stopping;
    const watchers = [];
    const stop = (reason, detail) => {
        stopping ??= (async () => {
            clearTimeout(idle);
            for (const watcher of watchers)
                clearInterval(watcher);
            console.log(`relay stopping: ${reason}${detail ? ` (${detail})` : ''}`);
            await journal.write({ t: 'stats', mirrors: relay.report().mirrors, requests }, true);
            await journal.write({ t: 'stopped', reason, detail, at: new Date().toISOString() }, true);
            await relay.close();
            process.exit(0);
        })();
        return stopping;
    };
    const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(() => void stop('idle', `no request for ${Math.round(config.idleTimeoutMs / 60_000)} min`), config.idleTimeoutMs);
    };
    const relay = await startRelay({
        mirrors: config.mirrors,
        tryLast: config.tryLast,
        sums: await readGoSums(config.goSumFiles),
        env: config.env,
        // A week: the longest a self-hosted job runs is five days.
        policy: { ...config.policy, deadline: Date.now() + 7 * 24 * 3600_000 },
        forgetServed: true,
        onRecord: record => void journal.write({ t: 'file', ...journalFile(record) }),
        onRequest: () => {
            requests++;
            touch();
        },
        control: {
            secret: config.controlSecret,
            joinSecret: config.joinSecret,
            onShutdown: () => void stop('asked')
        },
        secret: config.secret
    });
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'])
        process.on(signal, () => void stop('signal', signal));
    const watched = config.watch;
    if (watched) {
        watchers.push(setInterval(() => {
            if (!stillRunning(watched))
                void stop('worker-gone', `process ${watched.pid} ended`);
        }, WATCH_INTERVAL_MS));
    }
    watchers.push(setInterval(() => {
        const heap = (0,external_node_v8_namespaceObject.getHeapStatistics)();
        if (nearHeapLimit(heap))
            void stop('out-of-memory', `${Math.round(heap.used_heap_size / 1048576)} MB of a ${Math.round(heap.heap_size_limit / 1048576)} MB heap`);
    }, 1000));
    for (const watcher of watchers)
        watcher.unref();
    touch();
    const port = Number(new URL(relay.url).port);
    (0,external_node_fs_namespaceObject.writeSync)(readyFd, `${JSON.stringify({ port, secret: relay.secret, pid: process.pid })}\n`);
    (0,external_node_fs_namespaceObject.closeSync)(readyFd);
    console.log(`relay listening on 127.0.0.1:${port} (pid ${process.pid})`);
}
/** How often the relay looks for the runner's worker process. */
const WATCH_INTERVAL_MS = 2000;
/** A heap this full is about to fail: the relay stops while it still can say why. */
function nearHeapLimit(heap) {
    return heap.used_heap_size > 0.9 * heap.heap_size_limit;
}

;// CONCATENATED MODULE: ./src/job-relay.ts

// The relay that serves later steps of the job (job-proxy: true), started detached by the main step.
serveDaemon(process.argv[2] ?? '').catch((error) => {
    console.error(`relay failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
});

