/**
 * What an AWS SDK failure means, decided in one place for the middleware, getSlackToken() and the CLI,
 * which each word it for their readers.
 */

/** The failures callers treat differently. */
export type AwsFailureKind =
  | "NOT_FOUND"
  | "ACCESS_DENIED"
  | "DECRYPTION_FAILED"
  | "NO_CREDENTIALS"
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
  CredentialsProviderError: "NO_CREDENTIALS",
};

// A response the SDK could not parse (a proxy's page, a corrupted answer) fails with its raw `$response`
// attached and no `$fault`, which every modeled AWS error has.
function isUnreadableResponse(error: unknown): boolean {
  return typeof error === "object" && error !== null && "$response" in error && !("$fault" in error);
}

/** Classifies an SDK failure. */
export function classifyAwsFailure(error: unknown): AwsFailure {
  const name = error instanceof Error ? error.name : typeof error;
  if (isUnreadableResponse(error)) return { kind: "UNREADABLE_RESPONSE", name, error: undefined };
  const fromAws = error instanceof Error && "$fault" in error;
  return { kind: KIND_BY_NAME[name] ?? "OTHER", name, error: fromAws ? withoutBody(error) : error };
}
