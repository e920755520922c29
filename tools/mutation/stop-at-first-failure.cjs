/**
 * The test environment of `npm run mutation`: once a test has failed for the active mutant, the mutant is
 * killed, so every later test of that run is skipped. Stryker's jest runner cannot ask jest to bail, and
 * the integration tests that execute nearly every line of the runtime take seconds, so without this each
 * mutant would pay for every test that covers it.
 */
const { TestEnvironment } = require("jest-environment-node");

// Stryker sets this variable for each mutant run; it is absent in the initial (coverage) run.
const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";
// The environment module is loaded once per test runner process, and every test file of a run shares it.
let killedMutant;

module.exports = class StopAtFirstFailureEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant === undefined) return;
    if (event.name === "test_start" && killedMutant === mutant) event.test.mode = "skip";
    if (event.name === "test_done" && event.test.errors.length > 0) killedMutant = mutant;
  }
};
