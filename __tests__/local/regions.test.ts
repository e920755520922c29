/**
 * The local endpoint keeps each secret in the region it was created in, as AWS does, so a worker or an
 * operator whose client is signed for the wrong region fails locally as it would on AWS.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import { useLocalClients } from "../support/local-clients.js";

let server: LocalSecretsManager;
const localClient = useLocalClients();
const clientIn = (region: string) => localClient(server.endpoint, region);

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name;
  }
  throw new Error("expected the request to fail");
}

beforeEach(async () => {
  server = await startLocalSecretsManager({ region: "us-east-2", secrets: { Seeded: '{"STARFLEET":{}}' } });
});

afterEach(() => server.close());

describe("a secret lives in the region it was created in", () => {
  it("is not found, by name or by ARN, by a client signed for another region", async () => {
    const created = await clientIn("us-east-2").send(
      new CreateSecretCommand({ Name: "Starfleet", SecretString: '{"STARFLEET":{}}' }),
    );
    const ireland = clientIn("eu-west-1");

    for (const secretId of ["Starfleet", created.ARN as string]) {
      expect(await failureOf(ireland.send(new GetSecretValueCommand({ SecretId: secretId })))).toBe(
        "ResourceNotFoundException",
      );
      expect(await failureOf(ireland.send(new DescribeSecretCommand({ SecretId: secretId })))).toBe(
        "ResourceNotFoundException",
      );
      expect(
        await failureOf(ireland.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: "{}" }))),
      ).toBe("ResourceNotFoundException");
    }
    const home = await clientIn("us-east-2").send(new GetSecretValueCommand({ SecretId: created.ARN }));
    expect(home.SecretString).toBe('{"STARFLEET":{}}');
  });

  it("lets each region have its own secret of one name", async () => {
    const ohio = clientIn("us-east-2");
    const ireland = clientIn("eu-west-1");
    await ohio.send(new CreateSecretCommand({ Name: "Starfleet", SecretString: '{"from":"ohio"}' }));
    const irish = await ireland.send(
      new CreateSecretCommand({ Name: "Starfleet", SecretString: '{"from":"ireland"}' }),
    );

    expect(irish.ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:Starfleet-/);
    expect((await ohio.send(new GetSecretValueCommand({ SecretId: "Starfleet" }))).SecretString).toBe(
      '{"from":"ohio"}',
    );
    expect((await ireland.send(new GetSecretValueCommand({ SecretId: "Starfleet" }))).SecretString).toBe(
      '{"from":"ireland"}',
    );
    expect(server.getSecretString("Starfleet", "eu-west-1")).toBe('{"from":"ireland"}');
  });

  it("serves seeded secrets in the endpoint's region only", async () => {
    expect(
      await failureOf(clientIn("us-west-2").send(new GetSecretValueCommand({ SecretId: "Seeded" }))),
    ).toBe("ResourceNotFoundException");
    const read = await clientIn("us-east-2").send(new GetSecretValueCommand({ SecretId: "Seeded" }));
    expect(read.ARN).toMatch(/^arn:aws:secretsmanager:us-east-2:/);
  });

  it("seeds a secret named by full ARN in the ARN's region, under that ARN and its name", async () => {
    const arn = "arn:aws:secretsmanager:ap-south-1:111122223333:secret:team/Starfleet-AbC123";
    server.setSecret(arn, '{"STARFLEET":{}}');
    const mumbai = clientIn("ap-south-1");

    for (const secretId of [arn, "team/Starfleet"]) {
      const read = await mumbai.send(new GetSecretValueCommand({ SecretId: secretId }));
      expect({ ARN: read.ARN, Name: read.Name }).toEqual({ ARN: arn, Name: "team/Starfleet" });
    }
    expect(await failureOf(clientIn("us-east-2").send(new GetSecretValueCommand({ SecretId: arn })))).toBe(
      "ResourceNotFoundException",
    );
    expect(server.getSecretString(arn)).toBe('{"STARFLEET":{}}');
  });

  it("answers an unsigned request from the endpoint's region", async () => {
    const response = await fetch(server.endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "secretsmanager.GetSecretValue",
      },
      body: JSON.stringify({ SecretId: "Seeded" }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { SecretString: string }).SecretString).toBe('{"STARFLEET":{}}');
  });
});
