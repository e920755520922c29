/**
 * Faults a test injects into the endpoint: throttling, 5xx, resets, slow or lost answers, bad bodies,
 * credentials AWS refuses.
 */
import type { SecretRecord } from "./secret-model.js";
import { ServiceError } from "./wire.js";

export type FaultKind =
  | "throttle"
  | "internal"
  | "reset"
  | "slow"
  | "access-denied"
  | "decryption-failure"
  | "malformed"
  | "lost-answer"
  | "expired-token"
  | "unrecognized-client";

export interface Fault {
  kind: FaultKind;
  /** Operation the fault applies to; default "GetSecretValue". */
  operation?: string;
  /** Secret (name or ARN) the fault applies to; default any secret. */
  secretId?: string;
  /** How many matching requests the fault applies to; default 1, `Infinity` allowed. */
  times?: number;
  /**
   * For "slow": the request is processed and answered after this many ms (default 1000). "malformed" answers
   * 200 with the real response's body cut short and followed by an HTML fragment, as a proxy might.
   * "lost-answer" carries the request out, then drops the connection: the caller never learns it worked.
   */
  delayMs?: number;
}

const FAULT_KINDS: readonly FaultKind[] = [
  "throttle",
  "internal",
  "reset",
  "slow",
  "access-denied",
  "decryption-failure",
  "malformed",
  "lost-answer",
  "expired-token",
  "unrecognized-client",
];

interface PendingFault {
  fault: Fault;
  remaining: number;
}

/** Faults waiting for the requests they match, consumed in injection order. */
export interface FaultQueue {
  inject(fault: Fault): void;
  /** The fault the request meets, if any; it counts as one of the fault's `times`. */
  take(operation: string, body: Record<string, unknown>): Fault | undefined;
  clear(): void;
}

/** An empty queue; `findSecret` lets a fault named by ARN match a request by name, and the reverse. */
export function createFaultQueue(findSecret: (secretId: string) => SecretRecord | undefined): FaultQueue {
  let faults: PendingFault[] = [];
  return {
    inject(fault) {
      if (!FAULT_KINDS.includes(fault.kind)) throw new TypeError(`Unknown fault kind: ${String(fault.kind)}`);
      const times = fault.times ?? 1;
      if (Number.isNaN(times)) throw new TypeError("Fault times must be a number (Infinity allowed)");
      if (times > 0) faults.push({ fault: { ...fault }, remaining: times });
    },
    take(operation, body) {
      const requested = typeof body.SecretId === "string" ? body.SecretId : body.Name;
      const index = faults.findIndex(({ fault }) => {
        if ((fault.operation ?? "GetSecretValue") !== operation) return false;
        if (fault.secretId === undefined) return true;
        if (typeof requested !== "string") return false;
        if (requested === fault.secretId) return true;
        const secret = findSecret(requested);
        return secret !== undefined && secret === findSecret(fault.secretId);
      });
      const pending = faults[index];
      if (pending === undefined) return undefined;
      pending.remaining -= 1;
      if (pending.remaining <= 0) faults.splice(index, 1);
      return pending.fault;
    },
    clear() {
      faults = [];
    },
  };
}

/** The AWS error an error fault answers with. */
export function faultError(
  fault: Fault,
  operation: string,
  body: Record<string, unknown>,
  accountId: string,
): ServiceError {
  const resource = [body.SecretId, body.Name].find((v): v is string => typeof v === "string") ?? "*";
  switch (fault.kind) {
    case "throttle":
      return new ServiceError("ThrottlingException", "Rate exceeded");
    case "internal":
      return new ServiceError("InternalServiceError", "An error occurred on the server side.", 500);
    case "access-denied":
      return new ServiceError(
        "AccessDeniedException",
        `User: arn:aws:sts::${accountId}:assumed-role/worker/fn is not authorized to perform: secretsmanager:${operation} on resource: ${resource} because no identity-based policy allows the secretsmanager:${operation} action`,
      );
    case "expired-token":
      return new ServiceError(
        "ExpiredTokenException",
        "The security token included in the request is expired",
      );
    case "unrecognized-client":
      return new ServiceError(
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
      );
    default:
      return new ServiceError(
        "DecryptionFailure",
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
      );
  }
}
