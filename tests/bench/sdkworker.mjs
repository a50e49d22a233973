// The JavaScript side of durable-bench's SDK workloads: a Durable Task SDK worker that runs the
// same chain and fan-out as the in-process workloads, with a ~200-byte payload per activity.
// Started by durable-bench with DURABLE_SIDECAR=host:port and DURABLE_NODE_DIR=<npm install>;
// runs until stdin closes or it is killed.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.env.DURABLE_NODE_DIR, 'package.json'));
const { TaskHubGrpcWorker, whenAll } = require('@microsoft/durabletask-js');

const payload = 'x'.repeat(180);

const SdkEcho = async (_ctx, value) => value;

const SdkSequential = async function* (ctx, n) {
    let v = payload;
    for (let i = 0; i < n; ++i)
        v = yield ctx.callActivity(SdkEcho, v);
    return v.length;
};

const SdkFanout = async function* (ctx, n) {
    const tasks = [];
    for (let i = 0; i < n; ++i)
        tasks.push(ctx.callActivity(SdkEcho, payload));
    yield whenAll(tasks);
    return n;
};

// The SDK logs every event at info level; the benchmark measures the protocol, not the console.
const quiet = { error: console.error, warn() {}, info() {}, debug() {} };
const worker = new TaskHubGrpcWorker({ hostAddress: process.env.DURABLE_SIDECAR, logger: quiet });
worker.addOrchestrator(SdkSequential);
worker.addOrchestrator(SdkFanout);
worker.addActivity(SdkEcho);
await worker.start();
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', async () => {
    await worker.stop();
    process.exit(0);
});
