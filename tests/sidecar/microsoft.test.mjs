// The sidecar scenarios through @microsoft/durabletask-js (see scenarios.mjs); run by run.sh.
import { defineScenarios } from './scenarios.mjs';
import { sdkRequire } from './common.mjs';

const ms = sdkRequire('@microsoft/durabletask-js');
const logger = new ms.NoOpLogger();

defineScenarios({
    name: 'microsoft',
    newClient: (hostAddress) => new ms.TaskHubGrpcClient({ hostAddress, logger }),
    newWorker: (hostAddress) => new ms.TaskHubGrpcWorker({ hostAddress, logger }),
    whenAll: ms.whenAll,
    whenAny: ms.whenAny,
    OrchestrationStatus: ms.OrchestrationStatus,
    PurgeInstanceCriteria: ms.PurgeInstanceCriteria,
    callSubOrchestrator: (ctx, name, input, instanceId) => ctx.callSubOrchestrator(name, input, { instanceId }),
    callActivityWithRetry: (ctx, name, input, { attempts, firstIntervalMs }) =>
        ctx.callActivity(name, input, {
            retry: new ms.RetryPolicy({ maxNumberOfAttempts: attempts, firstRetryIntervalInMilliseconds: firstIntervalMs }),
        }),
    // This package sends custom status as JSON.stringify(value).
    customStatusValues: [{ step: 'one', b: 1, a: 2 }, 'two'],
    serializedCustomStatus: (value) => JSON.stringify(value),
    features: { query: true, rewind: true, restart: true, carryOverWithinAStep: true },
});
