// The runtime this suite runs on, read inside the test process. Its title carries the versions into jest's
// JSON report, where .ci/run prints them per matrix cell; .ci/run also says which cell it meant to run
// (EXPECT_NODE_MAJOR, EXPECT_MIDDY_CORE_MAJOR), so a cell that silently ran on another Node fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";

// The copy that every test here imports: the project's own node_modules.
const middyVersion = (
  JSON.parse(readFileSync(new URL("../node_modules/@middy/core/package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;
const nodeMajor = Number(process.versions.node.split(".")[0]);
const middyMajor = Number(middyVersion.split(".")[0]);

describe(`runtime: node ${process.versions.node}, @middy/core ${middyVersion}`, () => {
  it("is a supported combination: Node 22 or 24 (the Lambda runtimes), @middy/core 6 or 7", () => {
    expect([22, 24]).toContain(nodeMajor);
    expect([6, 7]).toContain(middyMajor);
  });

  it("is the matrix cell that .ci/run asked for", () => {
    const { EXPECT_NODE_MAJOR, EXPECT_MIDDY_CORE_MAJOR } = process.env;
    if (EXPECT_NODE_MAJOR) expect(nodeMajor).toBe(Number(EXPECT_NODE_MAJOR));
    if (EXPECT_MIDDY_CORE_MAJOR) expect(middyMajor).toBe(Number(EXPECT_MIDDY_CORE_MAJOR));
  });
});
