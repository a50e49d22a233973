// A hub with orchestrators on both sides: in-process C++ ones (mixedplugin.cpp, loaded by run.sh
// with --load) and ones of an external worker of @microsoft/durabletask-js, calling each other.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sdkRequire, sidecarAddress, uniqueId } from './common.mjs';

const ms = sdkRequire('@microsoft/durabletask-js');
const { OrchestrationStatus: Status } = ms;
const logger = new ms.NoOpLogger();

async function connect(t) {
    const worker = new ms.TaskHubGrpcWorker({ hostAddress: sidecarAddress(), logger });
    // Calls the C++ orchestrator CppDouble as a sub-orchestration.
    worker.addNamedOrchestrator('JsCallsCpp', async function* (ctx, n) {
        const doubled = yield ctx.callSubOrchestrator('CppDouble', n, { instanceId: `${ctx.instanceId}-cpp` });
        return { doubled };
    });
    // Called by the C++ orchestrator CppCallsSubOrchestration.
    worker.addNamedOrchestrator('JsTriple', async function* (ctx, n) {
        return yield ctx.callActivity('JsTimesThree', n);
    });
    worker.addNamedActivity('JsTimesThree', (_ctx, n) => n * 3);
    const client = new ms.TaskHubGrpcClient({ hostAddress: sidecarAddress(), logger });
    t.after(async () => {
        await client.stop();
        await worker.stop();
    });
    await worker.start();
    return client;
}

test('mixed: an SDK orchestrator calls an in-process C++ orchestrator', { timeout: 10000 }, async (t) => {
    const client = await connect(t);
    const id = uniqueId('js-parent');
    await client.scheduleNewOrchestration('JsCallsCpp', 21, id);
    const state = await client.waitForOrchestrationCompletion(id, true, 20);
    assert.equal(state.runtimeStatus, Status.COMPLETED, JSON.stringify(state.failureDetails));
    assert.equal(state.serializedOutput, JSON.stringify({ doubled: 42 }));
    const child = await client.getOrchestrationState(`${id}-cpp`, true);
    assert.ok(child, 'the C++ sub-orchestration is an instance of the hub');
    assert.equal(child.name, 'CppDouble');
    assert.equal(child.runtimeStatus, Status.COMPLETED);
    assert.equal(child.serializedOutput, '42');
});

test('mixed: an in-process C++ orchestrator calls an SDK orchestrator', { timeout: 10000 }, async (t) => {
    const client = await connect(t);
    const id = await client.scheduleNewOrchestration('CppCallsSubOrchestration', { name: 'JsTriple', input: 5 });
    const state = await client.waitForOrchestrationCompletion(id, true, 20);
    assert.equal(state.name, 'CppCallsSubOrchestration');
    assert.equal(state.runtimeStatus, Status.COMPLETED, JSON.stringify(state.failureDetails));
    assert.equal(state.serializedOutput, JSON.stringify({ child: 15 }));
});

test('mixed: C++ calls an SDK orchestrator that calls C++', { timeout: 10000 }, async (t) => {
    const client = await connect(t);
    const id = await client.scheduleNewOrchestration('CppCallsSubOrchestration', { name: 'JsCallsCpp', input: 8 });
    const state = await client.waitForOrchestrationCompletion(id, true, 20);
    assert.equal(state.runtimeStatus, Status.COMPLETED, JSON.stringify(state.failureDetails));
    assert.equal(state.serializedOutput, JSON.stringify({ child: { doubled: 16 } }));
});
