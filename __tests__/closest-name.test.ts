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

  it("prefers the entry that differs only in case over a closer spelling", () => {
    expect(didYouMean("WorkerA", ["workera", "WorkerB"])).toBe('did you mean "workera"?');
  });
});
