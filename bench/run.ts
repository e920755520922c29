/**
 * `npm run bench` (after `npm run build`): measures middy-starfleet-secrets against @middy/secrets-manager
 * and Powertools Parameters, prints each figure as it is measured, and rewrites BENCHMARKS.md.
 *
 *   node bench/run.ts           every figure, then BENCHMARKS.md
 *   node bench/run.ts --quick   shorter runs, prints only (for checking the benchmark itself)
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { measureCalls } from "./aws-calls.ts";
import { bundledLibrary } from "./bundled.ts";
import { assertSdkNotLoaded, coldStartFigures } from "./cold-start.ts";
import { runFirstInvocations } from "./first-invocations.ts";
import { LIBRARIES, type LibraryId, ROOT_DIR } from "./fixture.ts";
import { loadInProcess } from "./in-process.ts";
import { memoryFigures } from "./memory.ts";
import { phaseFigures } from "./phases.ts";
import {
  callsSection,
  coldStartSection,
  document,
  memorySection,
  sizeSection,
  warmSection,
} from "./report.ts";
import { deployedColdStartSection } from "./report-deployed.ts";
import { whereTheTimeGoesSection } from "./report-time.ts";
import { sizeFigures } from "./size.ts";
import { measureWarm } from "./warm.ts";
import { measureWarmAlone } from "./warm-alone.ts";

const quick = process.argv.includes("--quick");
const started = performance.now();
const sections: string[] = [];

function report(section: string): void {
  sections.push(section);
  process.stdout.write(`\n${section}`);
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s so far)\n`);
}

// The library logs each fetch at debug level on its default logger, `console`; keep this output to figures.
console.debug = () => {};

const warmOptions = quick ? { timeMs: 300, rounds: 1 } : { timeMs: 1_000, rounds: 2 };
const schemaPairs = await measureWarmAlone(["starfleet", "starfleet-schema"], warmOptions);
const { mock, libraries } = await loadInProcess(["bare", "starfleet", "middy", "powertools"]);
report(warmSection(await measureWarm(libraries, warmOptions), warmOptions.rounds, schemaPairs));
report(callsSection(await measureCalls(libraries.slice(1), mock)));
mock.restore();

const childLibraries = [
  LIBRARIES.bare,
  LIBRARIES.starfleet,
  LIBRARIES["starfleet-unconfigured"],
  LIBRARIES.middy,
  LIBRARIES.powertools,
];
// The same handlers bundled as deployed, and the SDK-first experiment both ways; all take turns in one run.
const bundled = [];
for (const library of [...childLibraries, LIBRARIES["starfleet-sdk-first"]]) {
  bundled.push(await bundledLibrary(library));
}
const collected = await runFirstInvocations(
  [...childLibraries, LIBRARIES["starfleet-sdk-first"], ...bundled],
  quick ? 3 : 9,
);
const invocationsOf = (ids: readonly LibraryId[]) =>
  ids.map((id) => {
    const runs = collected.get(id);
    if (!runs) throw new Error(`no first invocations for ${id}`);
    return runs;
  });
const firstInvocations = invocationsOf(childLibraries.map((library) => library.id));
const coldStart = coldStartFigures(firstInvocations);
assertSdkNotLoaded(
  coldStart.find((figure) => figure.id === "starfleet-unconfigured"),
  firstInvocations.find(({ library }) => library.id === "starfleet-unconfigured"),
);
report(coldStartSection(coldStart));
const bundledColdStart = coldStartFigures(invocationsOf(bundled.map((library) => library.id)));
const shownBundled = bundledColdStart.filter((figure) => figure.id !== "starfleet-sdk-first-bundled");
report(
  deployedColdStartSection(
    shownBundled,
    coldStart,
    new Map(bundled.map((library) => [library.id, library.bundleBytes])),
  ),
);
const experiment = coldStartFigures(invocationsOf(["bare", "starfleet-sdk-first"]));
report(
  sizeSection(
    await sizeFigures([LIBRARIES.bare, LIBRARIES.starfleet, LIBRARIES.middy, LIBRARIES.powertools]),
  ),
);
report(memorySection(memoryFigures(firstInvocations)));
report(
  whereTheTimeGoesSection(
    await phaseFigures(quick ? 3 : 15),
    [...coldStart, ...experiment.slice(1)],
    bundledColdStart,
  ),
);

if (quick) {
  process.stdout.write("\n--quick: BENCHMARKS.md left as it was\n");
} else {
  const file = path.join(ROOT_DIR, "BENCHMARKS.md");
  writeFileSync(file, document(new Date(), sections));
  process.stdout.write(`\nWrote ${path.relative(process.cwd(), file) || file}\n`);
}
// Handlers keep module-level caches and clients alive; nothing else is left to wait for.
process.exit(0);
