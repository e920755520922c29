import { spawn } from "node:child_process";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { type LocalSecretsManager, startLocalSecretsManager } from "../src/local/server.js";

const SECRET_ID = "starfleet/workers";
const DOCUMENT = JSON.stringify({ workers: { picard: { token: "engage" } } });

let server: LocalSecretsManager;
const clients: SecretsManagerClient[] = [];

function client(extra: Partial<SecretsManagerClientConfig> = {}): SecretsManagerClient {
  const created = new SecretsManagerClient({
    region: "us-east-2",
    endpoint: server.endpoint,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
    maxAttempts: 1,
    ...extra,
  });
  clients.push(created);
  return created;
}

async function errorOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the request to fail");
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

beforeEach(async () => {
  server = await startLocalSecretsManager({
    secrets: {
      [SECRET_ID]: DOCUMENT,
      "starfleet/binary": { binary: new Uint8Array([0, 1, 2, 253, 254, 255]), kmsKeyId: "alias/starfleet" },
    },
  });
});

afterEach(async () => {
  for (const created of clients.splice(0)) created.destroy();
  await server.close();
});

describe("GetSecretValue", () => {
  it("round-trips a string secret and records the signed region and access key id", async () => {
    const response = await client().send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    expect(response.SecretString).toBe(DOCUMENT);
    expect(response.Name).toBe(SECRET_ID);
    expect(response.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-2:123456789012:secret:starfleet\/workers-[A-Za-z0-9]{6}$/,
    );
    expect(response.VersionStages).toEqual(["AWSCURRENT"]);
    expect(response.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.CreatedDate).toBeInstanceOf(Date);
    expect(Math.abs((response.CreatedDate?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(server.calls).toEqual([
      {
        operation: "GetSecretValue",
        region: "us-east-2",
        accessKeyId: "AKIDTEST",
        body: { SecretId: SECRET_ID },
      },
    ]);
    expect(server.callCount()).toBe(1);
    expect(server.callCount("DescribeSecret")).toBe(0);

    const elsewhere = await errorOf(
      client({ region: "eu-west-1" }).send(new GetSecretValueCommand({ SecretId: response.ARN })),
    );
    expect(elsewhere.name).toBe("ResourceNotFoundException");
    expect(server.calls[1]?.region).toBe("eu-west-1");
    await client({ credentials: { accessKeyId: "AKIDOTHER", secretAccessKey: "x" } }).send(
      new GetSecretValueCommand({ SecretId: SECRET_ID }),
    );
    expect(server.calls[2]?.accessKeyId).toBe("AKIDOTHER");
    expect(server.callCount()).toBe(3);
  });

  it("returns binary secrets as bytes", async () => {
    const response = await client().send(new GetSecretValueCommand({ SecretId: "starfleet/binary" }));
    expect(response.SecretString).toBeUndefined();
    expect(response.SecretBinary).toEqual(new Uint8Array([0, 1, 2, 253, 254, 255]));
  });

  it("reports an unknown secret as ResourceNotFoundException", async () => {
    const error = await errorOf(client().send(new GetSecretValueCommand({ SecretId: "starfleet/missing" })));
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.message).toBe("Secrets Manager can't find the specified secret.");
    expect(error.$fault).toBe("client");
    expect(server.calls[0]?.operation).toBe("GetSecretValue");
  });

  it("reads versions by VersionId and VersionStage", async () => {
    const sm = client();
    const first = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    server.setSecret(SECRET_ID, '{"v":2}');
    expect(server.getSecretString(SECRET_ID)).toBe('{"v":2}');
    const previous = await sm.send(
      new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: "AWSPREVIOUS" }),
    );
    expect(previous.VersionId).toBe(first.VersionId);
    expect(previous.SecretString).toBe(DOCUMENT);
    const byId = await sm.send(
      new GetSecretValueCommand({ SecretId: SECRET_ID, VersionId: first.VersionId }),
    );
    expect(byId.VersionStages).toEqual(["AWSPREVIOUS"]);
    const pending = await errorOf(
      sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: "AWSPENDING" })),
    );
    expect(pending.name).toBe("ResourceNotFoundException");
  });

  it("can be reached through AWS_ENDPOINT_URL_SECRETS_MANAGER", async () => {
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = server.endpoint;
    try {
      const sm = new SecretsManagerClient({
        region: "us-east-2",
        credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
        maxAttempts: 1,
      });
      clients.push(sm);
      const response = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
      expect(response.SecretString).toBe(DOCUMENT);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    }
  });
});

describe("operator helpers", () => {
  it("setSecret, getSecretString, deleteSecret", async () => {
    expect(server.getSecretString(SECRET_ID)).toBe(DOCUMENT);
    expect(server.getSecretString("starfleet/binary")).toBeUndefined();
    server.setSecret("starfleet/new", { string: "x", kmsKeyId: "alias/k" });
    expect(server.getSecretString("starfleet/new")).toBe("x");
    server.deleteSecret(SECRET_ID);
    expect(server.getSecretString(SECRET_ID)).toBeUndefined();
    const error = await errorOf(client().send(new GetSecretValueCommand({ SecretId: SECRET_ID })));
    expect(error.name).toBe("ResourceNotFoundException");
    expect(() => server.setSecret("bad", { string: "a", binary: new Uint8Array() })).toThrow(TypeError);
  });

  it("seeds secrets in the region option, which their ARNs name", async () => {
    const other = await startLocalSecretsManager({
      region: "ap-south-1",
      accountId: "999999999999",
      secrets: { s: "v" },
    });
    try {
      const sm = client({ endpoint: other.endpoint, region: "ap-south-1" });
      const response = await sm.send(new GetSecretValueCommand({ SecretId: "s" }));
      expect(response.ARN).toMatch(
        /^arn:aws:secretsmanager:ap-south-1:999999999999:secret:s-[A-Za-z0-9]{6}$/,
      );
    } finally {
      await other.close();
    }
  });
});

describe("CreateSecret", () => {
  it("creates a secret in the signed region and rejects duplicates", async () => {
    const sm = client({ region: "us-west-2" });
    const created = await sm.send(
      new CreateSecretCommand({
        Name: "starfleet/created",
        SecretString: "hello",
        KmsKeyId: "alias/created",
      }),
    );
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-west-2:123456789012:secret:starfleet\/created-/);
    expect(created.VersionId).toBeDefined();
    expect(server.getSecretString("starfleet/created", "us-west-2")).toBe("hello");
    expect(server.getSecretString("starfleet/created")).toBeUndefined();
    const read = await sm.send(new GetSecretValueCommand({ SecretId: "starfleet/created" }));
    expect(read.VersionId).toBe(created.VersionId);

    const duplicate = await errorOf(
      sm.send(new CreateSecretCommand({ Name: "starfleet/created", SecretString: "x" })),
    );
    expect(duplicate.name).toBe("ResourceExistsException");
    expect(server.callCount("CreateSecret")).toBe(2);
  });

  it("creates a secret without a value", async () => {
    const sm = client();
    const created = await sm.send(new CreateSecretCommand({ Name: "starfleet/empty" }));
    expect(created.VersionId).toBeUndefined();
    const error = await errorOf(sm.send(new GetSecretValueCommand({ SecretId: "starfleet/empty" })));
    expect(error.name).toBe("ResourceNotFoundException");
  });
});

describe("PutSecretValue", () => {
  it("moves AWSCURRENT and gives AWSPREVIOUS to the old current version", async () => {
    const sm = client();
    const original = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    const put = await sm.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: '{"v":2}' }));
    expect(put.VersionStages).toEqual(["AWSCURRENT"]);
    expect(put.VersionId).not.toBe(original.VersionId);
    const put3 = await sm.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: '{"v":3}' }));

    const described = await sm.send(new DescribeSecretCommand({ SecretId: SECRET_ID }));
    // The original version lost every label: deprecated, not listed.
    expect(described.VersionIdsToStages).toEqual({
      [put.VersionId as string]: ["AWSPREVIOUS"],
      [put3.VersionId as string]: ["AWSCURRENT"],
    });
    expect(server.getSecretString(SECRET_ID)).toBe('{"v":3}');

    const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: SECRET_ID }));
    expect(listed.Versions?.map((v) => v.VersionId)).toEqual([put3.VersionId, put.VersionId]);
    const all = await sm.send(
      new ListSecretVersionIdsCommand({ SecretId: SECRET_ID, IncludeDeprecated: true }),
    );
    expect(all.Versions).toHaveLength(3);
  });

  it("keeps AWSCURRENT when putting an AWSPENDING version", async () => {
    const sm = client();
    const pending = await sm.send(
      new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: "next", VersionStages: ["AWSPENDING"] }),
    );
    expect(pending.VersionStages).toEqual(["AWSPENDING"]);
    expect(server.getSecretString(SECRET_ID)).toBe(DOCUMENT);
    const read = await sm.send(
      new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: "AWSPENDING" }),
    );
    expect(read.SecretString).toBe("next");
  });

  it("treats ClientRequestToken as the VersionId, idempotently", async () => {
    const sm = client();
    const token = "11111111-2222-3333-4444-555555555555";
    const first = await sm.send(
      new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: "a", ClientRequestToken: token }),
    );
    expect(first.VersionId).toBe(token);
    const again = await sm.send(
      new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: "a", ClientRequestToken: token }),
    );
    expect(again.VersionId).toBe(token);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: SECRET_ID }));
    expect(Object.keys(described.VersionIdsToStages ?? {})).toHaveLength(2);
    const conflict = await errorOf(
      sm.send(
        new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: "b", ClientRequestToken: token }),
      ),
    );
    expect(conflict.name).toBe("ResourceExistsException");
  });

  it("stores binary values", async () => {
    const sm = client();
    await sm.send(
      new PutSecretValueCommand({ SecretId: SECRET_ID, SecretBinary: new Uint8Array([9, 8, 7]) }),
    );
    const read = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    expect(read.SecretBinary).toEqual(new Uint8Array([9, 8, 7]));
    expect(read.SecretString).toBeUndefined();
  });
});

describe("DescribeSecret", () => {
  it("reports KmsKeyId only when the secret has one", async () => {
    const sm = client();
    const binary = await sm.send(new DescribeSecretCommand({ SecretId: "starfleet/binary" }));
    expect(binary.KmsKeyId).toBe("alias/starfleet");
    expect(binary.LastChangedDate).toBeInstanceOf(Date);
    const plain = await sm.send(new DescribeSecretCommand({ SecretId: SECRET_ID }));
    expect(plain.KmsKeyId).toBeUndefined();
    const versionId = Object.keys(plain.VersionIdsToStages ?? {})[0] as string;
    expect(plain.VersionIdsToStages).toEqual({ [versionId]: ["AWSCURRENT"] });
  });
});

describe("UpdateSecretVersionStage", () => {
  it("lets only one of two concurrent writers promote its version", async () => {
    const writerA = client();
    const writerB = client();
    const base = await writerA.send(new DescribeSecretCommand({ SecretId: SECRET_ID }));
    const baseVersion = Object.keys(base.VersionIdsToStages ?? {})[0] as string;

    const putA = await writerA.send(
      new PutSecretValueCommand({
        SecretId: SECRET_ID,
        SecretString: "from A",
        VersionStages: ["AWSPENDING"],
      }),
    );
    const putB = await writerB.send(
      new PutSecretValueCommand({
        SecretId: SECRET_ID,
        SecretString: "from B",
        VersionStages: ["AWSPENDING"],
      }),
    );
    await writerA.send(
      new UpdateSecretVersionStageCommand({
        SecretId: SECRET_ID,
        VersionStage: "AWSCURRENT",
        MoveToVersionId: putA.VersionId,
        RemoveFromVersionId: baseVersion,
      }),
    );
    const conflict = await errorOf(
      writerB.send(
        new UpdateSecretVersionStageCommand({
          SecretId: SECRET_ID,
          VersionStage: "AWSCURRENT",
          MoveToVersionId: putB.VersionId,
          RemoveFromVersionId: baseVersion,
        }),
      ),
    );
    expect(conflict.name).toBe("InvalidParameterException");
    expect(conflict.message).toContain(putA.VersionId as string);
    expect(server.getSecretString(SECRET_ID)).toBe("from A");

    const described = await writerA.send(new DescribeSecretCommand({ SecretId: SECRET_ID }));
    expect(described.VersionIdsToStages).toEqual({
      [baseVersion]: ["AWSPREVIOUS"],
      [putA.VersionId as string]: ["AWSCURRENT"],
      [putB.VersionId as string]: ["AWSPENDING"],
    });
  });

  it("requires RemoveFromVersionId when the label is attached elsewhere", async () => {
    const sm = client();
    const put = await sm.send(
      new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: "n", VersionStages: ["AWSPENDING"] }),
    );
    const error = await errorOf(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: SECRET_ID,
          VersionStage: "AWSCURRENT",
          MoveToVersionId: put.VersionId,
        }),
      ),
    );
    expect(error.name).toBe("InvalidParameterException");
    expect(error.message).toMatch(/you must explicitly reference that version in RemoveFromVersionId/);
  });

  it("removes and attaches custom labels", async () => {
    const sm = client();
    const current = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: SECRET_ID,
        VersionStage: "BLUE",
        MoveToVersionId: current.VersionId,
      }),
    );
    const blue = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: "BLUE" }));
    expect(blue.VersionStages).toEqual(["AWSCURRENT", "BLUE"]);
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: SECRET_ID,
        VersionStage: "BLUE",
        RemoveFromVersionId: current.VersionId,
      }),
    );
    const gone = await errorOf(
      sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: "BLUE" })),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
    const wrong = await errorOf(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: SECRET_ID,
          VersionStage: "BLUE",
          RemoveFromVersionId: "nope",
        }),
      ),
    );
    expect(wrong.name).toBe("InvalidParameterException");
  });
});

describe("rolling back, as AWS does it", () => {
  it("moving AWSCURRENT back to the AWSPREVIOUS version swaps the two labels", async () => {
    const sm = client();
    const original = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    const edit = await sm.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: '{"v":2}' }));
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: SECRET_ID,
        VersionStage: "AWSCURRENT",
        MoveToVersionId: original.VersionId,
        RemoveFromVersionId: edit.VersionId,
      }),
    );
    const described = await sm.send(new DescribeSecretCommand({ SecretId: SECRET_ID }));
    expect(described.VersionIdsToStages).toEqual({
      [original.VersionId as string]: ["AWSCURRENT"],
      [edit.VersionId as string]: ["AWSPREVIOUS"],
    });
    expect(server.getSecretString(SECRET_ID)).toBe(DOCUMENT);
    const previous = await sm.send(
      new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: "AWSPREVIOUS" }),
    );
    expect(previous.SecretString).toBe('{"v":2}');
  });

  it("refuses the move once AWSCURRENT is no longer on RemoveFromVersionId, changing nothing", async () => {
    const sm = client();
    const original = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    const edit = await sm.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: '{"v":2}' }));
    const other = await sm.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: '{"v":3}' }));
    const refused = await errorOf(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: SECRET_ID,
          VersionStage: "AWSCURRENT",
          MoveToVersionId: original.VersionId,
          RemoveFromVersionId: edit.VersionId,
        }),
      ),
    );
    expect(refused.name).toBe("InvalidParameterException");
    expect(server.getSecretString(SECRET_ID)).toBe('{"v":3}');
    const current = await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    expect(current.VersionId).toBe(other.VersionId);
    // A version without a label stays readable by id.
    const old = await sm.send(
      new GetSecretValueCommand({ SecretId: SECRET_ID, VersionId: original.VersionId }),
    );
    expect(old.VersionStages).toEqual([]);
  });
});

describe("ListSecretVersionIds", () => {
  it("pages with MaxResults and NextToken, newest first", async () => {
    const sm = client();
    for (const v of [2, 3, 4]) {
      await sm.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: `{"v":${v}}` }));
    }
    const first = await sm.send(
      new ListSecretVersionIdsCommand({ SecretId: SECRET_ID, IncludeDeprecated: true, MaxResults: 3 }),
    );
    expect(first.Versions?.map((version) => version.VersionStages)).toEqual([
      ["AWSCURRENT"],
      ["AWSPREVIOUS"],
      [],
    ]);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await sm.send(
      new ListSecretVersionIdsCommand({
        SecretId: SECRET_ID,
        IncludeDeprecated: true,
        NextToken: first.NextToken,
      }),
    );
    expect(second.Versions).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    const all = [...(first.Versions ?? []), ...(second.Versions ?? [])].map((version) => version.VersionId);
    expect(new Set(all).size).toBe(4);
  });

  it("refuses a MaxResults outside 1 to 100, and a NextToken of another secret", async () => {
    const sm = client();
    for (const MaxResults of [0, 101]) {
      const error = await errorOf(
        sm.send(new ListSecretVersionIdsCommand({ SecretId: SECRET_ID, MaxResults })),
      );
      expect(error.name).toBe("ValidationException");
    }
    await sm.send(new PutSecretValueCommand({ SecretId: SECRET_ID, SecretString: "2" }));
    const page = await sm.send(new ListSecretVersionIdsCommand({ SecretId: SECRET_ID, MaxResults: 1 }));
    const error = await errorOf(
      sm.send(new ListSecretVersionIdsCommand({ SecretId: "starfleet/binary", NextToken: page.NextToken })),
    );
    expect(error.name).toBe("InvalidNextTokenException");
  });
});

describe("faults", () => {
  it("throttle → ThrottlingException, then recovers", async () => {
    const sm = client();
    server.injectFault({ kind: "throttle" });
    const error = await errorOf(sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID })));
    expect(error.name).toBe("ThrottlingException");
    expect(error.message).toBe("Rate exceeded");
    expect((error.$metadata as { httpStatusCode?: number }).httpStatusCode).toBe(400);
    await expect(sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }))).resolves.toBeDefined();
    expect(server.callCount()).toBe(2);
  });

  it("internal → InternalServiceError (server fault)", async () => {
    server.injectFault({ kind: "internal" });
    const error = await errorOf(client().send(new GetSecretValueCommand({ SecretId: SECRET_ID })));
    expect(error.name).toBe("InternalServiceError");
    expect(error.$fault).toBe("server");
    expect((error.$metadata as { httpStatusCode?: number }).httpStatusCode).toBe(500);
  });

  it("reset → the connection drops without a response", async () => {
    server.injectFault({ kind: "reset" });
    const error = await errorOf(client().send(new GetSecretValueCommand({ SecretId: SECRET_ID })));
    // Plain node: name "TimeoutError", code "ECONNRESET". Under jest the node:http error comes from another
    // realm, fails the SDK's `instanceof Error` check and is re-wrapped, keeping only the message.
    expect(error.message).toMatch(/socket hang up|ECONNRESET/);
    expect(server.callCount()).toBe(1);
  });

  it("slow → the SDK request timeout fires", async () => {
    server.injectFault({ kind: "slow", delayMs: 2000 });
    const sm = client({ requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true } });
    const started = Date.now();
    const error = await errorOf(sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID })));
    expect(error.name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("slow → responds normally after delayMs", async () => {
    server.injectFault({ kind: "slow", delayMs: 80 });
    const started = Date.now();
    const response = await client().send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    expect(response.SecretString).toBe(DOCUMENT);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it("access-denied → AccessDeniedException with an IAM-style message", async () => {
    server.injectFault({ kind: "access-denied" });
    const error = await errorOf(client().send(new GetSecretValueCommand({ SecretId: SECRET_ID })));
    expect(error.name).toBe("AccessDeniedException");
    expect(error.message).toBe(
      `User: arn:aws:sts::123456789012:assumed-role/worker/fn is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET_ID} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    );
  });

  it("decryption-failure → DecryptionFailure", async () => {
    server.injectFault({ kind: "decryption-failure" });
    const error = await errorOf(client().send(new GetSecretValueCommand({ SecretId: SECRET_ID })));
    expect(error.name).toBe("DecryptionFailure");
  });

  it.each([
    ["expired-token", "ExpiredTokenException"],
    ["unrecognized-client", "UnrecognizedClientException"],
  ] as const)("%s → %s (credentials AWS refuses)", async (kind, name) => {
    server.injectFault({ kind });
    const error = await errorOf(client().send(new GetSecretValueCommand({ SecretId: SECRET_ID })));
    expect(error.name).toBe(name);
    expect(error.$fault).toBe("client");
  });

  it("faults match operation and secret, are consumed in order, and can be cleared", async () => {
    const sm = client();
    const get = () => sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    server.injectFault({ kind: "throttle", secretId: "starfleet/other" });
    server.injectFault({ kind: "internal", operation: "DescribeSecret" });
    server.injectFault({ kind: "throttle", times: 2 });
    server.injectFault({ kind: "access-denied" });
    expect((await errorOf(get())).name).toBe("ThrottlingException");
    expect((await errorOf(get())).name).toBe("ThrottlingException");
    expect((await errorOf(get())).name).toBe("AccessDeniedException");
    await expect(get()).resolves.toBeDefined();
    const describeError = await errorOf(sm.send(new DescribeSecretCommand({ SecretId: SECRET_ID })));
    expect(describeError.name).toBe("InternalServiceError");

    // A fault for a secret given by name also matches requests that use its ARN.
    const arn = (await get()).ARN as string;
    server.injectFault({ kind: "decryption-failure", secretId: SECRET_ID, times: Number.POSITIVE_INFINITY });
    expect((await errorOf(sm.send(new GetSecretValueCommand({ SecretId: arn })))).name).toBe(
      "DecryptionFailure",
    );
    expect((await errorOf(get())).name).toBe("DecryptionFailure");
    server.clearFaults();
    await expect(get()).resolves.toBeDefined();

    expect(server.calls.length).toBe(9);
    server.injectFault({ kind: "throttle" });
    server.reset();
    expect(server.calls).toEqual([]);
    await expect(get()).resolves.toBeDefined();
    expect(server.getSecretString(SECRET_ID)).toBe(DOCUMENT);
  });
});

it("rejects unknown operations", async () => {
  const response = await fetch(server.endpoint, {
    method: "POST",
    headers: {
      "X-Amz-Target": "secretsmanager.RotateEverything",
      "Content-Type": "application/x-amz-json-1.1",
    },
    body: "{}",
  });
  expect(response.status).toBe(400);
  expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
  expect(((await response.json()) as { __type: string }).__type).toBe("UnknownOperationException");
  expect(server.calls).toEqual([
    { operation: "RotateEverything", region: undefined, accessKeyId: undefined, body: {} },
  ]);
});

it("close() with a slow request in flight destroys it and leaves no open handle", async () => {
  const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
  const baseline = {
    servers: count("TCPServerWrap"),
    sockets: count("TCPSocketWrap"),
    timers: count("Timeout"),
  };
  const other = await startLocalSecretsManager({ secrets: { s: "v" } });
  other.injectFault({ kind: "slow", delayMs: 10_000 });
  const sm = new SecretsManagerClient({
    region: "us-east-2",
    endpoint: other.endpoint,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  const inFlight = errorOf(sm.send(new GetSecretValueCommand({ SecretId: "s" })));
  try {
    await waitFor(() => other.callCount() === 1);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect((await inFlight).message).toMatch(/socket hang up|ECONNRESET/);
  } finally {
    sm.destroy();
    await other.close(); // idempotent
  }
  // The SDK clears its own request timers a few ticks after the socket closes: wait for them, boundedly.
  await waitFor(
    () =>
      count("TCPServerWrap") <= baseline.servers &&
      count("TCPSocketWrap") <= baseline.sockets &&
      count("Timeout") <= baseline.timers,
  );
  expect(count("TCPSocketWrap")).toBeLessThanOrEqual(baseline.sockets);
  expect(count("Timeout")).toBeLessThanOrEqual(baseline.timers);
});

it("close() with a slow request in flight lets a plain node process exit on its own", async () => {
  // A leaked socket or slow-response timer would keep this child alive for 30 s.
  // The built module: a plain node process cannot import the TypeScript sources.
  const tool = new URL("../dist/local/server.js", import.meta.url).href;
  const script = `
    import { startLocalSecretsManager } from ${JSON.stringify(tool)};
    import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
    const server = await startLocalSecretsManager({ secrets: { s: "v" } });
    server.injectFault({ kind: "slow", delayMs: 30000 });
    const sm = new SecretsManagerClient({ region: "us-east-2", endpoint: server.endpoint, maxAttempts: 1,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" } });
    const outcome = sm.send(new GetSecretValueCommand({ SecretId: "s" })).then(() => "answered", () => "failed");
    while (server.callCount() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    console.log(await outcome);
    sm.destroy();
  `;
  const child = spawn(process.execPath, ["--input-type=module", "--no-warnings", "-e", script], {
    cwd: new URL("..", import.meta.url).pathname,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
  const code = await new Promise<number | null>((resolve) =>
    child.once("exit", (exitCode) => resolve(exitCode)),
  );
  clearTimeout(killer);
  expect(output.trim()).toBe("failed");
  expect(code).toBe(0);
});
