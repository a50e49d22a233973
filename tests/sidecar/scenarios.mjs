// The scenario list that every SDK spec runs (microsoft.test.mjs, dapr.test.mjs) against the
// workbench's sidecar. Each test starts its own worker (Hello + GetWorkItems stream) and client,
// and stops both afterwards, as an application would; the workbench runs for the whole file.
//
// `sdk` adapts one package:
//   name, newClient(address), newWorker(address), whenAll, whenAny, OrchestrationStatus,
//   PurgeInstanceCriteria, callSubOrchestrator(ctx, name, input, instanceId),
//   callActivityWithRetry(ctx, name, input, { attempts, firstIntervalMs }) or null,
//   customStatusValues: [first, second] and serializedCustomStatus(value): what the client returns,
//   features: { query, rewind, restart } (false: the package has no client API for it),
//             carryOverWithinAStep (false: events delivered in the same step as the continue-as-new
//             after their name's last waiter are lost by the package).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pollUntil, rejection, sidecarAddress, uniqueId } from './common.mjs';

/// Timeouts of one test: SDK_DEFAULT for what the SDKs' own e2e suites run under jest's default
/// 5 s (worker start, the whole orchestration); LONGER for timers and slower scenarios.
const SDK_DEFAULT = 5000;
const LONGER = 30000;

export function defineScenarios(sdk) {
    const { OrchestrationStatus: Status } = sdk;

    /// A worker with the given orchestrators and activities ({ name: fn }), started, and a
    /// client; both stopped after the test.
    async function connect(t, { orchestrators = {}, activities = {} } = {}) {
        const address = sidecarAddress();
        const worker = sdk.newWorker(address);
        for (const [name, fn] of Object.entries(orchestrators))
            worker.addNamedOrchestrator(name, fn);
        for (const [name, fn] of Object.entries(activities))
            worker.addNamedActivity(name, fn);
        const client = sdk.newClient(address);
        t.after(async () => {
            await client.stop();
            await worker.stop();
        });
        await worker.start();
        return client;
    }

    async function completed(client, id, timeoutSeconds = 20) {
        const state = await client.waitForOrchestrationCompletion(id, true, timeoutSeconds);
        assert.ok(state, `no state for ${id}`);
        return state;
    }

    test(`${sdk.name}: empty orchestration completes`, { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, { orchestrators: { Empty: async function* () {} } });
        const id = await client.scheduleNewOrchestration('Empty');
        const state = await completed(client, id);
        assert.equal(state.instanceId, id);
        assert.equal(state.name, 'Empty');
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, undefined, 'no result was returned: the output must be absent');
        assert.equal(state.failureDetails, undefined);
        assert.ok(state.lastUpdatedAt.getTime() >= state.createdAt.getTime());
    });

    test(`${sdk.name}: activity chaining`, { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, {
            orchestrators: {
                Chain: async function* (ctx, start) {
                    let value = start;
                    for (let i = 0; i < 10; i++)
                        value = yield ctx.callActivity('PlusOne', value);
                    return value;
                },
            },
            activities: { PlusOne: (_ctx, value) => value + 1 },
        });
        const id = await client.scheduleNewOrchestration('Chain', 1);
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedInput, '1');
        assert.equal(state.serializedOutput, '11');
    });

    test(`${sdk.name}: fan-out/fan-in of 10 activities`, { timeout: SDK_DEFAULT }, async (t) => {
        const seen = new Set();
        const client = await connect(t, {
            orchestrators: {
                FanOut: async function* (ctx, count) {
                    const tasks = [];
                    // From 1: the dapr package drops falsy activity inputs and results (0 -> absent).
                    for (let i = 1; i <= count; i++)
                        tasks.push(ctx.callActivity('Square', i));
                    return yield sdk.whenAll(tasks);
                },
            },
            activities: {
                Square: (_ctx, i) => {
                    seen.add(i);
                    return i * i;
                },
            },
        });
        const id = await client.scheduleNewOrchestration('FanOut', 10);
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, JSON.stringify([1, 4, 9, 16, 25, 36, 49, 64, 81, 100]));
        assert.deepEqual([...seen].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    test(`${sdk.name}: sub-orchestrations, single and fanned out`, { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, {
            orchestrators: {
                Parent: async function* (ctx, input) {
                    const single = yield sdk.callSubOrchestrator(ctx, 'Child', input.first, `${ctx.instanceId}-single`);
                    const many = [];
                    for (let i = 1; i <= input.count; i++)
                        many.push(sdk.callSubOrchestrator(ctx, 'Child', i, `${ctx.instanceId}-child-${i}`));
                    return { single, many: yield sdk.whenAll(many) };
                },
                Child: async function* (ctx, n) {
                    return yield ctx.callActivity('Triple', n);
                },
            },
            activities: { Triple: (_ctx, n) => n * 3 },
        });
        const id = uniqueId('parent');
        await client.scheduleNewOrchestration('Parent', { first: 100, count: 4 }, id);
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, JSON.stringify({ single: 300, many: [3, 6, 9, 12] }));
        // The children are instances of their own, with their own state.
        const child = await client.getOrchestrationState(`${id}-child-2`, true);
        assert.ok(child, 'the sub-orchestration instance must be readable');
        assert.equal(child.name, 'Child');
        assert.equal(child.runtimeStatus, Status.COMPLETED);
        assert.equal(child.serializedInput, '2');
        assert.equal(child.serializedOutput, '6');
    });

    test(`${sdk.name}: durable timer`, { timeout: LONGER }, async (t) => {
        const delayMs = 1500;
        const client = await connect(t, {
            orchestrators: {
                Sleeper: async function* (ctx) {
                    const before = ctx.currentUtcDateTime.getTime();
                    yield ctx.createTimer(new Date(before + delayMs));
                    return ctx.currentUtcDateTime.getTime() - before;
                },
            },
        });
        const id = await client.scheduleNewOrchestration('Sleeper');
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        const elapsed = state.lastUpdatedAt.getTime() - state.createdAt.getTime();
        assert.ok(elapsed >= delayMs, `lastUpdated - created = ${elapsed} ms, less than the ${delayMs} ms timer`);
        // The episode after the timer runs at a (replay-safe) time at or after its fireAt.
        assert.ok(Number(state.serializedOutput) >= delayMs, `orchestration time advanced by ${state.serializedOutput} ms`);
    });

    test(`${sdk.name}: several external events, raised before and while the orchestration waits`,
         { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, {
            orchestrators: {
                Events: async function* (ctx) {
                    const named = yield sdk.whenAll(['A', 'B', 'C'].map((name) => ctx.waitForExternalEvent(name)));
                    const items = [];
                    for (let i = 0; i < 3; i++)
                        items.push(yield ctx.waitForExternalEvent('item'));
                    return { named, items };
                },
            },
        });
        const id = await client.scheduleNewOrchestration('Events');
        // Raised right after scheduling: they may arrive while the instance is still pending.
        await client.raiseOrchestrationEvent(id, 'C', 'c');
        await client.raiseOrchestrationEvent(id, 'A', 'a');
        await client.raiseOrchestrationEvent(id, 'item', 1);
        await client.waitForOrchestrationStart(id);
        await client.raiseOrchestrationEvent(id, 'B', { b: true });
        await client.raiseOrchestrationEvent(id, 'item', 2);
        await client.raiseOrchestrationEvent(id, 'item', 3);
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, JSON.stringify({ named: ['a', { b: true }, 'c'], items: [1, 2, 3] }));
    });

    function approvalOrchestrator(timeoutMs) {
        return async function* (ctx) {
            const approval = ctx.waitForExternalEvent('approval');
            const timeout = ctx.createTimer(new Date(ctx.currentUtcDateTime.getTime() + timeoutMs));
            const winner = yield sdk.whenAny([approval, timeout]);
            return winner === approval ? { approved: approval.getResult() } : 'timed out';
        };
    }

    test(`${sdk.name}: external event with a timeout, raised in time`, { timeout: SDK_DEFAULT }, async (t) => {
        const timeoutMs = 20000;
        const client = await connect(t, { orchestrators: { EventOrTimeout: approvalOrchestrator(timeoutMs) } });
        const id = await client.scheduleNewOrchestration('EventOrTimeout');
        await client.waitForOrchestrationStart(id);
        await client.raiseOrchestrationEvent(id, 'approval', 'yes');
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, JSON.stringify({ approved: 'yes' }));
        assert.ok(state.lastUpdatedAt.getTime() - state.createdAt.getTime() < timeoutMs);
    });

    test(`${sdk.name}: external event with a timeout, not raised: the timeout branch`, { timeout: LONGER }, async (t) => {
        const timeoutMs = 1000;
        const client = await connect(t, { orchestrators: { EventOrTimeout: approvalOrchestrator(timeoutMs) } });
        const id = await client.scheduleNewOrchestration('EventOrTimeout');
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, JSON.stringify('timed out'));
        assert.ok(state.lastUpdatedAt.getTime() - state.createdAt.getTime() >= timeoutMs);
    });

    test(`${sdk.name}: terminate`, { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, { orchestrators: { Forever: async function* (ctx) { yield ctx.waitForExternalEvent('never'); } } });
        const id = await client.scheduleNewOrchestration('Forever');
        const started = await client.waitForOrchestrationStart(id);
        assert.equal(started.runtimeStatus, Status.RUNNING);
        const output = { reason: 'You got terminated!', code: 7 };
        await client.terminateOrchestration(id, output);
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.TERMINATED);
        assert.equal(state.serializedOutput, JSON.stringify(output));
        assert.equal(state.failureDetails, undefined);
    });

    test(`${sdk.name}: suspend and resume`, { timeout: LONGER }, async (t) => {
        const client = await connect(t, { orchestrators: { WaitGo: async function* (ctx) { return yield ctx.waitForExternalEvent('go'); } } });
        const id = await client.scheduleNewOrchestration('WaitGo');
        await client.waitForOrchestrationStart(id);
        await client.suspendOrchestration(id);
        await pollUntil('SUSPENDED', async () => (await client.getOrchestrationState(id))?.runtimeStatus === Status.SUSPENDED);
        await client.raiseOrchestrationEvent(id, 'go', 'went');
        // While suspended the event is held: the instance must not complete.
        const error = await rejection(() => client.waitForOrchestrationCompletion(id, true, 2));
        assert.match(String(error.message ?? error), /time/i, `expected a client timeout, got ${error}`);
        assert.equal((await client.getOrchestrationState(id)).runtimeStatus, Status.SUSPENDED);
        await client.resumeOrchestration(id);
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, JSON.stringify('went'));
    });

    test(`${sdk.name}: continue-as-new carries unprocessed events over, in order`, { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, {
            orchestrators: {
                Collector: async function* (ctx, seen) {
                    const value = yield ctx.waitForExternalEvent('inc');
                    const next = [...seen, value];
                    if (next.length < 5) {
                        ctx.continueAsNew(next, true);
                        return;
                    }
                    return next;
                },
            },
        });
        const id = await client.scheduleNewOrchestration('Collector', []);
        if (sdk.features.carryOverWithinAStep) {
            // All five at once: each execution consumes one, the others must be carried over, and
            // events of one name are received in the order they were raised.
            for (let i = 1; i <= 5; i++)
                await client.raiseOrchestrationEvent(id, 'inc', i);
        } else {
            // This SDK drops an event that arrives in the same step after its name's last waiter
            // (it never reaches its carry-over list): raise each once the previous one was taken.
            for (let i = 1; i <= 5; i++) {
                await pollUntil(`execution ${i}`, async () => {
                    const state = await client.getOrchestrationState(id);
                    return state && JSON.parse(state.serializedInput ?? '[]').length === i - 1;
                });
                await client.raiseOrchestrationEvent(id, 'inc', i);
            }
        }
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, JSON.stringify([1, 2, 3, 4, 5]));
        assert.equal(state.serializedInput, JSON.stringify([1, 2, 3, 4]), 'the input of the last execution');
    });

    test(`${sdk.name}: purge by instance id`, { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, {
            orchestrators: {
                Done: async function* (ctx, x) { return yield ctx.callActivity('Echo', x); },
                Forever: async function* (ctx) { yield ctx.waitForExternalEvent('never'); },
            },
            activities: { Echo: (_ctx, x) => x },
        });
        const id = await client.scheduleNewOrchestration('Done', 'x');
        assert.equal((await completed(client, id)).runtimeStatus, Status.COMPLETED);
        const purged = await client.purgeOrchestration(id);
        assert.equal(purged?.deletedInstanceCount, 1);
        assert.equal(await client.getOrchestrationState(id), undefined, 'a purged instance must not exist');
        const again = await client.purgeOrchestration(id);
        assert.equal(again?.deletedInstanceCount ?? 0, 0);

        // A running instance is not purged (an error or a count of 0), and stays.
        const running = await client.scheduleNewOrchestration('Forever');
        await client.waitForOrchestrationStart(running);
        let count = 0;
        try {
            count = (await client.purgeOrchestration(running))?.deletedInstanceCount ?? 0;
        } catch {
            // refusing is fine too
        }
        assert.equal(count, 0, 'a running instance must not be purged');
        assert.equal((await client.getOrchestrationState(running))?.runtimeStatus, Status.RUNNING);
        await client.terminateOrchestration(running, 'cleanup');
        await completed(client, running);
    });

    test(`${sdk.name}: purge by filter (created from, statuses)`, { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, {
            orchestrators: {
                Quick: async function* (_ctx, x) { return x; },
                Forever: async function* (ctx) { yield ctx.waitForExternalEvent('never'); },
            },
        });
        const old = await client.scheduleNewOrchestration('Quick', 0);
        const oldState = await completed(client, old);
        // The client's clock, like the SDKs' own specs: creation times are stored to the millisecond.
        const since = new Date();
        assert.ok(oldState.createdAt < since, 'the earlier instance was created before the filter starts');
        const done = [await client.scheduleNewOrchestration('Quick', 1), await client.scheduleNewOrchestration('Quick', 2)];
        for (const id of done)
            assert.equal((await completed(client, id)).runtimeStatus, Status.COMPLETED);
        const running = await client.scheduleNewOrchestration('Forever');
        await client.waitForOrchestrationStart(running);

        const criteria = new sdk.PurgeInstanceCriteria();
        criteria.setCreatedTimeFrom(since);
        criteria.setRuntimeStatusList([Status.COMPLETED, Status.FAILED, Status.TERMINATED]);
        const purged = await client.purgeOrchestration(criteria);
        assert.equal(purged?.deletedInstanceCount, 2);
        for (const id of done)
            assert.equal(await client.getOrchestrationState(id), undefined, `${id} must be purged`);
        assert.equal((await client.getOrchestrationState(running))?.runtimeStatus, Status.RUNNING, 'a running instance stays');
        assert.equal((await client.getOrchestrationState(old))?.runtimeStatus, Status.COMPLETED, 'created before the filter: stays');
        await client.terminateOrchestration(running, 'cleanup');
        await completed(client, running);
    });

    test(`${sdk.name}: query instances`, { timeout: SDK_DEFAULT, skip: sdk.features.query ? false : `${sdk.name} has no query API` }, async (t) => {
        const client = await connect(t, {
            orchestrators: {
                Quick: async function* (_ctx, x) { return x; },
                Forever: async function* (ctx) { yield ctx.waitForExternalEvent('never'); },
            },
        });
        const prefix = uniqueId('query');
        const done = [`${prefix}-a`, `${prefix}-b`];
        for (const [i, id] of done.entries())
            await client.scheduleNewOrchestration('Quick', { i }, id);
        for (const id of done)
            await completed(client, id);
        const running = `${prefix}-c`;
        await client.scheduleNewOrchestration('Forever', null, running);
        await client.waitForOrchestrationStart(running);
        await client.scheduleNewOrchestration('Quick', 1, uniqueId('other'));

        const all = [];
        for await (const state of client.getAllInstances({ instanceIdPrefix: prefix, fetchInputsAndOutputs: true }))
            all.push(state);
        assert.deepEqual(all.map((s) => s.instanceId).sort(), [...done, running].sort());
        const a = all.find((s) => s.instanceId === done[0]);
        assert.equal(a.name, 'Quick');
        assert.equal(a.runtimeStatus, Status.COMPLETED);
        assert.equal(a.serializedInput, JSON.stringify({ i: 0 }));
        assert.equal(a.serializedOutput, JSON.stringify({ i: 0 }));

        const completedOnly = [];
        for await (const state of client.getAllInstances({ instanceIdPrefix: prefix, statuses: [Status.COMPLETED] }))
            completedOnly.push(state.instanceId);
        assert.deepEqual(completedOnly.sort(), [...done].sort());

        // Paging: pages of at most two, three instances in all, no duplicates.
        const paged = [];
        for await (const page of client.getAllInstances({ instanceIdPrefix: prefix, pageSize: 2 }).asPages()) {
            assert.ok(page.values.length <= 2, `a page of ${page.values.length} with pageSize 2`);
            paged.push(...page.values.map((s) => s.instanceId));
        }
        assert.deepEqual(paged.sort(), [...done, running].sort());
        await client.terminateOrchestration(running, 'cleanup');
        await completed(client, running);
    });

    test(`${sdk.name}: custom status`, { timeout: SDK_DEFAULT }, async (t) => {
        const [first, second] = sdk.customStatusValues;
        const client = await connect(t, {
            orchestrators: {
                Status: async function* (ctx) {
                    ctx.setCustomStatus(first);
                    yield ctx.waitForExternalEvent('next');
                    ctx.setCustomStatus(second);
                    return 'done';
                },
            },
        });
        const id = await client.scheduleNewOrchestration('Status');
        const expectedFirst = sdk.serializedCustomStatus(first);
        await pollUntil(`custom status ${expectedFirst}`,
                        async () => (await client.getOrchestrationState(id))?.serializedCustomStatus === expectedFirst);
        await client.raiseOrchestrationEvent(id, 'next');
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedCustomStatus, sdk.serializedCustomStatus(second));
    });

    test(`${sdk.name}: activity failure ${sdk.callActivityWithRetry ? 'after retries' : '(no retry policy in this SDK)'}`,
         { timeout: LONGER }, async (t) => {
        let attempts = 0;
        const expectedAttempts = sdk.callActivityWithRetry ? 3 : 1;
        const client = await connect(t, {
            orchestrators: {
                Fails: async function* (ctx) {
                    if (sdk.callActivityWithRetry)
                        return yield sdk.callActivityWithRetry(ctx, 'Boom', 'in', { attempts: expectedAttempts, firstIntervalMs: 200 });
                    return yield ctx.callActivity('Boom', 'in');
                },
            },
            activities: {
                Boom: () => {
                    attempts += 1;
                    throw new RangeError(`kaboom #${attempts}`);
                },
            },
        });
        const id = await client.scheduleNewOrchestration('Fails');
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.FAILED);
        assert.equal(attempts, expectedAttempts);
        assert.ok(state.failureDetails, 'a failed instance must have failure details');
        assert.match(state.failureDetails.message, new RegExp(`kaboom #${expectedAttempts}`));
        assert.ok(state.failureDetails.errorType, 'the failure must have an error type');
        assert.equal(state.serializedOutput, undefined);
        if (sdk.callActivityWithRetry) {
            // Two retry intervals (200 ms, then 200 ms) lie between the first and last attempt.
            assert.ok(state.lastUpdatedAt.getTime() - state.createdAt.getTime() >= 400);
        }
    });

    test(`${sdk.name}: rewind a failed instance`, { timeout: LONGER, skip: sdk.features.rewind ? false : `${sdk.name} has no rewind API` }, async (t) => {
        let broken = true;
        let calls = 0;
        const client = await connect(t, {
            orchestrators: {
                Flaky: async function* (ctx, x) {
                    const a = yield ctx.callActivity('Step', x);
                    const b = yield ctx.callActivity('Fragile', a);
                    return b;
                },
            },
            activities: {
                Step: (_ctx, x) => {
                    calls += 1;
                    return x + 1;
                },
                Fragile: (_ctx, x) => {
                    if (broken)
                        throw new Error('not yet');
                    return x * 10;
                },
            },
        });
        const id = await client.scheduleNewOrchestration('Flaky', 1);
        const failed = await completed(client, id);
        assert.equal(failed.runtimeStatus, Status.FAILED);
        broken = false;
        await client.rewindInstance(id, 'fixed');
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedOutput, '20');
        assert.equal(calls, 1, 'the activity that succeeded is not run again by a rewind');
    });

    test(`${sdk.name}: restart with the same and with a new instance id`, { timeout: SDK_DEFAULT, skip: sdk.features.restart ? false : `${sdk.name} has no restart API` }, async (t) => {
        let runs = 0;
        const client = await connect(t, {
            orchestrators: {
                Once: async function* (ctx, input) {
                    return yield ctx.callActivity('Count', input);
                },
            },
            activities: {
                Count: (_ctx, input) => {
                    runs += 1;
                    return { input, runs };
                },
            },
        });
        const input = { b: 1, a: 2 };
        const id = await client.scheduleNewOrchestration('Once', input);
        assert.equal((await completed(client, id)).serializedOutput, JSON.stringify({ input, runs: 1 }));

        const same = await client.restartOrchestration(id, false);
        assert.equal(same, id);
        await pollUntil('the second run', () => runs === 2);
        const again = await completed(client, id);
        assert.equal(again.runtimeStatus, Status.COMPLETED);
        assert.equal(again.serializedInput, JSON.stringify(input));
        assert.equal(again.serializedOutput, JSON.stringify({ input, runs: 2 }));

        const fresh = await client.restartOrchestration(id, true);
        assert.notEqual(fresh, id);
        const third = await completed(client, fresh);
        assert.equal(third.name, 'Once');
        assert.equal(third.serializedInput, JSON.stringify(input));
        assert.equal(third.serializedOutput, JSON.stringify({ input, runs: 3 }));
    });

    test(`${sdk.name}: payloads come back byte for byte`, { timeout: SDK_DEFAULT }, async (t) => {
        const client = await connect(t, {
            orchestrators: {
                Echo: async function* (ctx, input) {
                    const viaActivity = yield ctx.callActivity('EchoActivity', input);
                    return { echoed: viaActivity, input };
                },
            },
            activities: { EchoActivity: (_ctx, x) => x },
        });
        const input = { b: 1, a: 2, text: 'Hello, 世界! "quoted" \\ 😀', numbers: [0.1, 1e21, -0, 12345678901234567890], nested: { z: null, y: [] } };
        const serialized = JSON.stringify(input);
        const id = await client.scheduleNewOrchestration('Echo', input);
        const state = await completed(client, id);
        assert.equal(state.runtimeStatus, Status.COMPLETED);
        assert.equal(state.serializedInput, serialized);
        assert.equal(state.serializedOutput, `{"echoed":${serialized},"input":${serialized}}`);

        const simple = await client.scheduleNewOrchestration('Echo', { b: 1, a: 2 });
        const simpleState = await completed(client, simple);
        assert.equal(simpleState.serializedInput, '{"b":1,"a":2}');
        assert.equal(simpleState.serializedOutput, '{"echoed":{"b":1,"a":2},"input":{"b":1,"a":2}}');
    });
}
