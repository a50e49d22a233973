// Durable Functions for Node.js, v4 programming model (npm durable-functions 3.x): three
// orchestrators and four activities running chaining, fan-out/fan-in, a monitor polling on
// timers (the async HTTP API pattern's status loop) and human interaction with a timeout.
const df = require('durable-functions');

df.app.orchestration('V4Chain', function* (context) {
    const name = context.df.getInput();
    const retry = new df.RetryOptions(1000, 2);
    const a = yield context.df.callActivity('V4Greet', name);
    const b = yield context.df.callActivityWithRetry('V4Greet', retry, a);
    if (!context.df.isReplaying)
        context.log('chained', b);
    const sum = yield context.df.callSubOrchestrator('V4FanOut', [1, 2, 3]);
    context.df.setCustomStatus({ step: 'done' });
    return { greeting: b, sum: sum };
});

df.app.orchestration('V4FanOut', {
    handler: function* (context) {
        const items = context.df.getInput();
        const tasks = items.map((x) => context.df.callActivity('V4Square', x));
        const squares = yield context.df.Task.all(tasks);
        return yield context.df.callActivity('V4Sum', squares);
    },
});

df.app.orchestration('V4Approval', function* (context) {
    // Monitor: poll until the job reports ready, one durable timer between polls.
    let polls = 0;
    for (;;) {
        const status = yield context.df.callActivity('V4CheckStatus', polls);
        ++polls;
        context.df.setCustomStatus({ polls: polls, status: status });
        if (status === 'ready')
            break;
        yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 60 * 1000));
    }
    // Human interaction: an approval or a timeout, whichever comes first.
    const deadline = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 3600 * 1000));
    const approval = context.df.waitForExternalEvent('Approval');
    const winner = yield context.df.Task.any([approval, deadline]);
    if (winner === approval) {
        deadline.cancel();
        return { polls: polls, approved: approval.result };
    }
    return { polls: polls, approved: 'timed out' };
});

df.app.activity('V4Greet', { handler: (input, context) => { context.log('greeting', input); return 'Hello ' + input; } });
df.app.activity('V4Square', { handler: (x) => x * x });
df.app.activity('V4Sum', { handler: (values) => values.reduce((a, b) => a + b, 0) });
df.app.activity('V4CheckStatus', { handler: (polls) => (polls >= 2 ? 'ready' : 'running') });
