// Run by __tests__/integration/real-failures.test.ts in a child process, with the environment the test
// gives it: the built package and the real SDK on plain Node, where the SDK's errors are what a Lambda
// function gets (in jest's sandbox, Node's own errors reach the SDK from another realm and lose their
// fields). Reads { config, remainingMs, awsClientOptions } from argv[2]; prints how a worker's invocation
// and getSlackToken() failed.
import { inspect } from "node:util";
import middy from "@middy/core";
import { getSlackToken, starfleetSecrets } from "../../dist/index.js";

const { config, remainingMs, awsClientOptions } = JSON.parse(process.argv[2]);

function failureOf(promise) {
  return promise.then(
    () => ({ name: "no failure" }),
    (error) => ({
      name: error.name,
      code: error.code,
      retryable: error.retryable,
      message: error.message,
      everything: inspect(error, { depth: 20, showHidden: true, getters: true }),
    }),
  );
}

const handler = middy()
  .use(starfleetSecrets({ workerName: "GitHubSyncWorker", config, disablePrefetch: true, awsClientOptions }))
  .handler(async () => "handler ran");
const deadline = Date.now() + remainingMs;
const worker = await failureOf(handler({}, { getRemainingTimeInMillis: () => deadline - Date.now() }));
const slack = await failureOf(getSlackToken({ config, awsClientOptions }));
process.stdout.write(JSON.stringify({ worker, slack }));
