// `npm start` end to end: examples/run-local.ts as a child process, exactly as a user runs it (the package
// imported by its own name, from dist/), against the local Secrets Manager endpoint. No AWS, no network.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "@jest/globals";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPT = path.join("examples", "run-local.ts");
const SECRET_DOCUMENT = JSON.parse(
  readFileSync(path.join(ROOT, "examples", "secret.json"), "utf8"),
) as Record<string, unknown>;
/** The workers that have an entry in secret.json: run-local must run (and name) every one of them. */
const WORKERS = Object.keys(SECRET_DOCUMENT).filter((key) => key !== "STARFLEET");

interface Run {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every string in the document (at any depth) long enough to be recognisable. */
function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return value.length >= 8 ? [value] : [];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(stringLeaves);
}

function runLocal(): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // A developer's own AWS setup must not matter, and the Slack flag must not make the local run send.
    AWS_PROFILE: "a-profile-that-does-not-exist",
    AWS_REGION: "eu-west-1",
    STARFLEET_SEND_SLACK_ALERTS: "true",
  };
  delete env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
  delete env.STARFLEET_CONFIG_DIR;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT],
      { cwd: ROOT, env, timeout: 10_000, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, signal: error?.signal ?? null, stdout, stderr });
      },
    );
  });
}

describe("npm start (examples/run-local.ts)", () => {
  let run: Run;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, "dist", "index.js"))) {
      throw new Error(
        "dist/index.js is missing: the examples import the package by its name, which resolves to dist/. " +
          "Run `npm run build` first (`npm test` builds before running jest).",
      );
    }
    run = await runLocal();
  }, 15_000);

  it("exits 0", () => {
    expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({
      code: 0,
      signal: null,
      stderr: expect.any(String),
    });
  });

  it("names each worker and the Slack alert, with what each received masked", () => {
    expect(WORKERS.length).toBeGreaterThanOrEqual(2);
    for (const worker of WORKERS) {
      expect(run.stdout).toMatch(new RegExp(`^${worker}: \\d+ invocations .*all ok$`, "m"));
    }
    expect(run.stdout).toContain("Slack alert");
    expect(run.stdout).toContain('"my-org": <string, 1675 chars>');
    expect(run.stdout).toMatch(/authorization: Bearer <SlackToken, \d+ chars>/);
  });

  it("makes exactly 1 GetSecretValue call for every worker and the Slack alert together", () => {
    const reported = [...run.stdout.matchAll(/^GetSecretValue calls: (\d+)\b/gm)].map((match) => match[1]);
    expect(reported).toEqual(["1"]);
  });

  it("never posts the Slack alert, even with STARFLEET_SEND_SLACK_ALERTS=true in the environment", () => {
    expect(run.stdout).toMatch(/^ {2}not sent: /m);
    expect(run.stdout).not.toMatch(/^ {2}sent$/m);
  });

  it("prints no value from secret.json, nor any 12-character fragment of one", () => {
    const output = `${run.stdout}\n${run.stderr}`;
    const leaves = stringLeaves(SECRET_DOCUMENT);
    expect(leaves.length).toBeGreaterThanOrEqual(4);
    const leaked: string[] = [];
    for (const leaf of leaves) {
      if (output.includes(leaf)) leaked.push(leaf.slice(0, 4));
      for (let start = 0; start + 12 <= leaf.length; start++) {
        const fragment = leaf.slice(start, start + 12);
        // Report only where the leak is, so a failing test does not print the secret either.
        if (output.includes(fragment)) leaked.push(`${leaf.slice(0, 4)}...@${start}`);
      }
    }
    expect(leaked).toEqual([]);
  });
});
