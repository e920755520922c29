// The README's worker and its complete jest test are the files the packaging tests run from a project that
// installed the tarball (under jest and vitest): the example cannot drift from what is tested.
import { readFileSync } from "node:fs";
import { expect, it } from "@jest/globals";

const read = (file: string) => readFileSync(new URL(file, import.meta.url), "utf8");

/** The file as the README shows it: without the leading comment that says where it runs. */
function shownPart(text: string): string {
  const lines = text.split("\n");
  while (lines[0]?.startsWith("//")) lines.shift();
  return lines.join("\n").trim();
}

it.each(["github-sync-worker.js", "github-sync-worker.test.js"])("README.md shows %s as it is", (file) => {
  const readme = read("../../README.md");
  const source = shownPart(read(`../support/consumers/testing/${file}`));

  expect(readme).toContain(`\`\`\`js\n// ${file}\n${source}\n\`\`\``);
});
