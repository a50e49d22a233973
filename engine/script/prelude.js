// The workbench's JavaScript runtime, evaluated once in every script engine before the user's file.
// It returns the `host` object the C++ side drives: `host.wrap(source)` turns a CommonJS-style file
// into a function, `host.collect(exports, baseName)` lists what the file defined, `host.makeContext`
// builds the `context` an orchestrator or activity receives, and `host.step` advances a generator.
// Everything that touches the engine goes through `native`, a C++ object owned by one orchestration.
(function (global, role) {
    "use strict";

    const RealDate = global.Date;
    const realRandom = global.Math.random;
    const definitions = { orchestrators: {}, activities: {} };
    let current = null; // the orchestration whose code is running now (orchestrator role only)

    function fail(message) {
        throw new Error(message);
    }

    // ---- Determinism guard: orchestrator code sees the episode's time and a seeded generator. ----
    function episodeNow(what) {
        if (!current)
            fail(what + " is not available here: orchestrator scripts may only read the time inside "
                 + "orchestrator code, where it is the episode's time (replay-safe)");
        return current.native.nowMs();
    }

    if (role === "orchestrator") {
        const GuardedDate = function () {
            const args = Array.prototype.slice.call(arguments);
            if (!new.target)
                return new RealDate(episodeNow("Date()")).toString();
            if (args.length === 0)
                return new RealDate(episodeNow("new Date()"));
            return Reflect.construct(RealDate, args, new.target);
        };
        GuardedDate.prototype = RealDate.prototype;
        GuardedDate.UTC = RealDate.UTC;
        GuardedDate.parse = RealDate.parse;
        GuardedDate.now = function () {
            return episodeNow("Date.now()");
        };
        global.Date = GuardedDate;
        global.Math.random = function () {
            if (!current)
                fail("Math.random() is not available here: in orchestrator scripts it is a generator "
                     + "seeded from the instance id, usable only inside orchestrator code");
            return current.random();
        };
    }

    // Mulberry32: small, fast, and the same sequence under replay for the same seed.
    function seededRandom(seedText) {
        let seed = 2166136261;
        for (let i = 0; i < seedText.length; ++i)
            seed = Math.imul(seed ^ seedText.charCodeAt(i), 16777619);
        return function () {
            seed = (seed + 0x6D2B79F5) | 0;
            let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
    }

    // ---- JSON across the boundary: text both ways, so Dates and undefined behave as in JSON. ----
    function toJson(value) {
        const text = JSON.stringify(value);
        return text === undefined ? "" : text;
    }
    function fromJson(text) {
        return text === "" ? undefined : JSON.parse(text);
    }

    // ---- A minimal, deterministic subset of moment.js for the seed samples. ----
    const unitMs = { ms: 1, millisecond: 1, milliseconds: 1, s: 1000, second: 1000, seconds: 1000,
                     m: 60000, minute: 60000, minutes: 60000, h: 3600000, hour: 3600000, hours: 3600000,
                     d: 86400000, day: 86400000, days: 86400000, w: 604800000, week: 604800000,
                     weeks: 604800000 };
    function Moment(ms) {
        this.ms = ms;
    }
    function momentMs(value) {
        if (value instanceof Moment)
            return value.ms;
        if (value === undefined)
            return Date.now();
        const ms = new RealDate(value instanceof RealDate ? value.getTime() : value).getTime();
        if (isNaN(ms))
            fail("moment: not a date: " + value);
        return ms;
    }
    Moment.prototype.add = function (amount, unit) {
        const factor = unitMs[unit === undefined ? "ms" : unit];
        if (factor === undefined)
            fail("moment: unknown unit '" + unit + "'");
        return new Moment(this.ms + Number(amount) * factor);
    };
    Moment.prototype.subtract = function (amount, unit) {
        return this.add(-Number(amount), unit);
    };
    Moment.prototype.isBefore = function (other) {
        return this.ms < momentMs(other);
    };
    Moment.prototype.isAfter = function (other) {
        return this.ms > momentMs(other);
    };
    Moment.prototype.diff = function (other, unit) {
        return (this.ms - momentMs(other)) / unitMs[unit === undefined ? "ms" : unit];
    };
    Moment.prototype.toDate = function () {
        return new RealDate(this.ms);
    };
    Moment.prototype.valueOf = function () {
        return this.ms;
    };
    Moment.prototype.toISOString = function () {
        return new RealDate(this.ms).toISOString();
    };
    Moment.prototype.toJSON = Moment.prototype.toISOString;
    const moment = function (value) {
        return new Moment(momentMs(value));
    };
    moment.utc = moment;

    // ---- Tasks: JavaScript handles on the engine's futures. ----
    function DurableTask(native, handle, kind, children) {
        this._native = native;
        this._handle = handle;
        this._kind = kind; // "single", "all" or "any"
        this._children = children;
    }
    Object.defineProperty(DurableTask.prototype, "isCompleted", {
        get: function () {
            return this._native.isDone(this._handle);
        }
    });
    Object.defineProperty(DurableTask.prototype, "isFaulted", {
        get: function () {
            return this._native.isFaulted(this._handle);
        }
    });
    Object.defineProperty(DurableTask.prototype, "result", {
        get: function () {
            if (!this._native.isDone(this._handle) || this._native.isFaulted(this._handle))
                return undefined;
            if (this._kind === "any")
                return this._children[this._native.resultIndex(this._handle)];
            if (this._kind === "all")
                return this._children.map(function (task) {
                    return task.result;
                });
            if (!("_value" in this))
                this._value = fromJson(this._native.resultJson(this._handle));
            return this._value;
        }
    });
    Object.defineProperty(DurableTask.prototype, "exception", {
        get: function () {
            return this._native.isFaulted(this._handle) ? this._error() : undefined;
        }
    });
    DurableTask.prototype.cancel = function () {
        this._native.cancel(this._handle);
    };
    // Lets `tasks.reduce((sum, task) => sum + task, 0)` add results, as the seed's fan-out does.
    DurableTask.prototype.valueOf = function () {
        return this.result;
    };
    DurableTask.prototype._error = function () {
        const failureJson = this._native.failureJson(this._handle);
        const failure = JSON.parse(failureJson);
        const error = new Error(failure.errorMessage);
        // Read by the host when the error escapes the orchestrator: its failure then points at
        // the file and line where the task failed, not at this line of the runtime.
        error.durableFailure = failureJson;
        error.file = failure.file;
        error.line = failure.line;
        error.attempt = failure.attempt;
        error.name = failure.errorType || "Error";
        error.errorType = failure.errorType;
        error.errorDetails = failure.errorDetails;
        return error;
    };

    function handlesOf(tasks, what) {
        if (!Array.isArray(tasks))
            fail(what + " expects an array of tasks");
        return tasks.map(function (task) {
            if (!(task instanceof DurableTask))
                fail(what + " expects tasks created by context.df");
            return task._handle;
        });
    }

    function retryArguments(options) {
        if (!options || typeof options.firstRetryIntervalInMilliseconds !== "number")
            fail("retry options need firstRetryIntervalInMilliseconds and maxNumberOfAttempts "
                 + "(use new df.RetryOptions(first, max))");
        return [options.firstRetryIntervalInMilliseconds, options.maxNumberOfAttempts || 1,
                options.backoffCoefficient || 1, options.maxRetryIntervalInMilliseconds || 0,
                options.retryTimeoutInMilliseconds || 0];
    }

    function logArguments(args) {
        return Array.prototype.map.call(args, function (value) {
            return typeof value === "string" ? value : JSON.stringify(value);
        }).join(" ");
    }

    function makeOrchestrationContext(native) {
        const state = { native: native, random: seededRandom(native.instanceId() + "/" + native.executionId()) };
        function single(handle) {
            return new DurableTask(native, handle, "single", null);
        }
        function all(tasks) {
            return new DurableTask(native, native.whenAll(handlesOf(tasks, "Task.all")), "all", tasks.slice());
        }
        function any(tasks) {
            return new DurableTask(native, native.whenAny(handlesOf(tasks, "Task.any")), "any", tasks.slice());
        }
        function log() {
            native.log(1, logArguments(arguments));
        }
        const df = {
            callActivity: function (name, input) {
                return single(native.callActivity(String(name), toJson(input)));
            },
            callActivityWithRetry: function (name, options, input) {
                return single(native.callActivityWithRetry(String(name), toJson(input), retryArguments(options)));
            },
            callSubOrchestrator: function (name, input, instanceId) {
                return single(native.callSubOrchestrator(String(name), toJson(input),
                                                         instanceId === undefined ? "" : String(instanceId)));
            },
            callSubOrchestratorWithRetry: function (name, options, input, instanceId) {
                return single(native.callSubOrchestratorWithRetry(String(name), toJson(input),
                                                                  instanceId === undefined ? "" : String(instanceId),
                                                                  retryArguments(options)));
            },
            createTimer: function (fireAt) {
                return single(native.createTimer(momentMs(fireAt)));
            },
            waitForExternalEvent: function (name) {
                return single(native.waitForExternalEvent(String(name)));
            },
            getInput: function () {
                return fromJson(native.inputJson());
            },
            setCustomStatus: function (status) {
                native.setCustomStatus(toJson(status));
            },
            continueAsNew: function (input, keepUnprocessedEvents) {
                native.continueAsNew(toJson(input), Boolean(keepUnprocessedEvents));
            },
            newGuid: function () {
                return native.newGuid();
            },
            log: log,
            Task: { all: all, any: any },
            task: { all: all, any: any },
        };
        df.callActivityAsync = df.callActivity;
        df.callActivityWithRetryAsync = df.callActivityWithRetry;
        df.callSubOrchestratorAsync = df.callSubOrchestrator;
        Object.defineProperty(df, "instanceId", { get: function () { return native.instanceId(); } });
        Object.defineProperty(df, "isReplaying", { get: function () { return native.isReplaying(); } });
        Object.defineProperty(df, "currentUtcDateTime", {
            get: function () {
                return new RealDate(native.nowMs());
            }
        });
        const logAt = function (level) {
            return function () {
                native.log(level, logArguments(arguments));
            };
        };
        const context = { df: df, log: log, trace: logAt(0), debug: logAt(0), info: log, warn: logAt(2),
                          error: logAt(3), bindings: {} };
        Object.defineProperty(context, "instanceId", { get: function () { return native.instanceId(); } });
        return { context: context, state: state };
    }

    // Advances a generator by one yield: sends the settled task's value or throws its error.
    // Returns { done, value, task } where task is the next task to wait for.
    function step(run, generator, task) {
        current = run;
        try {
            return stepUnguarded(generator, task);
        } catch (thrown) {
            return { done: true, threw: true, error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
        } finally {
            current = null;
        }
    }
    function stepUnguarded(generator, task) {
        let next;
        if (task === null)
            next = generator.next();
        else if (task.isFaulted && task._kind !== "any")
            next = generator.throw(task._error());
        else
            next = generator.next(task.result);
        if (next.done)
            return { done: true, threw: false, value: toJson(next.value), handle: -1 };
        if (!(next.value instanceof DurableTask))
            fail("an orchestrator may only yield tasks from context.df (callActivity, createTimer, "
                 + "waitForExternalEvent, Task.all, Task.any, ...); it yielded " + typeof next.value);
        return { done: false, threw: false, value: "", handle: next.value._handle, task: next.value };
    }

    function start(run, orchestrator, context) {
        current = run;
        try {
            const generator = orchestrator(context);
            if (!generator || typeof generator.next !== "function")
                fail("an orchestrator must be a generator function (function*)");
            return generator;
        } finally {
            current = null;
        }
    }

    function makeActivityContext(native) {
        const logAt = function (level) {
            return function () {
                native.log(level, logArguments(arguments));
            };
        };
        const log = logAt(1);
        // log/trace/debug/info/warn/error as on the v4 model's InvocationContext.
        return { log: log, trace: logAt(0), debug: logAt(0), info: log, warn: logAt(2), error: logAt(3),
                 instanceId: native.instanceId(), bindings: {}, df: { log: log } };
    }

    // ---- Modules: `require`, `module.exports = df(function* ...)`, `df.orchestrator(...)`. ----
    function markOrchestrator(fn) {
        if (typeof fn !== "function")
            fail("df(...) expects a generator function");
        return { __durableOrchestrator: fn };
    }
    const df = function (fn) {
        return markOrchestrator(fn);
    };
    df.orchestrator = function (name, fn) {
        if (typeof name === "function")
            return markOrchestrator(name);
        if (typeof name !== "string" || name === "")
            fail("df.orchestrator(name, function*) needs a name");
        definitions.orchestrators[name] = markOrchestrator(fn).__durableOrchestrator;
        return markOrchestrator(fn);
    };
    // Activities run synchronously: this engine settles no promises, so an async handler would
    // "return" an empty object. Say so instead.
    function settledResult(name, result) {
        if (result && typeof result.then === "function")
            fail("activity '" + name + "' returned a Promise (an async handler?): workbench activities run "
                 + "synchronously, return the value itself");
        return result;
    }
    df.activity = function (name, fn) {
        if (typeof name !== "string" || name === "" || typeof fn !== "function")
            fail("df.activity(name, function (context, input)) needs a name and a function");
        definitions.activities[name] = function (context, input) {
            return settledResult(name, fn(context, input));
        };
    };
    // The Durable Functions for Node.js v4 programming model (npm durable-functions 3.x):
    // df.app.orchestration(name, function* | { handler }) and df.app.activity(name, { handler }),
    // whose handler takes (input, context), the reverse of df.activity's (context, input).
    function handlerOf(what, name, handlerOrOptions) {
        if (typeof name !== "string" || name === "")
            fail(what + "(name, ...) needs a name");
        const handler = typeof handlerOrOptions === "function"
            ? handlerOrOptions
            : (handlerOrOptions && handlerOrOptions.handler);
        if (typeof handler !== "function")
            fail(what + "('" + name + "', ...) needs a handler: a function or { handler: function }");
        return handler;
    }
    df.app = {
        orchestration: function (name, handlerOrOptions) {
            definitions.orchestrators[name] = handlerOf("df.app.orchestration", name, handlerOrOptions);
        },
        activity: function (name, handlerOrOptions) {
            const handler = handlerOf("df.app.activity", name, handlerOrOptions);
            definitions.activities[name] = function (context, input) {
                return settledResult(name, handler(input, context));
            };
        },
    };
    df.RetryOptions = function (firstRetryIntervalInMilliseconds, maxNumberOfAttempts) {
        this.firstRetryIntervalInMilliseconds = firstRetryIntervalInMilliseconds;
        this.maxNumberOfAttempts = maxNumberOfAttempts;
        this.backoffCoefficient = 1;
        this.maxRetryIntervalInMilliseconds = 0;
        this.retryTimeoutInMilliseconds = 0;
    };
    function require(name) {
        if (name === "durable-functions")
            return df;
        if (name === "moment")
            return moment;
        fail("require('" + name + "'): workbench scripts can only require 'durable-functions' and 'moment'");
    }

    function collect(exports, baseName) {
        const result = { orchestrators: {}, activities: {} };
        Object.keys(definitions.orchestrators).forEach(function (name) {
            result.orchestrators[name] = definitions.orchestrators[name];
        });
        Object.keys(definitions.activities).forEach(function (name) {
            result.activities[name] = definitions.activities[name];
        });
        if (exports && exports.__durableOrchestrator) {
            if (!(baseName in result.orchestrators))
                result.orchestrators[baseName] = exports.__durableOrchestrator;
        } else if (exports && typeof exports === "object") {
            Object.keys(exports).forEach(function (name) {
                const value = exports[name];
                if (value && value.__durableOrchestrator && !(name in result.orchestrators))
                    result.orchestrators[name] = value.__durableOrchestrator;
            });
        }
        return result;
    }

    function load(factory) {
        const module = { exports: {} };
        factory(require, module, module.exports);
        return module.exports;
    }

    return {
        load: load,
        collect: collect,
        makeOrchestrationContext: makeOrchestrationContext,
        makeActivityContext: makeActivityContext,
        start: start,
        step: step,
        toJson: toJson,
        fromJson: fromJson,
    };
})
