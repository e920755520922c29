/**
 * Two operators editing at once: neither edit is lost. Run as real processes, because that is how two
 * operators' edits meet.
 */
import { describe, expect, it } from "@jest/globals";
import { SECRET_DOCUMENT, SECRET_STRING, waitFor } from "../support/fixtures.js";
import { childRunner, createWorkspace, useCliTestServer, type Workspace } from "./harness.js";

const suite = useCliTestServer({ cliBuilt: true, resetEachTest: true });

/** A workspace on the seeded secret where storing a new version takes `delayMs`, `times` times. */
function workspaceWithSlowWrites(delayMs: number, times = 1) {
  const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
  suite.server.injectFault({
    kind: "slow",
    operation: "PutSecretValue",
    secretId: ws.secretId,
    delayMs,
    times,
  });
  return { ws, cli: childRunner(ws) };
}

describe("concurrent set commands", () => {
  it("both end up in the secret: the one that lost the race re-reads and retries", async () => {
    // The first writer's new version reaches Secrets Manager only after 1.5 s (under the CLI's 3 s request
    // timeout), by which time the second writer has read, written and made its version current.
    const { ws, cli } = workspaceWithSlowWrites(1_500);
    const first = cli(["set", "GitHubSyncWorker", "my-other-org", "--json", '"first-value"']);
    await waitFor(() => suite.server.callCount("PutSecretValue") === 1);
    const second = cli(["set", "SecurityGroupWorker", "--json", '{"TicketingUser": "starfleet-sg-bot"}']);
    const [a, b] = await Promise.all([first, second]);

    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(ws.secret()).toEqual({
      ...SECRET_DOCUMENT,
      GitHubSyncWorker: { ...SECRET_DOCUMENT.GitHubSyncWorker, "my-other-org": "first-value" },
      SecurityGroupWorker: { TicketingUser: "starfleet-sg-bot" },
    });
    const currentMoves = suite.server.calls.filter(
      (call) => call.operation === "UpdateSecretVersionStage" && call.body.VersionStage === "AWSCURRENT",
    );
    // Second writer: 1 move. First writer: 1 refused move, then 1 after re-reading.
    expect(currentMoves).toHaveLength(3);
    expect(a.stderr).toContain(
      "The secret changed while writing (another writer got there first); re-reading and retrying (attempt 2 of 10).",
    );
    expect(b.stderr).toBe("");
    // One read per writer, plus the first writer's re-read of the version that beat it.
    expect(suite.server.callCount("GetSecretValue")).toBe(3);
  });

  it("three writers at once, no faults: every edit lands", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const cli = childRunner(ws);
    const results = await Promise.all(
      ["WorkerA", "WorkerB", "WorkerC"].map((name) => cli(["set", name, "--json", `{"name": "${name}"}`])),
    );
    expect(results.map((result) => result.code)).toEqual([0, 0, 0]);
    expect(ws.secret()).toEqual({
      ...SECRET_DOCUMENT,
      WorkerA: { name: "WorkerA" },
      WorkerB: { name: "WorkerB" },
      WorkerC: { name: "WorkerC" },
    });
  });

  it("ten writers at once on different keys: every edit lands", async () => {
    // Each new version takes a while to store, so most writers find the secret changed under them.
    const { ws, cli } = workspaceWithSlowWrites(200, Number.POSITIVE_INFINITY);
    const names = Array.from({ length: 10 }, (_, index) => `Worker${index}`);

    const results = await Promise.all(
      names.map((name) => cli(["set", name, "--json", `{"name": "${name}"}`])),
    );

    expect(results.map((result) => result.stderr.match(/starfleet-secrets: .*/)?.[0] ?? result.code)).toEqual(
      names.map(() => 0),
    );
    expect(ws.secret()).toEqual({
      ...SECRET_DOCUMENT,
      ...Object.fromEntries(names.map((name) => [name, { name }])),
    });
    // Every attempt stores a version, and Secrets Manager limits how many a secret keeps: the backoff spreads
    // the writers out, so far fewer than the 100 that ten attempts by ten writers could store.
    expect(suite.server.callCount("PutSecretValue")).toBeLessThanOrEqual(50);
  });
});

describe("rollback and put against a concurrent edit", () => {
  /** The next move of a staging label on the workspace's secret reaches Secrets Manager only after 1.5 s. */
  function slowNextMove(ws: Workspace): void {
    suite.server.reset();
    suite.server.injectFault({
      kind: "slow",
      operation: "UpdateSecretVersionStage",
      secretId: ws.secretId,
      delayMs: 1_500,
    });
  }

  it("an edit landing between rollback's read and its move stops the rollback, losing neither edit", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const cli = childRunner(ws);
    expect((await cli(["set", "First", "--json", "1"])).code).toBe(0);
    slowNextMove(ws);
    const rollback = cli(["rollback"]);
    await waitFor(() => suite.server.callCount("UpdateSecretVersionStage") === 1);
    // Another operator's edit, made on the version rollback read as current.
    expect((await cli(["set", "Second", "--json", "2"])).code).toBe(0);

    const result = await rollback;

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "starfleet-secrets: The secret changed after rollback read it: another edit became AWSCURRENT first. " +
        "Nothing was changed, and that edit is kept; look at `starfleet-secrets history`, then roll back again " +
        "if it is still wanted.\n",
    );
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, First: 1, Second: 2 });
    // The version rollback aimed at is still there to roll back to.
    expect(JSON.parse((await cli(["history", "--json"])).stdout).total).toBe(3);
  });

  it("an edit landing between rollback's two reads stops the rollback, not 'no change'", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const cli = childRunner(ws);
    expect((await cli(["set", "First", "--json", "1"])).code).toBe(0);
    suite.server.reset();
    // Rollback reads AWSCURRENT, then AWSPREVIOUS: the second read is answered only after another edit, which
    // makes the version rollback read as current AWSPREVIOUS.
    suite.server.injectFault({
      kind: "slow",
      operation: "GetSecretValue",
      secretId: ws.secretId,
      delayMs: 1,
    });
    suite.server.injectFault({
      kind: "slow",
      operation: "GetSecretValue",
      secretId: ws.secretId,
      delayMs: 2_500,
    });
    const rollback = cli(["rollback"]);
    await waitFor(() => suite.server.callCount("GetSecretValue") === 2);
    expect((await cli(["set", "Second", "--json", "2"])).code).toBe(0);

    const result = await rollback;

    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("starfleet-secrets: The secret changed after rollback read it");
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, First: 1, Second: 2 });
  });

  it("an edit landing between put's read and its move stops the put, keeping that edit", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const cli = childRunner(ws);
    slowNextMove(ws);
    const put = cli(["put", "--stdin"], { stdin: JSON.stringify({ ...SECRET_DOCUMENT, Put: true }) });
    await waitFor(() => suite.server.callCount("UpdateSecretVersionStage") === 1);
    expect((await cli(["set", "Second", "--json", "2"])).code).toBe(0);

    const result = await put;

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "The secret changed after it was read: another edit became AWSCURRENT first. This change was not made",
    );
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, Second: 2 });
    // put was not redone on the newer version: one version stored, one move tried.
    expect(suite.server.callCount("PutSecretValue")).toBe(2);
    const currentMoves = suite.server.calls.filter(
      (call) => call.operation === "UpdateSecretVersionStage" && call.body.VersionStage === "AWSCURRENT",
    );
    expect(currentMoves).toHaveLength(2);
  });
});
