/**
 * `npm run bench` (after `npm run build`): measures middy-starfleet-secrets against @middy/secrets-manager
 * and Powertools Parameters, prints each figure as it is measured, and rewrites BENCHMARKS.md.
 *
 *   node bench/run.ts           every figure, then BENCHMARKS.md
 *   node bench/run.ts --warm    figure 1 only, replacing its section of BENCHMARKS.md (the warm figure
 *                               needs minutes, the cold-start figures a quiet machine)
 *   node bench/run.ts --quick   shorter runs, prints only (for checking the benchmark itself)
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measureCalls } from "./aws-calls.ts";
import { bundledLibrary } from "./bundled.ts";
import { assertSdkNotLoaded, coldStartFigures } from "./cold-start.ts";
import { runFirstInvocations } from "./first-invocations.ts";
import { type HandlerId, LIBRARIES, type LibraryId, ROOT_DIR } from "./fixture.ts";
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

const quick = process.argv.includes("--quick");
const warmOnly = process.argv.includes("--warm");
const file = path.join(ROOT_DIR, "BENCHMARKS.md");
const started = performance.now();
const sections: string[] = [];

function report(section: string): void {
  sections.push(section);
  process.stdout.write(`\n${section}`);
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s so far)\n`);
}

// The library logs each fetch at debug level on its default logger, `console`; keep this output to figures.
console.debug = () => {};

const warmOptions = quick ? { pairs: 150, batch: 200, passes: 1 } : { pairs: 1_000, batch: 200, passes: 3 };
const warmIds: HandlerId[] = [
  "ideal",
  "ideal-getter",
  "starfleet",
  "starfleet-ttl",
  "starfleet-schema",
  "middy",
  "powertools",
  "powertools-1h",
];
report(warmSection(await measureWarm(warmIds, warmOptions), warmOptions));

if (warmOnly) {
  if (!quick) {
    const current = readFileSync(file, "utf8");
    const start = current.indexOf("## 1. ");
    const end = current.indexOf("\n## ", start + 1);
    if (start === -1 || end === -1)
      throw new Error("BENCHMARKS.md has no figure 1 to replace: run without --warm");
    writeFileSync(file, `${current.slice(0, start)}${sections[0]}${current.slice(end)}`);
    process.stdout.write(`\nReplaced figure 1 in ${path.relative(process.cwd(), file) || file}\n`);
  }
  process.exit(0);
}

const { mock, libraries } = await loadInProcess(["starfleet", "middy", "powertools"]);
report(callsSection(await measureCalls(libraries, mock)));
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
  writeFileSync(file, document(new Date(), sections));
  process.stdout.write(`\nWrote ${path.relative(process.cwd(), file) || file}\n`);
}
// Handlers keep module-level caches and clients alive; nothing else is left to wait for.
process.exit(0);
