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
   * The SDK error, to keep as `cause`; undefined for an unreadable response, whose error quotes the
   * response body, and the body of a GetSecretValue answer is the secret.
   */
  readonly error: unknown;
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
  return { kind: KIND_BY_NAME[name] ?? "OTHER", name, error };
}
