/**
 * An endpoint that starts an answer and never finishes it (a stalled proxy, a dropped link after the headers):
 * the SDK's per-attempt timeouts stop once the headers arrive, so only the CLI's own limit ends the command.
 */
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { expectNoSecretLeak } from "../support/fixtures.js";
import { assertCliBuilt, spawnCli } from "./harness.js";

const MARKER = "xoxb-stalled-SeCrEtToKeN";
let server: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  assertCliBuilt();
  // Headers and the first part of a GetSecretValue answer, then nothing: the body stops half-way.
  server = createServer((socket) => {
    sockets.add(socket);
    socket.once("data", () =>
      socket.write(
        "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 400\r\n\r\n" +
          `{"Name":"Starfleet","VersionId":"0c6e0d6a-7b8c-4d9e-8f01-23456789abcd","SecretString":"{\\"STARFLEET\\": {\\"SlackToken\\": \\"${MARKER}`,
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

it("a response whose body stops half-way fails the command within the CLI's limit, quoting nothing of it", async () => {
  const { port } = server.address() as AddressInfo;
  const started = Date.now();
  const result = await spawnCli(
    [
      "show",
      "--secret-id",
      "Starfleet",
      "--region",
      "us-east-2",
      "--endpoint-url",
      `http://127.0.0.1:${port}`,
    ],
    {
      PATH: process.env.PATH,
      AWS_ACCESS_KEY_ID: "AKIDTEST",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_CONFIG_FILE: "/nonexistent/aws-config",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    process.cwd(),
  );

  expect(result.code).toBe(1);
  expect(Date.now() - started).toBeLessThan(25_000);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain('GetSecretValue on secret "Starfleet" in us-east-2 got no complete answer');
  expect(result.stderr).not.toContain(MARKER);
  expectNoSecretLeak(result.stderr, [MARKER]);
}, 40_000);
