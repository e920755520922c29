/**
 * What an AWS SDK failure means, decided in one place for the middleware, getSlackToken() and the CLI,
 * which each word it for their readers: a kind, whether trying again can help, a value-free reason and a
 * hint saying what to check.
 */
import { hostAndPort } from "./endpoint.js";

/** The failures callers treat differently. */
export type AwsFailureKind =
  | "NOT_FOUND"
  | "ACCESS_DENIED"
  | "DECRYPTION_FAILED"
  | "CREDENTIALS"
  | "UNREACHABLE"
  | "TEMPORARY"
  | "UNREADABLE_RESPONSE"
  | "OTHER";

/** An SDK failure, classified. */
export interface AwsFailure {
  readonly kind: AwsFailureKind;
  /** The SDK error's name (`ResourceNotFoundException`), or what was thrown when it is not an error. */
  readonly name: string;
  /**
   * What may be kept as `cause` and printed: errors raised on this machine (a refused connection, a
   * timeout, no credentials) as they are; an AWS error as a copy with its name, `$fault`, `$metadata` and,
   * for the errors Secrets Manager and STS define, their message. Nothing else of a response survives: the
   * SDK copies every field of an error body onto the error, and a proxy's body may hold the secret.
   * Undefined for an unreadable response, whose error quotes the body.
   */
  readonly error: unknown;
  /** Whether trying again later can succeed without anyone acting. */
  readonly retryable: boolean;
  /**
   * What failed, from the safe parts of the error only: its name, the system error code and the endpoint
   * (`could not connect to 127.0.0.1:4567 (ECONNREFUSED, Error)`).
   */
  readonly reason: string;
  /** What to check or do; empty for the kinds callers explain in their own words (not found, denied). */
  readonly hint: string;
}

// Errors whose message AWS writes (about the call, the caller or the resource, never a secret's value).
const AWS_DEFINED_ERRORS = new Set([
  "ResourceNotFoundException",
  "AccessDeniedException",
  "DecryptionFailure",
  "EncryptionFailure",
  "InternalServiceError",
  "InvalidParameterException",
  "InvalidRequestException",
  "InvalidNextTokenException",
  "LimitExceededException",
  "MalformedPolicyDocumentException",
  "PreconditionNotMetException",
  "PublicPolicyException",
  "ResourceExistsException",
  "ThrottlingException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignature",
  "ExpiredTokenException",
  "InvalidClientTokenId",
]);

/** A copy of an AWS error holding nothing from the response body but AWS's own message. */
function withoutBody(error: Error & { $fault?: unknown; $metadata?: unknown }): Error {
  const message = AWS_DEFINED_ERRORS.has(error.name)
    ? error.message
    : "(the response's message is not shown: it did not come from a known AWS error)";
  return Object.assign(new Error(message), {
    name: error.name,
    $fault: error.$fault,
    $metadata: error.$metadata,
  });
}

const KIND_BY_NAME: Readonly<Record<string, AwsFailureKind>> = {
  ResourceNotFoundException: "NOT_FOUND",
  AccessDeniedException: "ACCESS_DENIED",
  DecryptionFailure: "DECRYPTION_FAILED",
};

// AWS's answers to a request signed with credentials it does not accept (expired, unknown, wrong secret key).
const REFUSED_CREDENTIALS = new Set([
  "ExpiredTokenException",
  "ExpiredToken",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
]);

const THROTTLING = new Set(["ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"]);

// System error codes of a connection that could not be set up, as opposed to one that broke.
const NO_CONNECTION = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

// The SDK's connect timeout carries no code; its own message (never the response's) says what happened.
const CONNECT_TIMEOUT = /did not establish a connection/;

/**
 * The hint for a connection that could not be set up, shared with the store's deadline error: on Lambda it
 * is most often a function in a VPC that has no route to Secrets Manager.
 */
export const NO_CONNECTION_HINT =
  "Check that the endpoint is right (AWS_ENDPOINT_URL_SECRETS_MANAGER, awsClientOptions.endpoint) and " +
  "reachable from where this runs: a Lambda function in a VPC reaches Secrets Manager only through a Secrets " +
  "Manager VPC endpoint or a NAT gateway.";

const HINTS: Readonly<Record<AwsFailureKind, string>> = {
  NOT_FOUND: "",
  ACCESS_DENIED: "",
  DECRYPTION_FAILED: "",
  CREDENTIALS:
    "On Lambda, the credentials are the function's execution role: check that the function has one and that " +
    "no AWS_ACCESS_KEY_ID in its environment overrides it. On a workstation, set AWS_PROFILE to a profile " +
    "that has credentials, or run `aws sso login` when its SSO session has expired.",
  UNREACHABLE: NO_CONNECTION_HINT,
  TEMPORARY:
    "This is usually temporary (throttling, a server fault, a dropped connection or a timeout); trying " +
    "again later should succeed. If it persists, check the network path to Secrets Manager.",
  UNREADABLE_RESPONSE:
    "Its text is not shown, as it may hold the secret. Try again; if it persists, check any proxy between " +
    "you and Secrets Manager.",
  OTHER: "",
};

interface ErrorFields {
  readonly code?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly $retryable?: { readonly throttling?: unknown };
}

/**
 * The error and what it wraps: its `cause` chain, and the first of an AggregateError's errors (Node reports
 * a refused connection to every address of a host as one).
 */
function chainOf(error: unknown): ErrorFields[] {
  const chain: ErrorFields[] = [];
  let current = error;
  while (typeof current === "object" && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    const { cause, errors } = current as ErrorFields;
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return chain;
}

/** The first system error code (`ECONNREFUSED`) in the chain. */
function systemCodeOf(chain: readonly ErrorFields[]): string | undefined {
  return chain
    .map(({ code }) => code)
    .find((code): code is string => typeof code === "string" && /^E[A-Z_]+$/.test(code));
}

/**
 * Where the failed request went: the address and port the error names (`127.0.0.1:4567`), else the
 * client's `endpoint`, which has the port an unknown host's error (a host name alone) lacks.
 */
function whereTo(chain: readonly ErrorFields[], endpoint: string | undefined): string | undefined {
  for (const { address, port, hostname } of chain) {
    if (typeof address === "string" && typeof port === "number") return hostAndPort(address, port);
    if (typeof hostname === "string") return endpoint ?? hostname;
  }
  return endpoint;
}

// A response the SDK could not parse (a proxy's page, a corrupted answer) fails with its raw `$response`
// attached and no `$fault`, which every modeled AWS error has.
function isUnreadableResponse(error: unknown): boolean {
  return typeof error === "object" && error !== null && "$response" in error && !("$fault" in error);
}

function kindOf(
  error: unknown,
  name: string,
  chain: readonly ErrorFields[],
  systemCode?: string,
): AwsFailureKind {
  if (isUnreadableResponse(error)) return "UNREADABLE_RESPONSE";
  const known = KIND_BY_NAME[name];
  if (known) return known;
  if (name === "CredentialsProviderError" || REFUSED_CREDENTIALS.has(name)) return "CREDENTIALS";
  if (systemCode !== undefined && NO_CONNECTION.has(systemCode)) return "UNREACHABLE";
  const message = error instanceof Error ? error.message : "";
  if (name === "TimeoutError" && CONNECT_TIMEOUT.test(message)) return "UNREACHABLE";
  const [top] = chain;
  const status = top?.$metadata?.httpStatusCode;
  const serverFault = top?.$fault === "server" || (typeof status === "number" && status >= 500);
  const throttled = THROTTLING.has(name) || top?.$retryable?.throttling === true;
  if (serverFault || throttled || systemCode !== undefined || name === "TimeoutError") return "TEMPORARY";
  return "OTHER";
}

function reasonOf(
  kind: AwsFailureKind,
  name: string,
  systemCode: string | undefined,
  endpoint: string | undefined,
): string {
  const what = [systemCode, name].filter(Boolean).join(", ");
  switch (kind) {
    case "CREDENTIALS":
      return name === "CredentialsProviderError"
        ? `no AWS credentials found (${name})`
        : `AWS refused the credentials as expired or unknown (${name})`;
    case "UNREACHABLE":
      return `could not connect to ${endpoint ?? "the Secrets Manager endpoint"} (${what})`;
    case "UNREADABLE_RESPONSE":
      return `the response could not be parsed (${name})`;
    default:
      return endpoint && systemCode ? `${what} from ${endpoint}` : what;
  }
}

/**
 * Classifies an SDK failure. `endpoint` is where the client sent the request (`host:port`), named when the
 * error itself does not say.
 */
export function classifyAwsFailure(error: unknown, endpoint?: string): AwsFailure {
  const name = error instanceof Error ? error.name : typeof error;
  const chain = chainOf(error);
  const systemCode = systemCodeOf(chain);
  const kind = kindOf(error, name, chain, systemCode);
  const fromAws = error instanceof Error && "$fault" in error;
  const kept = kind === "UNREADABLE_RESPONSE" ? undefined : fromAws ? withoutBody(error) : error;
  // An AWS error no kind covers rejects the request itself (a client fault): a person must act. Any other
  // failure is this machine's (a network fault we do not know by name), which a later try may not meet.
  const retryable =
    kind === "UNREACHABLE" ||
    kind === "TEMPORARY" ||
    kind === "UNREADABLE_RESPONSE" ||
    (kind === "OTHER" && !fromAws);
  return {
    kind,
    name,
    error: kept,
    retryable,
    reason: reasonOf(kind, name, systemCode, whereTo(chain, endpoint)),
    hint: HINTS[kind],
  };
}
