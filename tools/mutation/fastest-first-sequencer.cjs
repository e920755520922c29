/**
 * The test files of a `npm run mutation` run, and their order.
 *
 * Which: for a mutant, Stryker gives jest the names of the tests that cover it, and jest would still load
 * every test file that imports the mutated module only to skip most of their tests. Loading a test file
 * (the SDK, Middy, our modules) costs more than most tests, so only the files recorded as holding one of
 * those tests run (stop-at-first-failure.cjs records them in the initial run; a file not recorded runs).
 *
 * In which order: the file that failed in the previous run first (neighbouring mutants are often killed by
 * the same tests), then the quickest files, so that a mutant is most often killed (and the rest of its run
 * skipped) before the slow integration tests run. Jest's own order puts the slowest first, which suits
 * parallel runs, not this.
 */
const Sequencer = require("@jest/test-sequencer").default;
const { readTestIndex } = require("./stop-at-first-failure.cjs");

module.exports = class FastestFirstSequencer extends Sequencer {
  #namePattern;

  constructor(options) {
    super(options);
    const pattern = options?.globalConfig?.testNamePattern;
    // Compiled as jest compiles it.
    this.#namePattern = pattern ? new RegExp(pattern, "i") : undefined;
  }

  sort(tests) {
    // A file without a recorded duration (the first run) goes by its size.
    const costOf = (test) => this.time(test) ?? test.context.hasteFS.getSize(test.path) ?? 0;
    const rank = (test) => (this.hasFailed(test) ? 0 : 1);
    return this.#holdingCoveringTests(tests).sort((a, b) => rank(a) - rank(b) || costOf(a) - costOf(b));
  }

  #holdingCoveringTests(tests) {
    const pattern = this.#namePattern;
    const index = pattern && tests.length > 0 ? readTestIndex(tests[0].context.config.rootDir) : undefined;
    if (index === undefined) return [...tests];
    const holding = tests.filter((test) => index[test.path]?.some((name) => pattern.test(name)) ?? true);
    return holding.length > 0 ? holding : [...tests];
  }
};
