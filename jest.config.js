/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  moduleNameMapper: {
    // Sources import siblings as `./x.js` (what Node needs after tsc); point jest at the `.ts` file.
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    // swc only strips types, so jest does not tie the project to one TypeScript major; `tsc` checks types.
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript" },
          target: "es2023",
          transform: { verbatimModuleSyntax: true },
        },
        module: { type: "es6" },
        sourceMaps: "inline",
      },
    ],
  },
  collectCoverageFrom: ["src/**/*.ts"],
  coverageThreshold: {
    global: { lines: 95, branches: 95 },
  },
  testTimeout: 20000,
};
