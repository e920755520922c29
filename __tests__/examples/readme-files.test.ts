// examples/README.md's table of files is what a newcomer reads first: every file it names must exist.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "@jest/globals";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

it("examples/README.md lists only files that exist", () => {
  const readme = readFileSync(`${EXAMPLES}README.md`, "utf8");
  const listed = [...readme.matchAll(/^\| `([^`]+)`/gm)].map(([, file]) => file as string);
  expect(listed.length).toBeGreaterThan(5);
  expect(listed.filter((file) => !existsSync(`${EXAMPLES}${file}`))).toEqual([]);
});
