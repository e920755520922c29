/** The Markdown of the "as deployed" figure: cold start of the bundled handlers beside the unbundled ones. */
import type { ColdStartFigure } from "./cold-start.ts";
import { bold, kB, markdownTable, ms, OURS, signedMs, verdict } from "./report.ts";

/** A bundled figure, named by the library it bundles (`starfleet-bundled` → `starfleet`). */
const unbundledId = (figure: ColdStartFigure) => figure.id.replace(/-bundled$/, "");
const ratio = (value: number, base: number | undefined) => (base ? `${(value / base).toFixed(2)}×` : "—");

export function byId(figures: readonly ColdStartFigure[], id: string): ColdStartFigure {
  const figure = figures.find((candidate) => candidate.id === id);
  if (!figure) throw new Error(`no cold-start figure for ${id}`);
  return figure;
}

export function deployedColdStartSection(
  bundled: readonly ColdStartFigure[],
  unbundled: readonly ColdStartFigure[],
  bundleBytes: ReadonlyMap<string, number>,
): string {
  const middy = byId(bundled, "middy-bundled");
  const table = markdownTable(
    [
      "Handler, bundled",
      "runs",
      "handler imported",
      "first result",
      "fastest run",
      "over the floor",
      "unbundled first result",
      "bundled ÷ unbundled",
      "÷ @middy/secrets-manager",
      "modules loaded",
      "bundle",
    ],
    bundled.map((f) => {
      const plain = unbundled.find((candidate) => candidate.id === unbundledId(f));
      return [
        bold(f.label, unbundledId(f) === OURS),
        String(f.runs),
        ms(f.importedMs),
        ms(f.firstResultMs),
        ms(f.bestFirstResultMs),
        f.id === "bare-bundled" ? "—" : signedMs(f.overFloorMs),
        plain ? ms(plain.firstResultMs) : "—",
        ratio(f.firstResultMs, plain?.firstResultMs),
        ratio(f.firstResultMs, middy.firstResultMs),
        String(f.modulesLoaded),
        kB(bundleBytes.get(f.id) ?? 0),
      ];
    }),
  );
  const named = bundled.map((f) => ({ ...f, id: unbundledId(f) }));
  return `## 3b. Cold start as deployed (bundled)

${table}

${verdict(named, (f) => f.firstResultMs, "fastest bundled cold start (first result)", ms)}

**What it means.** The same first invocations as figure 3, in the same run and taking turns with them, but
each handler is first bundled as most Lambda functions are deployed: esbuild with the options of
\`examples/deploy/esbuild-options.ts\` (ESM, platform node, target node22, \`@aws-sdk/*\` and \`@smithy/*\`
external, not minified: the flags AWS CDK's \`NodejsFunction\` passes with \`format: OutputFormat.ESM\`). The
bundle sits in a folder with a copy of the Starfleet configuration, and the process gets
\`LAMBDA_TASK_ROOT\` set to that folder (no \`STARFLEET_CONFIG_DIR\`), as on Lambda; the SDK, external, comes
from node_modules as the runtime's would. "modules loaded" counts the bundle itself plus the SDK's files.
"first result" is the median of the runs, "fastest run" the quickest one (other work on the machine only
ever slows a run down).
Bundling removes the cost of resolving and loading each dependency file separately, which weighs most on
the library made of the most files.
`;
}
