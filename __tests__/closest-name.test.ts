import { describe, expect, it } from "@jest/globals";
import { didYouMean } from "../src/util/closest-name.js";

const ENTRIES = ["STARFLEET", "GitHubSyncWorker", "AccountIndexGeneratorShip", "IamRoleWorker"];

describe("didYouMean", () => {
  it.each([
    ["githubSyncWorker", "GitHubSyncWorker"],
    ["GITHUBSYNCWORKER", "GitHubSyncWorker"],
    ["GitHubSyncWorkr", "GitHubSyncWorker"],
    ["GitHubSnycWorker", "GitHubSyncWorker"],
    ["GithubSyncWroker", "GitHubSyncWorker"],
    ["IamRoleWorkers", "IamRoleWorker"],
    ["starfleet", "STARFLEET"],
  ])("suggests the entry %j is a near miss of", (wanted, entry) => {
    expect(didYouMean(wanted, ENTRIES)).toBe(`did you mean "${entry}"?`);
  });

  it.each([["SecurityGroupWorker"], ["GitHubWorker"], ["Iam"], [""]])(
    "suggests nothing for %j, which is near no entry",
    (wanted) => {
      expect(didYouMean(wanted, ENTRIES)).toBeUndefined();
    },
  );

  it("suggests nothing when two entries are equally near", () => {
    expect(didYouMean("WorkerB", ["WorkerA", "WorkerC"])).toBeUndefined();
    expect(didYouMean("worker", ["Worker", "WORKER"])).toBeUndefined();
  });

  it("counts swapping two neighbours as one typo, so a short name with one swap is still near", () => {
    // Six characters allow one typo: the swap must count once, not as two substitutions.
    expect(didYouMean("Wokrer", ["Worker"])).toBe('did you mean "Worker"?');
    expect(didYouMean("Owrker", ["Worker"])).toBe('did you mean "Worker"?');
    expect(didYouMean("Worker", ["Wokrer"])).toBe('did you mean "Wokrer"?');
    // Two swaps are two typos.
    expect(didYouMean("oWkrer", ["Worker"])).toBeUndefined();
    // Letters that are not neighbours are no swap.
    expect(didYouMean("Wekror", ["Worker"])).toBeUndefined();
    // A letter moved one place with another in its old place is half a swap: two typos.
    expect(didYouMean("Oxrker", ["Worker"])).toBeUndefined();
    expect(didYouMean("Xwrker", ["Worker"])).toBeUndefined();
  });

  it.each([
    // About one typo per four characters of the name asked for...
    ["Wxrker", "Worker"],
    ["Workerss", "Worker"],
    ["GitHbSyncWrkr", "GitHubSyncWorker"],
    // ...and at least one however short.
    ["Wrker", "Worker"],
  ])("allows %j its share of typos from %j", (wanted, entry) => {
    expect(didYouMean(wanted, [entry])).toBe(`did you mean "${entry}"?`);
  });

  it.each([
    // One more typo than the name's share, whichever way the lengths differ.
    ["Wxrkxr", "Worker"],
    ["Workexx", "Worker"],
    ["Workersss", "Worker"],
    ["GitHbSyncWrkr", "GitHubSyncWorkerX"],
    // Never more than three, however long the name.
    ["GitHxbSyncWxrkerAccxuntIndexGenxrator", "GitHubSyncWorkerAccountIndexGenerator"],
  ])("allows %j no more typos than its share of %j", (wanted, entry) => {
    expect(didYouMean(wanted, [entry])).toBeUndefined();
  });

  it("prefers the nearer of two entries within reach", () => {
    expect(didYouMean("GitHbSyncWorkr", ["GitHubSyncWorker", "GitHbSyncWorkr2"])).toBe(
      'did you mean "GitHbSyncWorkr2"?',
    );
    expect(didYouMean("GitHbSyncWorkr", ["GitHbSyncWorkr2", "GitHubSyncWorker"])).toBe(
      'did you mean "GitHbSyncWorkr2"?',
    );
  });

  it("prefers the entry that differs only in case over a closer spelling", () => {
    expect(didYouMean("WorkerA", ["workera", "WorkerB"])).toBe('did you mean "workera"?');
  });
});
