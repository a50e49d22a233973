// The sidecar scenarios through @dapr/durabletask-js (see scenarios.mjs); run by run.sh.
import { defineScenarios } from './scenarios.mjs';
import { sdkRequire } from './common.mjs';

// The package logs every call with console.log/console.info; keep the test output readable.
if (!process.env.DURABLE_SIDECAR_VERBOSE) {
    console.log = () => {};
    console.info = () => {};
}

const dapr = sdkRequire('@dapr/durabletask-js');
const tasks = sdkRequire('@dapr/durabletask-js/task');
const { OrchestrationStatus } = sdkRequire('@dapr/durabletask-js/orchestration/enum/orchestration-status.enum');
const { PurgeInstanceCriteria } = sdkRequire('@dapr/durabletask-js/orchestration/orchestration-purge-criteria');

defineScenarios({
    name: 'dapr',
    newClient: (hostAddress) => new dapr.TaskHubGrpcClient(hostAddress),
    newWorker: (hostAddress) => new dapr.TaskHubGrpcWorker(hostAddress),
    whenAll: tasks.whenAll,
    whenAny: tasks.whenAny,
    OrchestrationStatus,
    PurgeInstanceCriteria,
    callSubOrchestrator: (ctx, name, input, instanceId) => ctx.callSubOrchestrator(name, input, instanceId),
    // callActivity of this package takes no options: no retry policies.
    callActivityWithRetry: null,
    // This package sends custom status as the raw text it is given (it takes a string).
    customStatusValues: ['foobaz', 'done: {not json'],
    serializedCustomStatus: (value) => value,
    // Its client has no query, rewind or restart calls.
    features: { query: false, rewind: false, restart: false, carryOverWithinAStep: false },
});
