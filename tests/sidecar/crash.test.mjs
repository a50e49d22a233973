// Kill -9 of the workbench in the middle of a fan-out of an external SDK worker, restart on the
// same hub and gRPC port: the worker reconnects by itself, the orchestration completes with the
// exact result and its history has one completion per scheduled activity. This spec starts the
// workbench itself (run.sh passes DURABLE_WORKBENCH, DURABLE_PLUGIN and DURABLE_TMPDIR).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import { httpGetJson, pollUntil, sdkRequire, startWorkbench, uniqueId } from './common.mjs';

const ms = sdkRequire('@microsoft/durabletask-js');
const { OrchestrationStatus: Status } = ms;
const logger = new ms.NoOpLogger();
const COUNT = 500;

test('crash: SIGKILL during a fan-out of 500 activities, restart on the same hub and port', { timeout: 30000 }, async (t) => {
    const dir = mkdtempSync(join(process.env.DURABLE_TMPDIR ?? '/tmp', 'crash-'));
    let workbench = await startWorkbench({ dir });
    const grpcPort = workbench.grpcPort;
    const address = workbench.sidecar;

    // The first half of the activity executions run freely; the later ones wait until the
    // workbench was killed and restarted, so the kill falls in the middle whatever the dispatch
    // order and concurrency (their results then reach the new process, or are redelivered).
    let started = 0;
    let executions = 0;
    let openGate;
    const gate = new Promise((resolve) => { openGate = resolve; });
    const worker = new ms.TaskHubGrpcWorker({ hostAddress: address, logger });
    worker.addNamedOrchestrator('CrashFanOut', async function* (ctx, count) {
        const tasks = [];
        for (let i = 0; i < count; i++)
            tasks.push(ctx.callActivity('CrashDouble', i));
        const results = yield ms.whenAll(tasks);
        return results.reduce((sum, x) => sum + x, 0);
    });
    worker.addNamedActivity('CrashDouble', async (_ctx, i) => {
        started += 1;
        if (started > COUNT / 2)
            await gate;
        await delay(5 + ((i * 7) % 16)); // 5-20 ms of "work"
        executions += 1;
        return i * 2;
    });
    let client = new ms.TaskHubGrpcClient({ hostAddress: address, logger });
    t.after(async () => {
        openGate();
        await client.stop();
        await worker.stop();
        await workbench.stop();
        rmSync(dir, { recursive: true, force: true });
    });
    await worker.start();

    const id = uniqueId('crash');
    await client.scheduleNewOrchestration('CrashFanOut', COUNT, id);
    await pollUntil('half of the activities', () => executions >= COUNT / 2, { timeoutMs: 20000, intervalMs: 5 });

    await workbench.kill();
    const killedAfter = executions;
    workbench = await startWorkbench({ dir, grpcPort });
    assert.equal(workbench.sidecar, address, 'the restarted workbench serves the same address');
    openGate();

    // A new client; the worker must reconnect on its own.
    await client.stop();
    client = new ms.TaskHubGrpcClient({ hostAddress: address, logger });
    const state = await client.waitForOrchestrationCompletion(id, true, 25);
    assert.equal(state.runtimeStatus, Status.COMPLETED, JSON.stringify(state.failureDetails));
    assert.equal(state.serializedOutput, String(COUNT * (COUNT - 1))); // sum of 2i for i < COUNT
    assert.ok(executions > killedAfter, 'activities ran after the restart');

    const { status, body } = await httpGetJson(
        `instances/${encodeURIComponent(id)}?showHistory=true&showHistoryOutput=true&showInput=true`,
        { base: workbench.httpApi, keyFile: workbench.keyFile });
    assert.equal(status, 200);
    assert.equal(body.runtimeStatus, 'Completed');
    const events = body.historyEvents;
    // The API folds each TaskScheduled into its completion: one left over would be a scheduled
    // activity without a completion; a completion without FunctionName one without its schedule.
    assert.deepEqual(events.filter((e) => e.EventType === 'TaskScheduled'), [], 'every TaskScheduled has a completion');
    assert.deepEqual(events.filter((e) => e.EventType === 'TaskFailed'), []);
    const completions = events.filter((e) => e.EventType === 'TaskCompleted');
    assert.equal(completions.length, COUNT, `${completions.length} TaskCompleted events for ${COUNT} activities`);
    const inputs = new Set();
    for (const e of completions) {
        assert.equal(e.FunctionName, 'CrashDouble', `a completion without its TaskScheduled: ${JSON.stringify(e)}`);
        assert.equal(e.Result, e.Input * 2);
        inputs.add(e.Input);
    }
    assert.equal(inputs.size, COUNT, 'each activity completed exactly once');
    assert.equal(events.filter((e) => e.EventType === 'ExecutionCompleted').length, 1);
});
