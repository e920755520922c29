/**
 * The published package, as users get it: `npm pack`, install the tarball into a fresh project next to
 * @middy/core 7 and the AWS SDK, then use it from ESM, from CommonJS and from TypeScript (nodenext and
 * bundler resolution). The runtime checks fetch the secret over HTTP from a local Secrets Manager endpoint.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import { SECRET_DOCUMENT, SECRET_STRING } from "../support/fixtures.js";
import { type ConsumerProject, createConsumerProject, TYPESCRIPT_PROJECTS } from "./consumer-project.js";

const SETUP_TIMEOUT_MS = 240_000;
const TEST_TIMEOUT_MS = 60_000;
const RESULT_MARKER = "consumer-result ";

let consumer: ConsumerProject;
let server: LocalSecretsManager;

beforeAll(async () => {
  server = await startLocalSecretsManager({ secrets: { Starfleet: SECRET_STRING } });
  consumer = await createConsumerProject();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await server?.close();
  consumer?.remove();
});

/** The environment of a Lambda function pointed at the local endpoint, with fake credentials. */
function lambdaEnvironment(): Record<string, string> {
  const nowhere = path.join(consumer.directory, "no-aws-config");
  return {
    AWS_REGION: "us-east-2",
    AWS_ACCESS_KEY_ID: "AKIDPACKAGING",
    AWS_SECRET_ACCESS_KEY: "packaging-test",
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
    STARFLEET_CONFIG_DIR: path.join(consumer.directory, "configuration_files"),
  };
}

async function runConsumer(file: string): Promise<{ resolved: string; secrets: unknown; stderr: string }> {
  const callsBefore = server.callCount();
  const { stdout, stderr } = await consumer.node(file, lambdaEnvironment());
  const line = stdout.split("\n").find((text) => text.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`${file} printed no result.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  expect(server.callCount()).toBe(callsBefore + 1);
  return {
    ...(JSON.parse(line.slice(RESULT_MARKER.length)) as { resolved: string; secrets: unknown }),
    stderr,
  };
}

describe("the packed tarball", () => {
  const USER_FILES =
    /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/.+\.(js|d\.ts|js\.map|d\.ts\.map))$/;

  it("holds only what a user needs: dist, README, CHANGELOG, LICENSE and package.json", () => {
    const files = consumer.packedFiles;

    expect(files.filter((file) => !USER_FILES.test(file))).toEqual([]);
    expect(
      files.filter((file) => /^(src|__tests__|tools|bench|examples|coverage|\.ci)\//.test(file)),
    ).toEqual([]);
    for (const needed of [
      "package.json",
      "README.md",
      "CHANGELOG.md",
      "LICENSE",
      "dist/index.js",
      "dist/index.d.ts",
    ]) {
      expect(files).toContain(needed);
    }
  });

  it("has a type declaration beside every JavaScript module", () => {
    const modules = consumer.packedFiles.filter((file) => file.endsWith(".js"));
    const missing = modules.filter((file) => !consumer.packedFiles.includes(file.replace(/\.js$/, ".d.ts")));

    expect(modules.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it("ships source maps that work without the repository: sources embedded or in the package", () => {
    const installed = path.join(consumer.directory, "node_modules", "middy-starfleet-secrets");
    const broken = consumer.packedFiles
      .filter((file) => file.endsWith(".map"))
      .filter((file) => {
        const map = JSON.parse(readFileSync(path.join(installed, file), "utf8")) as {
          sources: string[];
          sourcesContent?: (string | null)[];
        };
        return map.sources.some((source, index) => {
          if (typeof map.sourcesContent?.[index] === "string") return false;
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), source));
          return !consumer.packedFiles.includes(target);
        });
      });

    // A map pointing at ../src/*.ts, which is not published, gives users' stack traces and debuggers paths
    // to files they do not have.
    expect(broken).toEqual([]);
  });
});

describe("a project that installed the tarball", () => {
  const installedEntry = () =>
    path.join(consumer.directory, "node_modules", "middy-starfleet-secrets", "dist", "index.js");

  it(
    "imports it from ESM and gets the worker's own entry from Secrets Manager",
    async () => {
      const { resolved, secrets } = await runConsumer("esm-handler.js");

      expect(resolved).toBe(`file://${installedEntry()}`);
      expect(secrets).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "loads it with require() from CommonJS (require of ESM, Node 22.12+) and gets the worker's entry",
    async () => {
      const { resolved, secrets, stderr } = await runConsumer("cjs-handler.cjs");

      expect(resolved).toBe(installedEntry());
      expect(secrets).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
      expect(stderr).not.toMatch(/ERR_REQUIRE/);
    },
    TEST_TIMEOUT_MS,
  );

  it.each(Object.keys(TYPESCRIPT_PROJECTS) as (keyof typeof TYPESCRIPT_PROJECTS)[])(
    "type-checks a TypeScript handler with context.secrets typed (%s, skipLibCheck off)",
    async (project) => {
      const { code, output } = await consumer.tsc(project);

      expect({ code, output }).toEqual({ code: 0, output: "" });
    },
    TEST_TIMEOUT_MS,
  );
});
