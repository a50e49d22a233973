df.orchestrator("A", function* (context) {
  const x = yield context.df.callActivity("B", 1);
  return x + 1;
});
df.activity("B", function (context, input) { return input * 2; });
