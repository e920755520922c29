/**
 * "Where the time goes": times the steps that make up middy-starfleet-secrets' cold start, and the same
 * steps of @middy/secrets-manager, each in a fresh process (children/phases.js), as imported from
 * node_modules and bundled as deployed. The steps take turns run by run; each keeps its fastest run, since
 * other work on a shared machine only ever adds time to a step.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { lambdaBundleOptions } from "../examples/deploy/esbuild-options.ts";
import { BENCH_DIR, CONFIG_DIR, lambdaEnvironment, ROOT_DIR } from "./fixture.ts";

const run = promisify(execFile);
const CHILD = path.join(BENCH_DIR, "children", "phases.js");
const PROBE_BUNDLES = path.join(ROOT_DIR, ".cache", "bench-bundles", "probes");
const OURS = pathToFileURL(path.join(ROOT_DIR, "dist", "index.js")).href;

export type PhaseId =
  | "sdkImport"
  | "middyImport"
  | "oursImport"
  | "jsYamlImport"
  | "oursBundledImport"
  | "jsYamlBundledImport"
  | "loadConfig"
  | "parseConfig";

/** Milliseconds of each step, fastest run. */
export type PhaseFigures = Record<PhaseId, number>;

async function bundle(entry: string, name: string): Promise<string> {
  const outfile = path.join(PROBE_BUNDLES, `${name}.mjs`);
  await build(lambdaBundleOptions(entry, outfile));
  return pathToFileURL(outfile).href;
}

async function timeStep(args: readonly string[]): Promise<number> {
  const env = { PATH: process.env.PATH ?? "", ...lambdaEnvironment() };
  const { stdout } = await run(process.execPath, [CHILD, ...args], { env, cwd: ROOT_DIR });
  const line = stdout.split("\n").find((text) => text.startsWith("@@phase "));
  if (!line) throw new Error(`phases child printed nothing for ${args.join(" ")}`);
  return Number(line.slice("@@phase ".length));
}

export async function phaseFigures(runs: number): Promise<PhaseFigures> {
  const steps: Record<PhaseId, readonly string[]> = {
    sdkImport: ["import", "@aws-sdk/client-secrets-manager"],
    middyImport: ["import", "@middy/secrets-manager"],
    oursImport: ["import", OURS],
    jsYamlImport: ["import", "js-yaml"],
    oursBundledImport: ["import", await bundle(fileURLToPath(OURS), "ours")],
    jsYamlBundledImport: ["import", await bundle(fileURLToPath(import.meta.resolve("js-yaml")), "js-yaml")],
    loadConfig: ["load-config", OURS],
    parseConfig: ["parse-config", CONFIG_DIR],
  };
  const samples = new Map<PhaseId, number[]>();
  for (let round = 0; round <= runs; round++) {
    for (const [id, args] of Object.entries(steps) as [PhaseId, readonly string[]][]) {
      const ms = await timeStep(args);
      // Round 0 warms the file system cache and is not kept.
      if (round > 0) samples.set(id, [...(samples.get(id) ?? []), ms]);
    }
  }
  return Object.fromEntries([...samples].map(([id, values]) => [id, Math.min(...values)])) as PhaseFigures;
}
