// Child process entry for "where the time goes": a fresh Node process that times ONE step of a cold start
// and prints `@@phase <ms>`. Steps:
//   import SPECIFIER   loading and evaluating a module (and everything it imports that is not loaded yet),
//                      after @middy/core, which every handler here imports first
//   load-config URL    loadStarfleetConfig() of the package at URL (imported first, untimed), from
//                      STARFLEET_CONFIG_DIR: read, parse, merge, validate, freeze
//   parse-config DIR   only reading and parsing that folder's YAML files with js-yaml (imported first)
// Plain JavaScript, for the same reason as first-invocation.js.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const [step, target] = process.argv.slice(2);
let started = 0;

if (step === "import") {
  await import("@middy/core");
  started = performance.now();
  await import(target);
} else if (step === "load-config") {
  const { loadStarfleetConfig } = await import(target);
  started = performance.now();
  loadStarfleetConfig();
} else if (step === "parse-config") {
  const { loadAll } = await import("js-yaml");
  started = performance.now();
  for (const name of readdirSync(target)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()) {
    loadAll(readFileSync(path.join(target, name), "utf8"));
  }
} else {
  throw new Error(`unknown step ${step}`);
}
const ms = performance.now() - started;
process.stdout.write(`@@phase ${ms}\n`, () => process.exit(0));
