// Type tests: compiled by `npm run typecheck` (tsc), never run. A wrong type fails the build.
import middy from "@middy/core";
import {
  type DeepReadonly,
  getSlackToken,
  type StarfleetConfig,
  type StarfleetSecretsError,
  type StarfleetSecretsErrorCode,
  starfleetSecrets,
} from "../../src/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

interface GitHubSecrets {
  orgs: { [org: string]: { privateKey: string } };
  appId: number;
}

// "Middleware first, handler last": the handler's context carries the worker's typed, read-only secrets.
export const handler = middy()
  .use(starfleetSecrets<GitHubSecrets>({ workerName: "GitHubSyncWorker" }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, DeepReadonly<GitHubSecrets>>>();
    const key: string | undefined = context.secrets.orgs["my-org"]?.privateKey;
    const appId: number = context.secrets.appId;
    // @ts-expect-error secrets are read-only
    context.secrets.appId = 2;
    // @ts-expect-error nested values are read-only too
    context.secrets.orgs["my-org"] = { privateKey: "x" };
    // @ts-expect-error the property itself cannot be replaced
    context.secrets = { orgs: {}, appId: 1 };
    // The rest of the Lambda context is still there.
    const requestId: string = context.awsRequestId;
    return { key, appId, requestId };
  });

// With `optional: true` the handler must handle the absence of secrets.
export const optionalHandler = middy()
  .use(starfleetSecrets<GitHubSecrets>({ workerName: "GitHubSyncWorker", optional: true }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, DeepReadonly<GitHubSecrets> | undefined>>();
    // @ts-expect-error possibly undefined
    return context.secrets.appId;
  });

// Without a type argument the entry is unknown: the worker must narrow it.
export const untypedHandler = middy()
  .use(starfleetSecrets({ workerName: "GitHubSyncWorker" }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, unknown>>();
  });

// Options are checked.
// @ts-expect-error cacheExpiry is a number of milliseconds
starfleetSecrets({ workerName: "w", cacheExpiry: "1h" });
// @ts-expect-error unknown option names are rejected
starfleetSecrets({ workerName: "w", cacheExpire: 1000 });
starfleetSecrets({
  workerName: "w",
  config: async (): Promise<StarfleetConfig> => ({}) as StarfleetConfig,
  logger: { warn: () => {} },
  awsClientOptions: { maxAttempts: 2 },
});

export async function slack(): Promise<string> {
  return getSlackToken();
}

export function codeOf(error: StarfleetSecretsError): StarfleetSecretsErrorCode {
  assertType<Equal<StarfleetSecretsErrorCode, StarfleetSecretsError["code"]>>();
  return error.code;
}
