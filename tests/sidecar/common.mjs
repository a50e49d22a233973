// Shared helpers of the sidecar specs: where the SDKs are installed, where the workbench listens,
// polling, and starting a workbench process (for the specs that kill and restart it themselves).
//
// Environment (set by run.sh):
//   DURABLE_NODE_DIR       the npm install (node_modules/ inside) of package.json
//   DURABLE_SIDECAR        host:port of the running workbench's gRPC sidecar
//   DURABLE_HTTP_API       base URL of its HTTP API (ends with /runtime/webhooks/durabletask/)
//   DURABLE_HTTP_KEY_FILE  the file holding the HTTP API key
//   DURABLE_WORKBENCH, DURABLE_PLUGIN, DURABLE_TMPDIR  for specs that start the workbench themselves
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

function requiredEnv(name) {
    const value = process.env[name];
    if (!value)
        throw new Error(`${name} is not set: run the specs through tests/sidecar/run.sh`);
    return value;
}

/// require() from the npm install of run.sh (the SDKs are CommonJS packages).
export function sdkRequire(specifier) {
    return createRequire(join(requiredEnv('DURABLE_NODE_DIR'), 'package.json'))(specifier);
}

export function sidecarAddress() {
    return requiredEnv('DURABLE_SIDECAR');
}

/// An instance id no other test (or earlier run on the same hub) uses.
export function uniqueId(prefix) {
    return `${prefix}-${randomUUID()}`;
}

/// Polls `probe` (sync or async) until it returns a truthy value, which is returned. Fails with
/// `what` after `timeoutMs`.
export async function pollUntil(what, probe, { timeoutMs = 10000, intervalMs = 20 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value)
            return value;
        if (Date.now() > deadline)
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await delay(intervalMs);
    }
}

/// Runs `fn` and returns the error it throws; fails when it does not throw.
export async function rejection(fn) {
    try {
        await fn();
    } catch (error) {
        return error;
    }
    throw new Error('expected an error, but the call succeeded');
}

/// GET of the workbench's HTTP API (path relative to DURABLE_HTTP_API), authenticated with the
/// key from the key file; returns { status, body }.
export async function httpGetJson(path, { base = process.env.DURABLE_HTTP_API, keyFile = process.env.DURABLE_HTTP_KEY_FILE } = {}) {
    if (!base || !keyFile)
        throw new Error('DURABLE_HTTP_API / DURABLE_HTTP_KEY_FILE are not set: run the specs through tests/sidecar/run.sh');
    const key = readFileSync(keyFile, 'utf8').trim();
    const response = await fetch(new URL(path, base), { headers: { 'x-functions-key': key } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/// Starts `durable-workbench --headless` the way run.sh does and resolves once it printed its
/// sidecar address. `grpcPort` 0 picks a free port; pass the previous one to restart on the same
/// address. Returns { process, pid, sidecar, grpcPort, httpApi, keyFile, output(), stop(), kill() }.
export function startWorkbench({ dir, grpcPort = 0, bin = requiredEnv('DURABLE_WORKBENCH'), plugin = process.env.DURABLE_PLUGIN, timeoutMs = 30000 }) {
    const keyFile = join(dir, 'key');
    const args = ['--headless', '--hub', join(dir, 'hub.sqlite'), '--http-port', '0', '--http-key-file', keyFile,
                  '--grpc-port', String(grpcPort)];
    if (plugin)
        args.push('--load', plugin);
    const child = spawn(bin, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', LANGUAGE: '' },
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const handle = {
        process: child,
        pid: child.pid,
        keyFile,
        exited,
        output: () => `stdout:\n${stdout}\nstderr:\n${stderr}`,
        /// SIGTERM, then SIGKILL after `graceMs`; resolves with the exit.
        async stop(graceMs = 10000) {
            if (child.exitCode !== null || child.signalCode !== null)
                return exited;
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            const result = await exited;
            clearTimeout(timer);
            return result;
        },
        async kill() {
            if (child.exitCode === null && child.signalCode === null)
                child.kill('SIGKILL');
            return exited;
        },
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.stdout.setEncoding('utf8');
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the workbench printed no "gRPC sidecar:" line within ${timeoutMs} ms\n${handle.output()}`));
        }, timeoutMs);
        child.stdout.on('data', (chunk) => {
            stdout += chunk;
            const sidecar = /^gRPC sidecar: (127\.0\.0\.1:(\d+))$/m.exec(stdout);
            const http = /^HTTP API: (\S+)$/m.exec(stdout);
            if (sidecar && http && handle.sidecar === undefined) {
                clearTimeout(timer);
                handle.sidecar = sidecar[1];
                handle.grpcPort = Number(sidecar[2]);
                handle.httpApi = http[1];
                resolve(handle);
            }
        });
        exited.then(({ code, signal }) => {
            clearTimeout(timer);
            if (handle.sidecar === undefined)
                reject(new Error(`the workbench exited (code ${code}, signal ${signal}) before it printed its sidecar address\n${handle.output()}`));
        });
    });
}
