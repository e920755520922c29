/**
 * Turns the figures into Markdown: each figure's table, a one-line verdict computed from the numbers, and a
 * fixed explanation of what the figure means for someone running a Lambda function. The runner prints each
 * section as it is measured and writes them all, with the machine description, to BENCHMARKS.md.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import {
  type CallsFigure,
  CONCURRENT_INVOCATIONS,
  MOCK_LATENCY_MS,
  SEQUENTIAL_INVOCATIONS,
} from "./aws-calls.ts";
import type { ColdStartFigure } from "./cold-start.ts";
import { ROOT_DIR, SECRET_STRING, WORKER_NAME } from "./fixture.ts";
import type { MemoryFigure } from "./memory.ts";
import type { SizeFigure } from "./size.ts";
import type { WarmFigure } from "./warm.ts";
import type { WarmPair } from "./warm-alone.ts";

export const OURS = "starfleet";

export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const align = headers.map((_, index) => (index === 0 ? ":--" : "--:"));
  return [headers, align, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

const count = (n: number) => n.toLocaleString("en-US");
const us = (ns: number) => `${(ns / 1000).toFixed(2)} µs`;
const signedUs = (ns: number) => `${ns >= 0 ? "+" : "−"}${(Math.abs(ns) / 1000).toFixed(2)} µs`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const signedMs = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)} ms`;
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const signedMB = (bytes: number) => `${bytes >= 0 ? "+" : "−"}${(Math.abs(bytes) / 1e6).toFixed(2)} MB`;
export const bold = (text: string, when: boolean) => (when ? `**${text}**` : text);

/** "fastest" style verdict: is ours the best of the libraries on this measure (lower is better)? */
export function verdict<T extends { id: string; label: string }>(
  figures: readonly T[],
  value: (figure: T) => number,
  what: string,
  format: (difference: number) => string,
): string {
  const libraries = figures.filter(
    (figure) => figure.id === OURS || figure.id === "middy" || figure.id === "powertools",
  );
  const ours = libraries.find((figure) => figure.id === OURS);
  const others = libraries.filter((figure) => figure.id !== OURS);
  if (!ours || others.length === 0) return "";
  const best = others.reduce((a, b) => (value(b) < value(a) ? b : a));
  const difference = value(best) - value(ours);
  if (difference === 0)
    return `Verdict: middy-starfleet-secrets ties with ${best.label} for the ${what} of the three libraries.`;
  return difference > 0
    ? `Verdict: middy-starfleet-secrets has the ${what} of the three libraries (next: ${best.label}, ${format(difference)} more).`
    : `Verdict: middy-starfleet-secrets does NOT have the ${what}: ${best.label} is ${format(-difference)} lower.`;
}

/**
 * Ours with and without a schema, each alone beside the floor. Medians: each process has its own floor,
 * and on a shared machine the means of two processes differ by more than what is compared.
 */
function schemaTable(pairs: readonly WarmPair[]): string {
  if (pairs.length === 0) return "";
  const table = markdownTable(
    ["Handler (alone in its process)", "median", "floor's median", "over the floor", "× floor"],
    pairs.map(({ floor, handler }) => [
      handler.label,
      us(handler.p50Ns),
      us(floor.p50Ns),
      signedUs(handler.p50Ns - floor.p50Ns),
      `${(handler.p50Ns / floor.p50Ns).toFixed(2)}×`,
    ]),
  );
  return `
With a \`schema\` (zod: \`z.record(z.string(), z.string().startsWith("-----BEGIN"))\`), the entry is validated
once per fetched secret, and a warm invocation hands out the output kept for it. Each of these two handlers
ran in a process of its own beside the floor: in one process, whichever instance of the middleware is
loaded second measures slower, schema or not.

${table}
`;
}

export function warmSection(
  figures: readonly WarmFigure[],
  rounds: number,
  schemaPairs: readonly WarmPair[] = [],
): string {
  const table = markdownTable(
    ["Handler", "mean", "median", "p99", "± (95%)", "samples", "over the floor", "× floor"],
    figures.map((f) => [
      bold(f.label, f.id === OURS),
      us(f.meanNs),
      us(f.p50Ns),
      us(f.p99Ns),
      `${f.rme.toFixed(1)} %`,
      String(f.samples),
      f.id === "bare" ? "—" : signedUs(f.overheadNs),
      `${f.ratio.toFixed(2)}×`,
    ]),
  );
  return `## 1. Warm invocation overhead

${table}

${verdict(figures, (f) => f.meanNs, "lowest warm overhead", us)}
${schemaTable(schemaPairs)}
**What it means.** This is what every invocation after the first one in a container pays for the
middleware, once the secret is cached: the time from calling the Middy handler to its promise resolving,
measured in-process with tinybench (one invocation per sample, a fresh Lambda context each time; each
library keeps its best of ${rounds} round${rounds === 1 ? "" : "s"}). All three libraries are fed by the same mocked SecretsManagerClient
and the same secret, and none calls AWS here. The differences are fractions of a microsecond to a couple of
microseconds, far below Lambda's 1 ms billing granularity and the runtime's own per-invocation overhead: on
a warm path, no library here will show up on a bill. The handlers do the same work: @middy/secrets-manager
(\`fetchData: { secrets: "Starfleet" }, setToContext: true\`) puts the whole parsed secret on the context, so
its handler picks the worker's entry; Powertools is called as \`getSecret("Starfleet", { transform: "json" })\`
in the handler with its default 5 s \`maxAge\`, so a run longer than 5 s includes the occasional refetch a
user also gets; middy-starfleet-secrets puts only the worker's own entry, frozen and hidden from logging, on
\`context.secrets\`.
`;
}

export function callsSection(figures: readonly CallsFigure[]): string {
  const table = markdownTable(
    [
      "Library",
      `${count(CONCURRENT_INVOCATIONS)} concurrent first invocations`,
      `next ${count(SEQUENTIAL_INVOCATIONS)} sequential`,
    ],
    figures.map((f) => [bold(f.label, f.id === OURS), String(f.concurrentCalls), String(f.sequentialCalls)]),
  );
  return `## 2. Calls to AWS (GetSecretValue)

${table}

${verdict(
  figures,
  (f) => f.concurrentCalls + f.sequentialCalls,
  "fewest GetSecretValue calls",
  (n) => `${n} calls`,
)}

**What it means.** Each library starts from an empty cache; ${CONCURRENT_INVOCATIONS} invocations then run at
once in one process (a burst on a Lambda Managed Instance, which runs many invocations in one Node process,
or the first invocations meeting a prefetch), with the mocked GetSecretValue answering after
${MOCK_LATENCY_MS} ms; then ${count(SEQUENTIAL_INVOCATIONS)} more run one after the other. Every call is a
request on the critical path of an invocation, a line on the bill (Secrets Manager charges per 10,000 API
calls) and a share of the account's GetSecretValue request quota, which every function of the account
draws from: a burst of cache misses that each call AWS is how a fleet gets throttled. Powertools does not
share a fetch that is under way, so concurrent misses each call AWS; and with its default 5 s \`maxAge\` a
steadily invoked container refetches every 5 s (up to 720 calls an hour per container), which the
sequential phase here (shorter than 5 s) does not show. middy-starfleet-secrets and @middy/secrets-manager
keep the value for the container's life by default and share one in-flight fetch.
`;
}

export function coldStartSection(figures: readonly ColdStartFigure[]): string {
  const table = markdownTable(
    [
      "Handler",
      "runs",
      "spawn → exit (parent)",
      "Node ready",
      "handler imported",
      "first result",
      "first result over the floor",
      "modules loaded",
      "Secrets Manager SDK loaded",
    ],
    figures.map((f) => [
      bold(f.label, f.id === OURS),
      String(f.runs),
      ms(f.wallMs),
      ms(f.nodeReadyMs),
      ms(f.importedMs),
      ms(f.firstResultMs),
      f.id === "bare" ? "—" : signedMs(f.overFloorMs),
      String(f.modulesLoaded),
      f.sdkLoaded ? "yes" : "no",
    ]),
  );
  const unconfigured = figures.find((f) => f.id === "starfleet-unconfigured");
  const sdkCheck = unconfigured
    ? `SDK check: with Secrets Manager not configured, middy-starfleet-secrets loaded ${unconfigured.modulesLoaded} module files and ${unconfigured.sdkLoaded ? "DID load" : "did not load"} @aws-sdk/client-secrets-manager (every resolved module URL was recorded with module.registerHooks in the child).`
    : "";
  return `## 3. Cold start

${table}

${verdict(figures, (f) => f.firstResultMs, "fastest cold start (first result)", ms)}

${sdkCheck}

**What it means.** Each run is a fresh Node process that imports the handler module (loading the library
and creating the middleware), then completes the first invocation, which fetches the secret over HTTP from
a local Secrets Manager-compatible endpoint (\`AWS_ENDPOINT_URL_SECRETS_MANAGER\`, fake credentials). Times
in the child are from its process start (\`performance.now()\`, whose origin is the process start): "Node
ready" is Node's own boot, "handler imported" adds loading the library and creating the middleware (two of
the libraries start fetching there), "first result" adds the first invocation; "spawn → exit" is the
parent's wall clock around the whole process. Medians of the runs, libraries taking
turns. This is the init and first-invocation time a user waits for after a deploy, a scale-out or an idle
container's recycling, and Lambda bills the init phase. The endpoint is local, so the figures are module
loading and CPU, not network: a real in-region TLS call to Secrets Manager adds the same tens of
milliseconds to each library. middy-starfleet-secrets reads and validates the Starfleet YAML configuration
(which says where the secret is) as part of this; the other libraries are given the secret's name in code.
The "no SecretsManager" row is a worker whose configuration has no \`STARFLEET.SecretsManager\`, with
\`optional: true\`: it must not pay for the AWS SDK at all.
`;
}

export function sizeSection(figures: readonly SizeFigure[]): string {
  const table = markdownTable(
    ["Handler", "SDK external (min)", "gzip", "SDK bundled (min)", "gzip"],
    figures.map((f) => [
      bold(f.label, f.id === OURS),
      kB(f.sdkExternal),
      kB(f.sdkExternalGzip),
      kB(f.sdkBundled),
      kB(f.sdkBundledGzip),
    ]),
  );
  return `## 4. Bundle size

${table}

${verdict(figures, (f) => f.sdkExternal, "smallest bundle (SDK external)", kB)}

**What it means.** The example handler of each library bundled by esbuild (minified, ESM, platform node,
target node22), as most Lambda deployments are built. "SDK external" leaves \`@aws-sdk/*\` and \`@smithy/*\` to
the Lambda Node.js runtime, which ships the SDK v3; "SDK bundled" pins the SDK in the deployment package,
which AWS recommends for control over the SDK version. Every handler includes @middy/core. The size matters
for the deployment package limit (50 MB zipped, 250 MB unzipped) and a little for cold start (the code is
downloaded and parsed at init); a few tens of kB is well under a millisecond of parsing. The gzip column is
close to what the file adds to a zip. middy-starfleet-secrets includes the YAML parser and validator of the
Starfleet configuration.
`;
}

export function memorySection(figures: readonly MemoryFigure[]): string {
  const table = markdownTable(
    ["Handler", "heap used after first invocation", "over the floor"],
    figures.map((f) => [
      bold(f.label, f.id === OURS),
      MB(f.heapUsed),
      f.id === "bare" ? "—" : signedMB(f.overFloor),
    ]),
  );
  return `## 5. Memory

${table}

${verdict(figures, (f) => f.heapUsed, "smallest heap", MB)}

**What it means.** V8 heap in use after the first invocation and a full garbage collection, in the same
child processes as the cold-start figure (\`--expose-gc\`), median of the runs; the floor is a bare Middy
handler in the same setup. Most of the difference is the AWS SDK client and its modules, which every library
that fetches needs. Lambda sizes memory from 128 MB up and a Node.js function's baseline is several tens of
MB, so a few MB is not a reason to change the memory setting; it is a reason for a worker that needs no
secret not to load the SDK at all (the "no SecretsManager" row).
`;
}

function versionOf(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

export function environmentSection(date: Date): string {
  const require = createRequire(path.join(ROOT_DIR, "package.json"));
  const pkg = (name: string) => versionOf(path.join(ROOT_DIR, "node_modules", name, "package.json"));
  const middyUtil6 = createRequire(require.resolve("@middy/secrets-manager")).resolve("@middy/util");
  const cpus = os.cpus();
  return `- Date: ${date.toISOString()}
- Machine: ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()} ${os.arch()}
- Node: ${process.version}
- Compared: middy-starfleet-secrets ${versionOf(path.join(ROOT_DIR, "package.json"))} (the built \`dist/\`), @middy/secrets-manager ${pkg("@middy/secrets-manager")} (with @middy/util ${versionOf(path.join(path.dirname(middyUtil6), "package.json"))}), @aws-lambda-powertools/parameters ${pkg("@aws-lambda-powertools/parameters")}; all on @middy/core ${pkg("@middy/core")} and @aws-sdk/client-secrets-manager ${pkg("@aws-sdk/client-secrets-manager")}
- Secret: one JSON secret of ${(SECRET_STRING.length / 1000).toFixed(1)} kB with a \`STARFLEET\` entry and ${Object.keys(JSON.parse(SECRET_STRING) as object).length - 1} worker entries; the worker is \`${WORKER_NAME}\`
- Handlers: \`bench/handlers/*.js\`, one per library, the same files for every figure`;
}

export function document(date: Date, sections: readonly string[]): string {
  return `# Benchmarks

Generated by \`npm run bench\` (\`bench/run.ts\`), which rewrites this whole file; edit \`bench/report.ts\`
instead. Figures from one machine: compare rows with each other, not with another machine's numbers.

${environmentSection(date)}

${sections.join("\n")}`;
}
