// `check --json` publishes CLI error codes for scripts, so the README must list the whole closed set.
import { readFileSync } from "node:fs";
import { expect, it } from "@jest/globals";
import { CLI_ERROR_CODES } from "../../src/cli/cli-error.js";

it("the README lists every CLI error code", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const missing = Object.keys(CLI_ERROR_CODES).filter((code) => !readme.includes(`| \`${code}\` |`));
  expect(missing).toEqual([]);
});
