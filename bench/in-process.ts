/**
 * Loads the example handlers into this process against one mocked SecretsManagerClient (aws-sdk-client-mock
 * stubs the class's `send`, so every library's client answers with the same SecretString), with a way to
 * empty each library's cache. Used by the warm-invocation and calls-to-AWS figures.
 */

import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import {
  type HandlerId,
  type LambdaHandler,
  LIBRARIES,
  type Library,
  type LibraryId,
  lambdaContext,
  lambdaEnvironment,
  REGION,
  SECRET_ID,
  SECRET_STRING,
} from "./fixture.ts";

export interface LoadedLibrary {
  readonly library: Library;
  readonly handler: LambdaHandler;
  /** Empties the library's module-level cache, so the next invocation is a first one again. */
  clearCache(): Promise<void>;
}

export interface MockedSecretsManager {
  /** GetSecretValue calls since the last {@link resetCalls}. */
  calls(): number;
  resetCalls(): void;
  /** Answer each GetSecretValue after this many ms (0: on the next microtask). */
  latencyMs: number;
  restore(): void;
}

function mockSecretsManager(): MockedSecretsManager {
  const mock = mockClient(SecretsManagerClient);
  let calls = 0;
  const state: MockedSecretsManager = {
    latencyMs: 0,
    calls: () => calls,
    resetCalls: () => {
      calls = 0;
    },
    restore: () => mock.restore(),
  };
  mock.on(GetSecretValueCommand).callsFake(async () => {
    calls += 1;
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    return {
      ARN: `arn:aws:secretsmanager:${REGION}:123456789012:secret:${SECRET_ID}-AbCdEf`,
      Name: SECRET_ID,
      VersionId: "00000000-0000-4000-8000-000000000000",
      VersionStages: ["AWSCURRENT"],
      SecretString: SECRET_STRING,
      CreatedDate: new Date(0),
    };
  });
  return state;
}

/** @middy/secrets-manager 6 uses its own (nested) @middy/util 6, whose module cache is the one to clear. */
async function middyUtilOfSecretsManager(): Promise<{ clearCache(): void }> {
  const requireFromIt = createRequire(import.meta.resolve("@middy/secrets-manager"));
  return import(pathToFileURL(requireFromIt.resolve("@middy/util")).href);
}

const clearOurs = async () => (await import("../dist/index.js")).clearStarfleetSecretsCache();

const cacheClearers: Partial<Record<LibraryId, () => Promise<void>>> = {
  starfleet: clearOurs,
  "starfleet-schema": clearOurs,
  middy: async () => (await middyUtilOfSecretsManager()).clearCache(),
  powertools: async () => (await import("@aws-lambda-powertools/parameters")).clearCaches(),
};

/**
 * Sets the Lambda-like environment, mocks the client, then imports each handler (in that order: two of the
 * libraries start fetching when the handler module loads).
 */
export async function loadInProcess(ids: readonly HandlerId[]): Promise<{
  mock: MockedSecretsManager;
  libraries: LoadedLibrary[];
}> {
  Object.assign(process.env, lambdaEnvironment());
  const mock = mockSecretsManager();
  const libraries: LoadedLibrary[] = [];
  for (const id of ids) {
    const library = LIBRARIES[id];
    const { handler } = (await import(pathToFileURL(library.handlerFile).href)) as { handler: LambdaHandler };
    libraries.push({ library, handler, clearCache: cacheClearers[id] ?? (async () => {}) });
  }
  return { mock, libraries };
}

/** Runs one invocation and checks it returned the worker's entry, so no figure measures a failing path. */
export async function invokeChecked({ library, handler }: LoadedLibrary): Promise<void> {
  const result = await handler({}, lambdaContext());
  if (!isDeepStrictEqual(result, library.expected)) {
    throw new Error(`${library.label}: the handler returned ${JSON.stringify(result)?.slice(0, 80)}`);
  }
}
