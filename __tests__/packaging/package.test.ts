/**
 * The published package, as users get it: `npm pack`, install the tarball into a fresh project next to
 * @middy/core 7, the AWS SDK, jest and vitest, then use it from ESM, from CommonJS and from TypeScript
 * (nodenext and bundler resolution), run a worker's unit test on the testing kit under both test runners,
 * and serve a worker and the CLI from `npx starfleet-secrets local`. The runtime checks fetch the secret over
 * HTTP from a local Secrets Manager endpoint.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import { outputOf } from "../support/child-output.js";
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

/** The environment of a Lambda function pointed at a local endpoint, with fake credentials. */
function lambdaEnvironment(endpoint = server.endpoint): Record<string, string> {
  const nowhere = path.join(consumer.directory, "no-aws-config");
  return {
    AWS_REGION: "us-east-2",
    AWS_ACCESS_KEY_ID: "AKIDPACKAGING",
    AWS_SECRET_ACCESS_KEY: "packaging-test",
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
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

  it("has a type declaration beside every JavaScript module but the bundles' shared chunks", () => {
    const modules = consumer.packedFiles.filter(
      (file) => file.endsWith(".js") && !file.startsWith("dist/chunks/"),
    );
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
    "loads the middleware as one bundle (and its shared chunk), not module by module: a cold start without a bundler",
    async () => {
      writeFileSync(
        path.join(consumer.directory, "count-modules.mjs"),
        [
          'import { registerHooks } from "node:module";',
          "const loaded = [];",
          "registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });",
          'await import("middy-starfleet-secrets");',
          `console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(loaded));`,
        ].join("\n"),
      );
      const { stdout } = await consumer.node("count-modules.mjs", lambdaEnvironment());
      const line = stdout.split("\n").find((text) => text.startsWith(RESULT_MARKER)) ?? "[]";
      const ours = (JSON.parse(line.slice(RESULT_MARKER.length)) as string[])
        .filter((url) => url.includes("/node_modules/middy-starfleet-secrets/"))
        .map((url) => url.replace(/^.*\/node_modules\/middy-starfleet-secrets\//, ""))
        // npm may nest a dependency (js-yaml) under the package: not our code.
        .filter((file) => !file.startsWith("node_modules/"))
        .sort();

      expect(ours).toEqual([expect.stringMatching(/^dist\/chunks\/chunk-\w+\.js$/), "dist/index.js"]);
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

describe("middy-starfleet-secrets/testing, in a project that installed the tarball", () => {
  const testFile = path.join("testing", "github-sync-worker.test.js");
  // No credentials, and an endpoint where nothing listens: a client that went to the network would fail
  // these tests rather than reach AWS.
  const offline = () => ({
    ...lambdaEnvironment("http://127.0.0.1:9"),
    AWS_ACCESS_KEY_ID: "",
    AWS_SECRET_ACCESS_KEY: "",
    STARFLEET_CONFIG_DIR: path.join(consumer.directory, "no-configuration"),
  });
  const testsInFile = () =>
    readFileSync(path.join(consumer.directory, testFile), "utf8").match(/^ {2}it\(/gm)?.length;

  it(
    "runs the README's worker test under jest (ESM)",
    async () => {
      const result = await consumer.run(
        process.execPath,
        ["--experimental-vm-modules", "node_modules/jest/bin/jest.js", "--ci", "--json"],
        offline(),
      );
      const report = JSON.parse(result.stdout) as { numPassedTests: number; numFailedTests: number };

      expect({ code: result.code, failed: report.numFailedTests }).toEqual({ code: 0, failed: 0 });
      expect(report.numPassedTests).toBe(testsInFile());
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "runs the same test under vitest",
    async () => {
      const result = await consumer.run(
        process.execPath,
        ["node_modules/vitest/vitest.mjs", "run", "--globals", "--reporter=json", testFile],
        offline(),
      );
      const report = JSON.parse(result.stdout) as { numPassedTests: number; numFailedTests: number };

      expect({ code: result.code, failed: report.numFailedTests }).toEqual({ code: 0, failed: 0 });
      expect(report.numPassedTests).toBe(testsInFile());
    },
    TEST_TIMEOUT_MS,
  );
});

describe("npx starfleet-secrets local, in a project that installed the tarball", () => {
  it(
    "serves the --seed file to a worker and to the CLI, and stops on Ctrl-C",
    async () => {
      writeFileSync(path.join(consumer.directory, "secret.json"), SECRET_STRING);
      // Its own process group, as a terminal's foreground job: Ctrl-C signals npx and the tool together.
      const local = spawn("npx", ["starfleet-secrets", "local", "--seed", "secret.json", "--port", "0"], {
        cwd: consumer.directory,
        env: { ...consumer.env, STARFLEET_CONFIG_DIR: path.join(consumer.directory, "configuration_files") },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      // Closed once every process holding its output has ended: npx, and the tool it started.
      const closed = new Promise<void>((resolve) => local.once("close", () => resolve()));
      const output = outputOf(local);
      try {
        const endpoint = await new Promise<string>((resolve, reject) => {
          local.stdout.on("data", () => {
            const match = /^AWS_ENDPOINT_URL_SECRETS_MANAGER=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(
              output().stdout,
            );
            if (match?.[1]) resolve(match[1]);
          });
          void closed.then(() => reject(new Error(`local exited early:\n${JSON.stringify(output())}`)));
        });

        const worker = await consumer.node("esm-handler.js", lambdaEnvironment(endpoint));
        const line = worker.stdout.split("\n").find((text) => text.startsWith(RESULT_MARKER)) ?? "{}";
        expect(JSON.parse(line.slice(RESULT_MARKER.length)).secrets).toEqual(
          SECRET_DOCUMENT.GitHubSyncWorker,
        );

        const check = await consumer.run(
          "npx",
          ["starfleet-secrets", "check", "--worker", "GitHubSyncWorker"],
          {
            ...lambdaEnvironment(endpoint),
          },
        );
        expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: "" });
        expect(check.stdout).toContain("GitHubSyncWorker  present");

        process.kill(-(local.pid as number), "SIGINT");
        await closed;
        // npx itself dies of the signal, as it does in a terminal; the tool stops cleanly.
        expect(output().stderr).toMatch(/\nStopped \(SIGINT\)\.\n$/);
        const after = await fetch(endpoint, { method: "POST" }).then(
          () => "answered",
          () => "refused",
        );
        expect(after).toBe("refused");
      } finally {
        try {
          process.kill(-(local.pid as number), "SIGKILL");
        } catch {
          // The group has ended.
        }
      }
    },
    TEST_TIMEOUT_MS,
  );
});
