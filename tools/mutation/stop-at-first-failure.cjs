/**
 * The test environment of `npm run mutation`.
 *
 * In the initial run (no mutant active) it records which tests each test file holds, for
 * fastest-first-sequencer.cjs to run only the files that hold a mutant's covering tests.
 *
 * In a mutant's run, once a test has failed the mutant is killed, so every later test of that run is
 * skipped. Stryker's jest runner cannot ask jest to bail, and the integration tests that execute nearly
 * every line of the runtime take seconds, so without this each mutant would pay for every test covering it.
 */
const fs = require("node:fs");
const path = require("node:path");
const { TestEnvironment } = require("jest-environment-node");

// Stryker sets this variable for each mutant run; it is absent in the initial (coverage) run.
const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";
const TEST_INDEX = ".mutation-test-index.json";
// The environment module is loaded once per test runner process, and every test file of a run shares it.
let killedMutant;

/** A test's name as jest's testNamePattern and Stryker's test filter see it: describe blocks, then the test. */
function fullName(test) {
  const names = [test.name];
  for (let block = test.parent; block?.parent; block = block.parent) names.unshift(block.name);
  return names.join(" ").trimStart();
}

/** The recorded tests of each test file (absolute path), from the initial run. */
function readTestIndex(rootDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(rootDir, TEST_INDEX), "utf8"));
  } catch {
    return undefined;
  }
}

class StopAtFirstFailureEnvironment extends TestEnvironment {
  #rootDir;
  #testPath;
  #testNames = [];

  constructor(config, context) {
    super(config, context);
    this.#rootDir = config.projectConfig.rootDir;
    this.#testPath = context.testPath;
  }

  async handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant === undefined) {
      if (event.name === "test_start") this.#testNames.push(fullName(event.test));
      return;
    }
    if (event.name === "test_start" && killedMutant === mutant) event.test.mode = "skip";
    if (event.name === "test_done" && event.test.errors.length > 0) killedMutant = mutant;
  }

  async teardown() {
    if (process.env[ACTIVE_MUTANT] === undefined && this.#testNames.length > 0) {
      const index = readTestIndex(this.#rootDir) ?? {};
      index[this.#testPath] = this.#testNames;
      fs.writeFileSync(path.join(this.#rootDir, TEST_INDEX), JSON.stringify(index));
    }
    await super.teardown();
  }
}

module.exports = StopAtFirstFailureEnvironment;
module.exports.readTestIndex = readTestIndex;
