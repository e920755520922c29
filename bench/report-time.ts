/**
 * The Markdown of "where the time goes": middy-starfleet-secrets' cold start against @middy/secrets-manager's,
 * taken apart step by step, and the changes to src/ that the measurements suggest, with their potential.
 * Every number is computed from this run's figures; so is every conclusion that depends on one.
 */
import type { ColdStartFigure } from "./cold-start.ts";
import type { PhaseFigures } from "./phases.ts";
import { markdownTable, ms, signedMs } from "./report.ts";
import { byId } from "./report-deployed.ts";

type Measure = "firstResultMs" | "bestFirstResultMs";

/** `a` minus `b`, by the median and by the fastest run, as "+X ms (fastest runs: +Y ms)". */
function difference(figures: readonly ColdStartFigure[], a: string, b: string): string {
  const by = (measure: Measure) => byId(figures, a)[measure] - byId(figures, b)[measure];
  return `${signedMs(by("firstResultMs"))} (fastest runs: ${signedMs(by("bestFirstResultMs"))})`;
}

/** Whether `a` minus `b` stands out of this run's noise, judged on both measures. */
function isClear(figures: readonly ColdStartFigure[], a: string, b: string): boolean {
  const noise = Math.max(byId(figures, a).firstResultSpreadMs, byId(figures, b).firstResultSpreadMs);
  const median = byId(figures, a).firstResultMs - byId(figures, b).firstResultMs;
  const best = byId(figures, a).bestFirstResultMs - byId(figures, b).bestFirstResultMs;
  return Math.sign(median) === Math.sign(best) && Math.abs(median) > noise && Math.abs(best) > noise;
}

/** What the SDK-first experiment shows, for one of the two builds, judged against the run's noise. */
function orderFinding(figures: readonly ColdStartFigure[], suffix: string, build: string): string {
  const experiment = `starfleet-sdk-first${suffix}`;
  const ours = `starfleet${suffix}`;
  if (!isClear(figures, experiment, ours)) return `${build}, no difference beyond this run's noise`;
  const faster = byId(figures, experiment).firstResultMs < byId(figures, ours).firstResultMs;
  return `${build}, starting the SDK first is clearly ${faster ? "faster" : "slower"}`;
}

/** The SDK-first change is proposed only when the experiment shows it faster in some build. */
function sdkFirstStep(unbundled: readonly ColdStartFigure[], bundled: readonly ColdStartFigure[]): string {
  const faster = (figures: readonly ColdStartFigure[], suffix: string) =>
    isClear(figures, `starfleet-sdk-first${suffix}`, `starfleet${suffix}`) &&
    byId(figures, `starfleet-sdk-first${suffix}`).firstResultMs <
      byId(figures, `starfleet${suffix}`).firstResultMs;
  if (faster(unbundled, "") || faster(bundled, "-bundled")) {
    return (
      "**Start the SDK import first**, in the factory, as soon as the parsed YAML names " +
      "`STARFLEET.SecretsManager`: the experiment above measures the gain."
    );
  }
  return (
    "**Not proposed: starting the SDK import earlier.** The experiment above shows no gain from it in " +
    "either build, so the lazy import, which keeps workers without Secrets Manager from loading the SDK, stays."
  );
}

export function whereTheTimeGoesSection(
  phases: PhaseFigures,
  unbundled: readonly ColdStartFigure[],
  bundled: readonly ColdStartFigure[],
): string {
  const modules = (id: string) => byId(unbundled, id).modulesLoaded;
  const validation = phases.loadConfig - phases.parseConfig;
  const spread = (figures: readonly ColdStartFigure[], id: string) =>
    ms(byId(figures, id).firstResultSpreadMs);
  const table = markdownTable(
    ["Step (fastest of the runs, each a fresh process, after @middy/core)", "unbundled", "bundled"],
    [
      ["import @aws-sdk/client-secrets-manager (every library loads it)", ms(phases.sdkImport), "external"],
      ["import @middy/secrets-manager 6 (with its @middy/util 6 and the SDK)", ms(phases.middyImport), "—"],
      [
        "import middy-starfleet-secrets (its published entry; not the SDK: it is imported on the first fetch)",
        ms(phases.oursImport),
        ms(phases.oursBundledImport),
      ],
      ["… of which js-yaml", ms(phases.jsYamlImport), ms(phases.jsYamlBundledImport)],
      ["loadStarfleetConfig(): read, parse, merge, validate, freeze", ms(phases.loadConfig), "same code"],
      ["… of which reading and parsing the YAML", ms(phases.parseConfig), "same code"],
    ],
  );
  return `## 6. Where the time goes

Our first result against @middy/secrets-manager's: ${difference(unbundled, "starfleet", "middy")}
unbundled, ${difference(bundled, "starfleet-bundled", "middy-bundled")} bundled (figures 3 and 3b). What our
library costs before any SDK work, measured as the worker without Secrets Manager configured (which never
loads the SDK) against the bare Middy floor: ${difference(unbundled, "starfleet-unconfigured", "bare")}
unbundled, ${difference(bundled, "starfleet-unconfigured-bundled", "bare-bundled")} bundled. The steps,
timed one by one:

${table}

- **Module count.** Unbundled, our handler loads ${modules("starfleet")} module files against
  ${modules("middy")} for @middy/secrets-manager's; ${modules("starfleet-unconfigured")} without the SDK.
  Two of them are the package's own code (its entry, a bundle, and the chunk it shares with the testing kit;
  it used to be some 25 modules, each resolved, read and linked on its own); the others are @middy/core's,
  @middy/util's and js-yaml's. Fully bundled, importing the library takes ${ms(phases.oursBundledImport)}
  instead of ${ms(phases.oursImport)}.
- **js-yaml**: ${ms(phases.jsYamlImport)} of that import unbundled, ${ms(phases.jsYamlBundledImport)}
  bundled, a part @middy/secrets-manager has no counterpart for (it is given the secret's name in code).
- **Reading and validating the configuration**: ${ms(phases.loadConfig)} in all, ${ms(phases.parseConfig)}
  of it reading and parsing the YAML; the other ${ms(validation)} is listing the folder, merging, validating
  and freezing, together with the first run of that code. It runs synchronously while the handler module
  initialises.
- **Order.** The middleware imports the SDK on the first fetch, which the prefetch starts once the
  configuration is read and validated; @middy/secrets-manager imports it statically, so its SDK loads with
  the handler module. The experiment \`bench/handlers/starfleet-sdk-first.js\` starts the SDK import before
  the configuration is read: ${difference(unbundled, "starfleet-sdk-first", "starfleet")} unbundled,
  ${difference(bundled, "starfleet-sdk-first-bundled", "starfleet-bundled")} bundled, against our handler.
  So: ${orderFinding(unbundled, "", "unbundled")}; ${orderFinding(bundled, "-bundled", "bundled")} (see
  Noise, below).

### What remains, and why

What is left between our first result and @middy/secrets-manager's is work that library does not do: it is
given the secret's name in code, while we read it from the Starfleet configuration (js-yaml and
loadStarfleetConfig() above). What could be removed has been: the package's entries are bundles (module
count, above). What remains:

1. **js-yaml's import** (${ms(phases.jsYamlBundledImport)} bundled) cannot be deferred: the factory reads the
   configuration synchronously at module init, so that a bad configuration fails the init rather than the
   first invocation, and a bundler includes only a module imported statically. A smaller reader for the
   subset Starfleet's files use would still need js-yaml for every other file, so it could save part of the
   ${ms(phases.parseConfig)} parse only, at the price of a second parser to keep strict and safe: not done.
2. **Validating less before the first fetch** (only \`STARFLEET.SecretsManager\`, the rest after the fetch has
   started) would save less than the ${ms(validation)} that is not parsing, of which validating is only a
   part, and give up reporting every problem before any network call: not done.
3. ${sdkFirstStep(unbundled, bundled)}

Noise: this machine is shared, so other work lands on some runs. In this run a typical run of our handler
landed ${spread(unbundled, "starfleet")} from the median unbundled and ${spread(bundled, "starfleet-bundled")}
bundled (median absolute deviation); differences of that size between two rows are not findings. The
fastest runs, which other work can only slow down, are the steadier comparison.
`;
}
