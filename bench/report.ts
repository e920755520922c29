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
import { median, ROOT_DIR, SECRET_STRING, WORKER_NAME } from "./fixture.ts";
import type { MemoryFigure } from "./memory.ts";
import type { SizeFigure } from "./size.ts";
import type { WarmFigure, WarmOptions } from "./warm.ts";

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

/** The goal of the warm path: ours within this factor of the ideal middleware. */
export const WARM_GOAL = 1.05;

const times = (ratio: number) => `${ratio.toFixed(2)}×`;

/** The figures by id, and the floor's median over every process. */
function warmRows(figures: readonly WarmFigure[]) {
  const byId = new Map<string, WarmFigure>(figures.map((figure) => [figure.id, figure]));
  const need = (id: string) => {
    const figure = byId.get(id);
    if (!figure) throw new Error(`warm: no figure for ${id}`);
    return figure;
  };
  const floorNs = median(figures.map((figure) => figure.floorNs));
  return {
    floorNs,
    ideal: need("ideal"),
    idealGetter: need("ideal-getter"),
    ours: [need(OURS), need("starfleet-ttl"), need("starfleet-schema")],
    others: [need("middy"), need("powertools"), need("powertools-1h")],
    /** a's time over b's, in ns: the difference of their ratios to the floor, at the floor's median. */
    overNs: (a: WarmFigure, b: WarmFigure) => (a.ratio - b.ratio) * floorNs,
  };
}

/** Each configuration of ours against the ideal middleware, then against the other libraries. */
function warmVerdict(figures: readonly WarmFigure[]): string {
  const { ideal, idealGetter, ours, others } = warmRows(figures);
  const goal = `${Math.round((WARM_GOAL - 1) * 100)} %`;
  const lines = ours.map((figure) => {
    const value = figure.ratio / ideal.ratio;
    return `- ${figure.label}: ${times(value)} the ideal middleware, ${value <= WARM_GOAL ? "within" : "NOT within"} ${goal} (${times(figure.ratio / idealGetter.ratio)} the ideal with a getter, like for like)`;
  });
  const slowest = ours.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const ahead = others.filter((figure) => figure.ratio > slowest.ratio);
  const behind = others.filter((figure) => figure.ratio <= slowest.ratio);
  const list = (rows: readonly WarmFigure[]) =>
    rows.map((figure) => `${figure.label} (${times(figure.ratio)} the floor)`).join(", ");
  const alternatives =
    behind.length === 0
      ? `Every configuration of ours (at most ${times(slowest.ratio)} the floor) is ahead of ${list(ahead)}.`
      : `NOT ahead in every configuration (${slowest.label}: ${times(slowest.ratio)} the floor) of ${list(behind)}.`;
  return `Verdict (goal: at most ${times(WARM_GOAL)} the ideal middleware, which defines the entry as a value):

${lines.join("\n")}

${alternatives}`;
}

/** Where ours' time over the ideal middleware goes, from the rows of this run. */
function warmBreakdown(figures: readonly WarmFigure[]): string {
  const { floorNs, ideal, idealGetter, ours, overNs } = warmRows(figures);
  const [defaults, ttl, schema] = ours as [WarmFigure, WarmFigure, WarmFigure];
  const getter = overNs(idealGetter, ideal);
  return `In this run, at the floor's median of ${us(floorNs)}: the ideal middleware takes ${signedUs(overNs(ideal, { ...ideal, ratio: 1 }))}
over the floor (Middy calling a \`before\`, and \`Object.defineProperty\`); defining the entry behind a getter
instead of as a value ${getter <= 0 ? `saves ${us(-getter)}` : `costs ${us(getter)} more`} (the two ideal rows); ours with the default options
takes ${signedUs(overNs(defaults, idealGetter))} against the ideal with a getter (the lease check); with a TTL, ${signedUs(overNs(ttl, defaults))} against
the default options (the clock read); with a schema, ${signedUs(overNs(schema, defaults))}. Differences of a hundredth of a
microsecond or two are within this run's noise: see each row's range of passes.`;
}

export function warmSection(figures: readonly WarmFigure[], options: WarmOptions): string {
  const { floorNs, ideal, idealGetter } = warmRows(figures);
  const table = markdownTable(
    [
      "Handler",
      "per invocation",
      "floor beside it",
      "over the floor",
      "× floor (range of passes)",
      "× ideal",
      "× ideal with a getter",
    ],
    [
      ["bare Middy handler (floor)", us(floorNs), "—", "—", "1.00×", "—", "—"],
      ...figures.map((f) => [
        bold(f.label, f.id === OURS),
        us(f.ns),
        us(f.floorNs),
        signedUs(f.ns - f.floorNs),
        `${times(f.ratio)} (${f.ratioLow.toFixed(2)}–${f.ratioHigh.toFixed(2)})`,
        times(f.ratio / ideal.ratio),
        times(f.ratio / idealGetter.ratio),
      ]),
    ],
  );
  return `## 1. Warm invocation overhead

${table}

${warmVerdict(figures)}

**What it means.** This is what every invocation after the first one in a container pays for the
middleware, once the secret is cached: the time from calling the Middy handler to its promise resolving,
with a fresh Lambda context each time. All libraries are fed by the same mocked SecretsManagerClient and
the same secret, and none calls AWS here. The differences are fractions of a microsecond to a couple of
microseconds, far below Lambda's 1 ms billing granularity and the runtime's own per-invocation overhead: on
a warm path, no library here will show up on a bill. The handlers do the same work: @middy/secrets-manager
(\`fetchData: { secrets: "Starfleet" }, setToContext: true\`) puts the whole parsed secret on the context, so
its handler picks the worker's entry; Powertools is called as \`getSecret("Starfleet", { transform: "json" })\`
in the handler, with its default 5 s \`maxAge\` and with 1 h (a process measures for about a second, so
neither includes a refetch: the 5 s row pays for Powertools reading its default \`maxAge\` from the
environment on every call); middy-starfleet-secrets puts only the worker's own entry, frozen and hidden from
logging, on \`context.secrets\`: with the default \`cacheExpiry\` (-1: kept for the container's life), with a
TTL, and with a zod \`schema\` (validated once per fetched secret, never on a warm invocation).

**The ideal middleware** (\`bench/handlers/ideal.js\`) is the floor for any middleware that puts the entry on
the context: a \`before\` that only calls \`Object.defineProperty(request.context, "secrets", descriptor)\`,
with the frozen entry as its value and the descriptor made once. No middleware can do less: Middy calls
every \`before\`, and the Lambda context is a new object each invocation. \`ideal-getter.js\` is the same
with the entry behind a getter, as ours defines it so that \`util.inspect\` with \`showHidden\` and
\`console.log("%o")\` print \`[Getter]\` instead of the entry: comparing ours with it leaves out what the
getter itself costs or saves.

**Where the rest goes.** A warm invocation of ours asks whether the store's lease on the document it served
last still holds, and if so defines the property with the getter descriptor it made for that entry. The
lease holds while the store has not been cleared (a counter), still holds that document (a refresh after a
TTL, a refetch for some worker's missing entry and \`clearStarfleetSecretsCache()\` replace it) and, only
with a TTL, the clock has not reached its expiry: one \`Date.now()\`, the one cost the ideal middleware has no
counterpart for. A \`config\` function is called first (every invocation, as documented) and its result
compared with the configuration served last. Everything else (the store's lookups, the freshness, backoff
and missing-entry rules, the schema's verdict, making the descriptor) runs only when the lease does not
hold, or when nothing was served yet.
${warmBreakdown(figures)}

**How it is measured.** Each handler runs in a Node process of its own beside the floor (a bare Middy
handler), as in a Lambda function, where one handler is loaded. In one process, handlers share
@middy/core's runner, whose call sites slow down once they have seen several middlewares: whichever
middleware is measured there second loses a few tenths of a microsecond that no deployment pays, more than
the differences measured here. In its process, after warming up, the handler and the floor take turns in
batches of ${options.batch} invocations, ${count(options.pairs)} pairs, each going first in every other pair; a handler's
figure is the median of its batch-by-batch ratios to the floor, so that other work on the machine, which
slows both alike, cancels out. Handlers take turns over ${options.passes} pass${options.passes === 1 ? "" : "es"} (a process each, in
reversed order every other pass); each keeps the median of its passes, and the table shows their range.
"× ideal" divides a handler's ratio by the ideal's. Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.
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
- Handlers: \`bench/handlers/*.js\`, one per library or configuration, the same files for every figure they are in`;
}

export function document(date: Date, sections: readonly string[]): string {
  return `# Benchmarks

Generated by \`npm run bench\` (\`bench/run.ts\`), which rewrites this whole file (\`npm run bench -- --warm\`
rewrites figure 1 alone, which states its own Node version and date); edit \`bench/report.ts\` instead.
Figures from one machine: compare rows with each other, not with another machine's numbers.

${environmentSection(date)}

${sections.join("\n")}`;
}
