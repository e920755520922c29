// tools/supported-node.mjs is how `npm start`, `npm test` and `npm run bench` reach a supported Node on any
// machine. Run as the npm scripts run it, in a child process. The move to a cached Node 22 needs an older
// Node to start from: this machine's own `node` when it is older (as on the CI machine), else skipped;
// the cache is laid out by hand so that nothing is fetched.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "@jest/globals";

const SCRIPT = fileURLToPath(new URL("../../tools/supported-node.mjs", import.meta.url));
const cacheHome = mkdtempSync(path.join(os.tmpdir(), "supported-node-"));
const env = { ...process.env, XDG_CACHE_HOME: cacheHome };

afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

function launch(node: string, args: string[]) {
  return spawnSync(node, [SCRIPT, ...args], { env, encoding: "utf8" });
}

/** A `node` on PATH older than 22.18, if the machine has one. */
function olderSystemNode(): string | undefined {
  const paths = (process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "node"));
  return paths.find((candidate) => {
    try {
      const [major, minor] = execFileSync(candidate, ["-p", "process.versions.node"], { encoding: "utf8" })
        .trim()
        .split(".")
        .map(Number);
      return (major ?? 0) < 22 || (major === 22 && (minor ?? 0) < 18);
    } catch {
      return false;
    }
  });
}

describe("on a supported Node", () => {
  it("runs the script on this same Node, silently, passing its output and exit code through", () => {
    const run = launch(process.execPath, ["-e", "console.log(process.version); process.exit(7)"]);
    expect(run.status).toBe(7);
    expect(run.stdout.trim()).toBe(process.version);
    expect(run.stderr).toBe("");
  });

  it("passes node's own flags on", () => {
    const run = launch(process.execPath, ["--no-warnings", "-p", "process.execArgv[0]"]);
    expect(run.stdout.trim()).toBe("--no-warnings");
  });

  it("--bin-dir of this Node's major is the folder of this Node", () => {
    const major = process.versions.node.split(".")[0] ?? "";
    const run = launch(process.execPath, ["--bin-dir", major]);
    expect(run.stdout.trim()).toBe(path.dirname(process.execPath));
  });

  it("--bin-dir without a usable major is refused with a reason", () => {
    const run = launch(process.execPath, ["--bin-dir", "twenty-two"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--bin-dir takes a Node major version (22 or later), got "twenty-two"');
  });
});

const older = olderSystemNode();
(older ? describe : describe.skip)("on an older Node", () => {
  it("runs the script on the cached Node 22, on PATH for its children too, and says so in one line", () => {
    const prefix = path.join(cacheHome, "middy-starfleet-secrets", "node22", "node_modules");
    mkdirSync(path.join(prefix, ".bin"), { recursive: true });
    mkdirSync(path.join(prefix, "node"), { recursive: true });
    symlinkSync(process.execPath, path.join(prefix, ".bin", "node"));
    writeFileSync(
      path.join(prefix, "node", "package.json"),
      JSON.stringify({ version: process.versions.node }),
    );

    const run = launch(older as string, [
      "-e",
      "console.log(process.version, require('node:child_process').execSync('node --version').toString().trim())",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`${process.version} ${process.version}`);
    const notice = run.stderr.trim().split("\n");
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(
      /^middy-starfleet-secrets: Node \d+\.\d+\.\d+ is older than this project needs/,
    );
    expect(notice[0]).toContain(
      `running under Node ${process.versions.node} from the npm registry's "node" package`,
    );
  });
});
