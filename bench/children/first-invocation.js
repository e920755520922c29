// Child process entry for the cold-start and memory figures: a fresh Node process that imports one example
// handler, makes its first invocation, and reports on stdout (one line starting with RESULT_MARKER):
//   nodeReadyMs   process start -> this script runs (Node's own boot)
//   importedMs    process start -> handler module imported (library loaded, middleware created)
//   firstResultMs process start -> first invocation resolved
//   heapUsed      bytes of V8 heap in use after a full GC (run with --expose-gc)
//   modules       with --trace-modules: every module URL resolved (to prove what was, or was not, loaded)
// Times come from performance.now(), whose origin (performance.timeOrigin) is the start of this process.
// Plain JavaScript on purpose: a .ts entry would add Node's type-stripping start-up to every figure.
import { registerHooks } from "node:module";
import { pathToFileURL } from "node:url";

const nodeReadyMs = performance.now();
const RESULT_MARKER = "@@first-invocation ";
const [handlerFile, ...flags] = process.argv.slice(2);
const modules = new Set();

if (flags.includes("--trace-modules")) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      modules.add(resolved.url);
      return resolved;
    },
  });
}

const deadline = Date.now() + 30_000;
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: "starfleet-github-sync",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-2:123456789012:function:starfleet-github-sync",
  memoryLimitInMB: "256",
  awsRequestId: "bench-first-invocation",
  logGroupName: "/aws/lambda/starfleet-github-sync",
  logStreamName: "2026/11/29/[$LATEST]bench",
  getRemainingTimeInMillis: () => deadline - Date.now(),
};

const { handler } = await import(pathToFileURL(handlerFile).href);
const importedMs = performance.now();
const result = await handler({}, context);
const firstResultMs = performance.now();

globalThis.gc?.();
const { heapUsed } = process.memoryUsage();

const report = { nodeReadyMs, importedMs, firstResultMs, heapUsed, result, modules: [...modules] };
// Exit at once: an idle keep-alive socket or a refresh timer must not add to the parent's wall-clock figure.
process.stdout.write(`${RESULT_MARKER}${JSON.stringify(report)}\n`, () => process.exit(0));
