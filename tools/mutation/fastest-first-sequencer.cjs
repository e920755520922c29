/**
 * The test order of `npm run mutation`: the file that failed in the previous run first (neighbouring
 * mutants are often killed by the same tests), then the quickest files, so that a mutant is most often killed
 * (and the rest of its run skipped, see stop-at-first-failure.cjs) before the slow integration tests run.
 * Jest's own order puts the slowest files first, which suits parallel runs, not this.
 */
const Sequencer = require("@jest/test-sequencer").default;

module.exports = class FastestFirstSequencer extends Sequencer {
  sort(tests) {
    // A file without a recorded duration (the first run) goes by its size.
    const costOf = (test) => this.time(test) ?? test.context.hasteFS.getSize(test.path) ?? 0;
    const rank = (test) => (this.hasFailed(test) ? 0 : 1);
    return [...tests].sort((a, b) => rank(a) - rank(b) || costOf(a) - costOf(b));
  }
};
