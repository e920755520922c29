// A user's CommonJS Lambda handler: require() of this ESM-only package (Node 22.12+ loads ES modules through
// require()). @middy/core 7 exports only an "import" entry, so CommonJS code must import() it.
const { starfleetSecrets } = require("middy-starfleet-secrets");

const secretsMiddleware = starfleetSecrets({ workerName: "GitHubSyncWorker" });

exports.handler = async (event, context) => {
  const { default: middy } = await import("@middy/core");
  const handler = middy()
    .use(secretsMiddleware)
    .handler(async (_event, ctx) => ctx.secrets);
  return handler(event, context);
};

const deadline = Date.now() + 10_000;
exports
  .handler({}, { awsRequestId: "cjs", getRemainingTimeInMillis: () => deadline - Date.now() })
  .then((secrets) => {
    const report = { resolved: require.resolve("middy-starfleet-secrets"), secrets };
    process.stdout.write(`consumer-result ${JSON.stringify(report)}\n`);
  });
