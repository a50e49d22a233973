// An SDK app for tst_sdkworkers: a Durable Task worker and client (@microsoft/durabletask-js, as
// installed by tests/sidecar/run.sh) against the workbench's sidecar.
//
//   node sdkworker.mjs NODE_DIR ADDRESS OK_ID FAIL_ID
//   node sdkworker.mjs NODE_DIR ADDRESS --stay
//
// Registers the orchestrator SdkGreeting, which calls SdkSayHello (succeeds) or SdkExplode
// (throws, no retries) by its input; starts OK_ID and FAIL_ID, waits for both and prints their
// states as one JSON line. Exit status 0 when OK_ID completed and FAIL_ID failed.
// --stay: only the worker, connected until the process is killed or the sidecar goes away.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [nodeDir, hostAddress, okId, failId] = process.argv.slice(2);
const stay = okId === '--stay';
if (!failId && !stay) {
    console.error('usage: sdkworker.mjs NODE_DIR ADDRESS OK_ID FAIL_ID');
    process.exit(64);
}
// The SDK is a CommonJS package in the install of run.sh, not next to this file.
const ms = createRequire(join(nodeDir, 'package.json'))('@microsoft/durabletask-js');
const logger = new ms.NoOpLogger();

const worker = new ms.TaskHubGrpcWorker({ hostAddress, logger });
worker.addNamedOrchestrator('SdkGreeting', async function* (ctx, input) {
    const activity = input.explode ? 'SdkExplode' : 'SdkSayHello';
    return yield ctx.callActivity(activity, input.name);
});
worker.addNamedActivity('SdkSayHello', (_ctx, name) => `Hello, ${name}!`);
worker.addNamedActivity('SdkExplode', (_ctx, name) => {
    throw new RangeError(`no greeting for ${name}`);
});

if (stay) {
    await worker.start();
    console.log('connected');
    await new Promise(() => {}); // until killed
}

const client = new ms.TaskHubGrpcClient({ hostAddress, logger });
let status = 1;
try {
    await worker.start();
    await client.scheduleNewOrchestration('SdkGreeting', { name: 'Ada' }, okId);
    await client.scheduleNewOrchestration('SdkGreeting', { name: 'Bob', explode: true }, failId);
    const ok = await client.waitForOrchestrationCompletion(okId, true, 60);
    const failed = await client.waitForOrchestrationCompletion(failId, true, 60);
    const describe = (state) => ({
        id: state?.instanceId,
        status: state ? ms.OrchestrationStatus[state.runtimeStatus] : null,
        output: state?.serializedOutput,
        failure: state?.failureDetails ? { type: state.failureDetails.errorType, message: state.failureDetails.message } : null,
    });
    console.log(JSON.stringify({ ok: describe(ok), failed: describe(failed) }));
    if (ok?.runtimeStatus === ms.OrchestrationStatus.COMPLETED && failed?.runtimeStatus === ms.OrchestrationStatus.FAILED)
        status = 0;
} catch (error) {
    console.error(`sdkworker.mjs: ${error?.stack ?? error}`);
} finally {
    await client.stop().catch(() => {});
    await worker.stop().catch(() => {});
}
process.exit(status);
