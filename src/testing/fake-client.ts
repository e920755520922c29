/**
 * A Secrets Manager client class that answers `GetSecretValue` from memory, as the AWS SDK's client would
 * answer it from AWS: the same output fields, the same errors (a secret in another region is not found),
 * the abort signal honoured. It answers on a promise, never on a timer, so tests with fake timers run as
 * they would with real ones.
 */
import { randomUUID } from "node:crypto";
import type {
  GetSecretValueCommandOutput,
  SecretsManagerClientConfig,
} from "@aws-sdk/client-secrets-manager";
import type { SecretModel } from "../local/secret-model.js";
import { ServiceError } from "../local/wire.js";
import type { SecretsManagerClientClass } from "../types/options.js";
import { sdkServiceError } from "./aws-errors.js";

/** What the fake client needs: the secrets, the failures queued for the next calls, and a call counter. */
export interface FakeBackend {
  readonly model: SecretModel;
  /** The region a client built without one signs for. */
  readonly region: string;
  /** Called for each GetSecretValue; returns the error to fail it with, if one was queued. */
  nextCall(): Error | undefined;
}

interface CommandLike {
  readonly input?: Record<string, unknown>;
}

/** What the SDK throws for a call aborted before it was answered. */
function abortError(): Error {
  return Object.assign(new Error("Request aborted"), { name: "AbortError" });
}

/** The SDK's output for the model's wire answer. */
function sdkOutput(answer: Record<string, unknown>): GetSecretValueCommandOutput {
  const { CreatedDate, ...fields } = answer;
  return {
    ...fields,
    CreatedDate: new Date((CreatedDate as number) * 1000),
    $metadata: { httpStatusCode: 200, requestId: randomUUID(), attempts: 1, totalRetryDelay: 0 },
  };
}

function answer(backend: FakeBackend, region: string, command: CommandLike): GetSecretValueCommandOutput {
  const { SecretId, VersionId, VersionStage } = command.input ?? {};
  try {
    const handle = backend.model.handlers.GetSecretValue as NonNullable<SecretModel["handlers"][string]>;
    return sdkOutput(handle({ SecretId, VersionId, VersionStage }, region));
  } catch (error) {
    if (error instanceof ServiceError) throw sdkServiceError(error.type, error.message, error.status);
    throw error;
  }
}

/** A client class serving `backend`; each client signs for the region it is built with. */
export function fakeClientClass(backend: FakeBackend): SecretsManagerClientClass {
  return class StarfleetTestSecretsClient {
    readonly #region: string;

    constructor(config: SecretsManagerClientConfig = {}) {
      this.#region = typeof config.region === "string" ? config.region : backend.region;
    }

    send(
      command: CommandLike,
      options?: { abortSignal?: AbortSignal },
    ): Promise<GetSecretValueCommandOutput> {
      const operation = (command as object | undefined)?.constructor?.name;
      if (operation !== "GetSecretValueCommand") {
        return Promise.reject(
          new TypeError(
            `middy-starfleet-secrets/testing: the test client serves GetSecretValueCommand (all the middleware ` +
              `sends), not ${operation ?? "this"}`,
          ),
        );
      }
      if (options?.abortSignal?.aborted) return Promise.reject(abortError());
      // The call is made now, as the SDK's request leaves now; its answer comes on a later turn.
      const failure = backend.nextCall();
      return Promise.resolve().then(() => {
        if (failure !== undefined) throw failure;
        return answer(backend, this.#region, command);
      });
    }
  } as unknown as SecretsManagerClientClass;
}
