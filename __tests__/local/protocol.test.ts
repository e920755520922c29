/**
 * The local endpoint answers what Secrets Manager would to requests a client gets wrong, and keeps versions
 * and labels by Secrets Manager's rules, so code that works against it (the CLI's compare-and-swap edits,
 * a worker's error handling) behaves the same on AWS. Faults given to it wrongly are refused at once.
 */

import { request } from "node:http";
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import { useLocalClients } from "../support/local-clients.js";

let server: LocalSecretsManager;
const localClient = useLocalClients();
const client = () => localClient(server.endpoint);

beforeEach(async () => {
  server = await startLocalSecretsManager({ secrets: { Starfleet: '{"STARFLEET":{}}' } });
});

afterEach(() => server.close());

/** Sends `body` (text as it is, anything else as JSON) as `operation`, unsigned, as a hand-made client would. */
async function post(operation: string, body: unknown) {
  const response = await fetch(server.endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": `secretsmanager.${operation}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const answer = (await response.json()) as { __type?: string; message?: string };
  return { status: response.status, errorType: response.headers.get("x-amzn-errortype"), ...answer };
}

async function failureOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error("expected the request to fail");
}

describe("requests a client gets wrong", () => {
  it.each([
    ["a body that is not JSON", "SerializationException", "GetSecretValue", "{not json"],
    ["a body that is a JSON array", "SerializationException", "GetSecretValue", "[]"],
    ["a SecretId that is not a string", "SerializationException", "GetSecretValue", { SecretId: 7 }],
    [
      "VersionStages that are not a list of strings",
      "SerializationException",
      "PutSecretValue",
      { SecretId: "Starfleet", SecretString: "{}", VersionStages: "AWSCURRENT" },
    ],
    [
      "both SecretString and SecretBinary",
      "InvalidParameterException",
      "PutSecretValue",
      { SecretId: "Starfleet", SecretString: "{}", SecretBinary: "AA==" },
    ],
    [
      "neither SecretString nor SecretBinary",
      "InvalidParameterException",
      "PutSecretValue",
      { SecretId: "Starfleet" },
    ],
  ])("%s is a 400 %s", async (_case, type, operation, body) => {
    const answer = await post(operation, body);
    expect({ status: answer.status, errorType: answer.errorType, __type: answer.__type }).toEqual({
      status: 400,
      errorType: type,
      __type: type,
    });
  });

  it("a body over 1 MiB is cut off with a 413, and the endpoint goes on serving", async () => {
    const answer = await fetch(server.endpoint, {
      method: "POST",
      headers: { "X-Amz-Target": "secretsmanager.PutSecretValue" },
      body: JSON.stringify({ SecretId: "Starfleet", SecretString: "x".repeat(2 * 1024 * 1024) }),
    }).then(
      (response) => response.status,
      () => "connection closed",
    );
    expect([413, "connection closed"]).toContain(answer);
    const read = await client().send(new GetSecretValueCommand({ SecretId: "Starfleet" }));
    expect(read.SecretString).toBe('{"STARFLEET":{}}');
  });

  it("a missing SecretId is AWS's validation error naming the member", async () => {
    expect(await post("GetSecretValue", {})).toMatchObject({
      status: 400,
      __type: "ValidationException",
      message:
        "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe("versions and labels", () => {
  it("reads a version by id, refusing an unknown id or a label the version does not have", async () => {
    const { VersionId } = await client().send(new GetSecretValueCommand({ SecretId: "Starfleet" }));

    expect(
      await failureOf(client().send(new GetSecretValueCommand({ SecretId: "Starfleet", VersionId: "nope" }))),
    ).toEqual({
      name: "ResourceNotFoundException",
      message: "Secrets Manager can't find the specified secret value for VersionId: nope",
    });
    expect(
      await failureOf(
        client().send(
          new GetSecretValueCommand({ SecretId: "Starfleet", VersionId, VersionStage: "AWSPREVIOUS" }),
        ),
      ),
    ).toEqual({
      name: "InvalidRequestException",
      message: "You provided a VersionStage that is not associated to the provided VersionId.",
    });
  });

  it("a retried put with the same token and bytes is one version; another value under that token is refused", async () => {
    const put = (bytes: number[]) =>
      client().send(
        new PutSecretValueCommand({
          SecretId: "Starfleet",
          SecretBinary: new Uint8Array(bytes),
          ClientRequestToken: "token-1",
        }),
      );
    const first = await put([1, 2, 3]);
    const retried = await put([1, 2, 3]);

    expect(retried.VersionId).toBe(first.VersionId);
    expect(await failureOf(put([1, 2, 4]))).toMatchObject({ name: "ResourceExistsException" });
  });

  it("refuses label moves Secrets Manager refuses", async () => {
    const { VersionId: current } = await client().send(new GetSecretValueCommand({ SecretId: "Starfleet" }));
    const move = (
      input: Omit<ConstructorParameters<typeof UpdateSecretVersionStageCommand>[0], "SecretId">,
    ) => failureOf(client().send(new UpdateSecretVersionStageCommand({ SecretId: "Starfleet", ...input })));

    expect(await move({ VersionStage: "AWSCURRENT" })).toEqual({
      name: "InvalidParameterException",
      message: "You must specify MoveToVersionId, RemoveFromVersionId, or both.",
    });
    expect(await move({ VersionStage: "AWSCURRENT", RemoveFromVersionId: current })).toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("You can't remove the staging label AWSCURRENT"),
    });
    expect(await move({ VersionStage: "AWSPENDING", RemoveFromVersionId: "v-other" })).toEqual({
      name: "InvalidParameterException",
      message: "The staging label AWSPENDING is not attached to version v-other.",
    });
    expect(
      await move({ VersionStage: "AWSCURRENT", MoveToVersionId: "v-missing", RemoveFromVersionId: current }),
    ).toEqual({
      name: "ResourceNotFoundException",
      message: "Secrets Manager can't find the specified secret value for VersionId: v-missing",
    });
  });
});

describe("faults given wrongly", () => {
  it("an unknown kind or a times that is not a number is refused at once", () => {
    expect(() => server.injectFault({ kind: "explode" as never })).toThrow(
      new TypeError("Unknown fault kind: explode"),
    );
    expect(() => server.injectFault({ kind: "throttle", times: Number.NaN })).toThrow(
      new TypeError("Fault times must be a number (Infinity allowed)"),
    );
  });

  it("times: 0 injects nothing", async () => {
    server.injectFault({ kind: "throttle", times: 0 });
    const read = await client().send(new GetSecretValueCommand({ SecretId: "Starfleet" }));
    expect(read.SecretString).toBe('{"STARFLEET":{}}');
  });

  it("a fault for one secret skips a request that names none, and an access denial then names no resource", async () => {
    server.injectFault({ kind: "access-denied", secretId: "Starfleet" });
    server.injectFault({ kind: "access-denied", operation: "ListSecrets" });

    expect(await post("GetSecretValue", {})).toMatchObject({ __type: "ValidationException" });
    expect(await post("ListSecrets", {})).toMatchObject({
      __type: "AccessDeniedException",
      message: expect.stringContaining("secretsmanager:ListSecrets on resource: * because"),
    });
    expect(await post("GetSecretValue", { SecretId: "Starfleet" })).toMatchObject({
      __type: "AccessDeniedException",
    });
  });
});

describe("who may ask", () => {
  /** GetSecretValue sent with the Host header `host`, as a browser would send a rebound name. */
  function askAs(host: string): Promise<{ status: number; body: string }> {
    const { port } = new URL(server.endpoint);
    return new Promise((resolve, reject) => {
      const sent = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          headers: {
            host,
            "content-type": "application/x-amz-json-1.1",
            "x-amz-target": "secretsmanager.GetSecretValue",
          },
        },
        (response) => {
          let body = "";
          response.setEncoding("utf8").on("data", (chunk: string) => {
            body += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      sent.on("error", reject);
      sent.end(JSON.stringify({ SecretId: "Starfleet" }));
    });
  }

  it("answers requests addressed to 127.0.0.1, localhost or host.docker.internal", async () => {
    const { port } = new URL(server.endpoint);
    for (const name of ["127.0.0.1", "localhost", "host.docker.internal"]) {
      expect((await askAs(`${name}:${port}`)).status).toBe(200);
    }
  });

  it("refuses a request addressed to any other name: a web page's, rebound to 127.0.0.1", async () => {
    const { port } = new URL(server.endpoint);
    const answer = await askAs(`attacker.example:${port}`);

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({
      __type: "HostNotAllowedException",
      message: expect.stringContaining('this one was addressed to "attacker.example:'),
    });
    expect(answer.body).not.toContain("STARFLEET");
  });
});
