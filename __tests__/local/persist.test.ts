/**
 * The `local --persist` file: what a restarted endpoint reads back is what the stopped one held, and a file
 * that is not one it wrote is refused with the field at fault, never its value.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "@jest/globals";
import { parseStateText, STATE_FORMAT, stateText } from "../../src/local/persist.js";
import { type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import { expectNoSecretLeak, SECRET_VALUES } from "../support/fixtures.js";
import { useLocalClients } from "../support/local-clients.js";

const servers: LocalSecretsManager[] = [];
const localClient = useLocalClients();
const clientOf = (server: LocalSecretsManager, region: string) => localClient(server.endpoint, region);

async function serve(options: Parameters<typeof startLocalSecretsManager>[0] = {}) {
  const server = await startLocalSecretsManager(options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** What a client can observe of a secret: every version with its value and labels, and its description. */
async function observe(server: LocalSecretsManager, region: string, secretId: string) {
  const client = clientOf(server, region);
  const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
  const listed = await client.send(
    new ListSecretVersionIdsCommand({ SecretId: secretId, IncludeDeprecated: true }),
  );
  const versions = await Promise.all(
    (listed.Versions ?? []).map(async ({ VersionId, VersionStages }) => {
      const read = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionId }));
      return { VersionId, VersionStages, SecretString: read.SecretString, SecretBinary: read.SecretBinary };
    }),
  );
  return {
    ARN: described.ARN,
    Description: described.Description,
    KmsKeyId: described.KmsKeyId,
    CreatedDate: described.CreatedDate,
    LastChangedDate: described.LastChangedDate,
    versions,
  };
}

describe("a saved state, read back", () => {
  it("holds every secret of every region with its versions, labels, binary values and KMS key", async () => {
    const before = await serve({ region: "us-east-2" });
    const ohio = clientOf(before, "us-east-2");
    await ohio.send(
      new CreateSecretCommand({
        Name: "Starfleet",
        SecretString: '{"STARFLEET":{}}',
        Description: "shared",
        KmsKeyId: "alias/starfleet",
      }),
    );
    await ohio.send(
      new PutSecretValueCommand({ SecretId: "Starfleet", SecretString: '{"STARFLEET":{"v":2}}' }),
    );
    await ohio.send(
      new PutSecretValueCommand({ SecretId: "Starfleet", SecretString: "{}", VersionStages: ["AWSPENDING"] }),
    );
    await clientOf(before, "eu-west-1").send(
      new CreateSecretCommand({ Name: "Starfleet", SecretBinary: new Uint8Array([0, 255, 7]) }),
    );
    await ohio.send(new GetSecretValueCommand({ SecretId: "Starfleet" }));

    const text = stateText(before.records());
    const parsed = parseStateText(text);
    if (!("records" in parsed)) throw new Error(parsed.problem);
    const after = await serve({ region: "us-east-2", records: parsed.records });

    for (const region of ["us-east-2", "eu-west-1"]) {
      expect(await observe(after, region, "Starfleet")).toEqual(await observe(before, region, "Starfleet"));
    }
    expect(stateText(after.records())).toBe(stateText(before.records()));
  });
});

describe("a file that is not a saved state", () => {
  const version = { id: "v1", secretString: "{}", createdMs: 1, stages: ["AWSCURRENT"] };
  const secret = {
    arn: "arn:aws:secretsmanager:us-east-2:123456789012:secret:Starfleet-AbC123",
    name: "Starfleet",
    createdMs: 1,
    lastChangedMs: 1,
    versions: [version],
  };
  const state = (secrets: unknown) => JSON.stringify({ format: STATE_FORMAT, secrets });
  const withVersion = (changes: Record<string, unknown>) =>
    state([{ ...secret, versions: [{ ...version, ...changes }] }]);

  it.each(
    [
      ["[]", "the file is not an object"],
      [JSON.stringify({ format: "other" }), `its "format" is not "${STATE_FORMAT}"`],
      [state({}), "secrets is not a list"],
      [state([null]), "secrets[0] is not an object"],
      [state([{ ...secret, arn: 7 }]), "secrets[0].arn is not a non-empty string"],
      [
        state([{ ...secret, name: "Other" }]),
        "secrets[0].arn is not the ARN of a secret named by secrets[0].name",
      ],
      [state([{ ...secret, versions: {} }]), "secrets[0].versions is not a list"],
      [state([{ ...secret, createdMs: "1" }]), "secrets[0].createdMs is not a number"],
      [state([{ ...secret, lastAccessedMs: null }]), "secrets[0].lastAccessedMs is not a number"],
      [state([{ ...secret, description: "" }]), "secrets[0].description is not a non-empty string"],
      [withVersion({ secretString: 5 }), "secrets[0].versions[0].secretString is not a string"],
      [withVersion({ secretBinary: "not base64!" }), "secrets[0].versions[0].secretBinary is not base64"],
      [withVersion({ stages: "AWSCURRENT" }), "secrets[0].versions[0].stages is not a list"],
      [withVersion({ stages: [""] }), "secrets[0].versions[0].stages is not a list of labels"],
      [withVersion({ id: "" }), "secrets[0].versions[0].id is not a non-empty string"],
      [
        state([{ ...secret, versions: [version, version] }]),
        "secrets[0].versions has two versions with one id",
      ],
      [
        state([{ ...secret, versions: [version, { ...version, id: "v2" }] }]),
        'secrets[0]: the label "AWSCURRENT" is on two versions',
      ],
      [
        state([secret, { ...secret, arn: secret.arn.replace("AbC123", "XyZ789") }]),
        'it holds two secrets named "Starfleet" in one region',
      ],
    ].map(([text, problem]) => ({ text: text as string, problem: problem as string })),
  )("is refused: $problem", ({ text, problem }) => {
    expect(parseStateText(text)).toEqual({ problem: expect.stringContaining(problem) });
  });

  it("is refused without quoting it, however broken", () => {
    for (const text of [
      `{"format": "${STATE_FORMAT}", "secrets": [{"secretString": "${SECRET_VALUES[0]}"`,
      withVersion({ secretBinary: SECRET_VALUES[1] }),
      state([{ ...secret, name: SECRET_VALUES[2] }]),
    ]) {
      const parsed = parseStateText(text);
      expect(parsed).toHaveProperty("problem");
      expectNoSecretLeak(parsed);
    }
  });

  it("accepts the smallest state: no secrets", () => {
    expect(parseStateText(state([]))).toEqual({ records: [] });
  });
});
