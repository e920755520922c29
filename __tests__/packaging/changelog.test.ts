// The changelog and the manifest must tell users the same version: the newest released section of
// CHANGELOG.md is the version in package.json, with an Unreleased section above it (Keep a Changelog).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
const manifest = JSON.parse(read("package.json")) as { version: string };
const headings = [...read("CHANGELOG.md").matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)];

describe("CHANGELOG.md", () => {
  it("starts with an Unreleased section", () => {
    expect(headings[0]?.[1]).toBe("Unreleased");
  });

  it("has the package.json version as its newest release, dated", () => {
    const newestRelease = headings.find((heading) => heading[1] !== "Unreleased");
    expect(newestRelease?.[1]).toBe(manifest.version);
    expect(newestRelease?.[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
