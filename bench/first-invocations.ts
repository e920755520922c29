/**
 * Runs the first-invocation child (children/first-invocation.js) for each library against the local
 * Secrets Manager endpoint over HTTP, and collects its reports. The cold-start and memory figures both read
 * these runs. Libraries take turns run by run, so a slow moment of the machine does not land on one of them.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
// Built by `npm run bench` before it runs: the endpoint `starfleet-secrets local` serves.
import { startLocalSecretsManager } from "../dist/local/server.js";
import {
  BENCH_DIR,
  type Library,
  type LibraryId,
  lambdaEnvironment,
  SECRET_ID,
  SECRET_STRING,
} from "./fixture.ts";

const CHILD = path.join(BENCH_DIR, "children", "first-invocation.js");
const RESULT_MARKER = "@@first-invocation ";

export interface FirstInvocationRun {
  /** Parent's view: spawn to exit, in ms. */
  readonly wallMs: number;
  /** Child's view, from its process start, in ms. */
  readonly nodeReadyMs: number;
  readonly importedMs: number;
  readonly firstResultMs: number;
  readonly heapUsed: number;
}

export interface FirstInvocations {
  readonly library: Library;
  readonly runs: FirstInvocationRun[];
  /** Module URLs the traced run resolved. */
  readonly modules: readonly string[];
}

interface ChildReport extends Omit<FirstInvocationRun, "wallMs"> {
  readonly result: unknown;
  readonly modules: string[];
}

function runChild(
  library: Library,
  endpoint: string,
  trace: boolean,
): Promise<ChildReport & { wallMs: number }> {
  const env = {
    PATH: process.env.PATH ?? "",
    ...lambdaEnvironment({ AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint, ...library.env }),
  };
  const args = ["--expose-gc", CHILD, library.handlerFile, ...(trace ? ["--trace-modules"] : [])];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const wallMs = performance.now() - started;
      const line = stdout.split("\n").find((text) => text.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`${library.label}: first-invocation child exited with ${code}\n${stderr}${stdout}`));
        return;
      }
      const report = JSON.parse(line.slice(RESULT_MARKER.length)) as ChildReport;
      if (!isDeepStrictEqual(report.result, library.expected)) {
        reject(new Error(`${library.label}: the first invocation returned ${JSON.stringify(report.result)}`));
        return;
      }
      resolve({ ...report, wallMs });
    });
  });
}

export async function runFirstInvocations(
  libraries: readonly Library[],
  runsPerLibrary: number,
): Promise<Map<LibraryId, FirstInvocations>> {
  const server = await startLocalSecretsManager({ secrets: { [SECRET_ID]: SECRET_STRING } });
  try {
    const collected = new Map<LibraryId, FirstInvocations>();
    // The traced run comes first and is not timed: it also warms the file system cache for the timed runs.
    for (const library of libraries) {
      const traced = await runChild(library, server.endpoint, true);
      collected.set(library.id, { library, runs: [], modules: traced.modules });
    }
    for (let run = 0; run < runsPerLibrary; run++) {
      for (const library of libraries) {
        const { wallMs, nodeReadyMs, importedMs, firstResultMs, heapUsed } = await runChild(
          library,
          server.endpoint,
          false,
        );
        collected.get(library.id)?.runs.push({ wallMs, nodeReadyMs, importedMs, firstResultMs, heapUsed });
      }
    }
    // Every library that fetches must have reached the endpoint, once per run: proof that the figures
    // include a real GetSecretValue over HTTP.
    const fetching = libraries.filter(
      (library) => library.expected !== undefined && !library.id.startsWith("bare"),
    );
    if (server.callCount() < fetching.length * (runsPerLibrary + 1)) {
      throw new Error(`the local endpoint saw only ${server.callCount()} GetSecretValue calls`);
    }
    return collected;
  } finally {
    await server.close();
  }
}
