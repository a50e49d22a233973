const df = require("durable-functions");
const moment = require("moment");

// The sample leaves these to the reader; defined here for the test.
const machineId = "machine-7";
function getPollingInterval() {
    return 30;
}
function getExpiryTime() {
    return moment.utc(Date.now()).add(100, 's').toDate();
}

module.exports = df(function*(ctx) {
    const jobId = ctx.df.getInput();
    const pollingInterval = getPollingInterval();
    const expiryTime = getExpiryTime();

    while (moment.utc(ctx.df.currentUtcDateTime).isBefore(expiryTime)) {
        const jobStatus = yield ctx.df.callActivityAsync("GetJobStatus", jobId);
        if (jobStatus === "Completed") {
            // Perform action when condition met
            yield ctx.df.callActivityAsync("SendAlert", machineId);
            break;
        }

        // Orchestration will sleep until this time
        const nextCheck = moment.utc(ctx.df.currentUtcDateTime).add(pollingInterval, 's');
        yield ctx.df.createTimer(nextCheck.toDate());
    }

    // Perform further work here, or let the orchestration end
});
