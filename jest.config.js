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
    "^.+\\.ts$": ["ts-jest", { useESM: true }],
  },
  collectCoverageFrom: ["src/**/*.ts"],
  coverageThreshold: {
    global: { lines: 95, branches: 95 },
  },
  testTimeout: 20000,
};
