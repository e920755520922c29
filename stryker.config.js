/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "jest",
  // Everything a Lambda loads. Not the runtime: the CLI, the local Secrets Manager endpoint and the testing kit.
  mutate: ["src/**/*.ts", "!src/cli/**", "!src/local/**", "!src/testing/**"],
  jest: {
    configFile: "jest.config.js",
    config: {
      // jest finds the tests related to a mutated file through its module graph, which only spans the roots.
      roots: ["<rootDir>/__tests__", "<rootDir>/src"],
      // A mutant that leaves an invocation hanging fails its test well before Stryker's own timeout, which
      // would restart the test process; the slowest test takes about 2 s.
      testTimeout: 10_000,
      // Stryker's jest runner cannot make jest bail; these two make a killed mutant's run stop early.
      // (Stryker loads the environment itself, resolving from the project folder: no <rootDir> there.)
      testEnvironment: "./tools/mutation/stop-at-first-failure.cjs",
      testSequencer: "<rootDir>/tools/mutation/fastest-first-sequencer.cjs",
      testPathIgnorePatterns: [
        "/node_modules/",
        "<rootDir>/__tests__/(cli|deploy|examples|local|packaging|testing|tools)/",
        "<rootDir>/__tests__/local-secrets-manager\\.test\\.ts$",
        "<rootDir>/__tests__/integration/real-failures\\.test\\.ts$",
        "<rootDir>/__tests__/runtime\\.test\\.ts$",
      ],
    },
  },
  // The sandbox has no build: a test that reached for dist/ would fail the dry run rather than test unmutated
  // code. No tsconfig either: swc strips the types, and Stryker's tsconfig rewriting needs the TypeScript
  // compiler API, which TypeScript 7 does not have (stryker-js#6110).
  ignorePatterns: ["/dist", "/coverage", "/tsconfig*.json"],
  testRunnerNodeArgs: ["--experimental-vm-modules"],
  coverageAnalysis: "perTest",
  // Later runs test again only the mutants whose code or covering tests changed (reports/ is ignored by git,
  // so a fresh clone starts with a full run).
  incremental: true,
  concurrency: 2,
  reporters: ["json", "html", "clear-text", "progress"],
};
