/**
 * The AWS errors a test can make the fake client throw, built as the AWS SDK builds them from Secrets
 * Manager's answers (name, message, `$fault` and `$metadata` with the HTTP status), so the middleware
 * classifies them exactly as real ones: a throttle is retryable, a denial is not.
 */
import { randomUUID } from "node:crypto";

/**
 * The name of an AWS error `GetSecretValue` can fail with, for {@link TestSecrets.failNext}.
 *
 * @example
 * ```ts
 * const outage: TestAwsErrorName = "ServiceUnavailable";
 * fake.failNext(outage);
 * ```
 */
export type TestAwsErrorName =
  | "ResourceNotFoundException"
  | "AccessDeniedException"
  | "DecryptionFailure"
  | "InvalidRequestException"
  | "InvalidParameterException"
  | "ThrottlingException"
  | "ExpiredTokenException"
  | "UnrecognizedClientException"
  | "InvalidSignatureException"
  | "InternalServiceError"
  | "InternalFailure"
  | "ServiceUnavailable";

/** How Secrets Manager answers each error: the HTTP status, and its own message. */
const ANSWERS: Readonly<Record<TestAwsErrorName, readonly [number, string]>> = {
  ResourceNotFoundException: [400, "Secrets Manager can't find the specified secret."],
  AccessDeniedException: [
    400,
    "User: arn:aws:sts::123456789012:assumed-role/starfleet-worker/test is not authorized to perform: " +
      "secretsmanager:GetSecretValue because no identity-based policy allows the secretsmanager:GetSecretValue action",
  ],
  DecryptionFailure: [
    400,
    "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
  ],
  InvalidRequestException: [
    400,
    "You can't perform this operation on the secret because it was marked for deletion.",
  ],
  InvalidParameterException: [400, "The parameter name or value is invalid."],
  ThrottlingException: [400, "Rate exceeded"],
  ExpiredTokenException: [400, "The security token included in the request is expired"],
  UnrecognizedClientException: [400, "The security token included in the request is invalid."],
  InvalidSignatureException: [
    400,
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret " +
      "Access Key and signing method.",
  ],
  InternalServiceError: [500, "An error occurred on the server side."],
  InternalFailure: [
    500,
    "The request processing has failed because of an unknown error, exception or failure.",
  ],
  ServiceUnavailable: [503, "The request has failed due to a temporary failure of the server."],
};

/** Every {@link TestAwsErrorName}. */
export const TEST_AWS_ERROR_NAMES = Object.freeze(Object.keys(ANSWERS)) as readonly TestAwsErrorName[];

/** Whether `name` is a {@link TestAwsErrorName}. */
export function isTestAwsErrorName(name: unknown): name is TestAwsErrorName {
  return typeof name === "string" && Object.hasOwn(ANSWERS, name);
}

/** An error as the AWS SDK throws it for an answer `status` with `name` and `message`. */
export function sdkServiceError(name: string, message: string, status: number): Error {
  const error = new Error(message);
  // The SDK copies the answer's fields onto the error, message included, so all of them are enumerable.
  Object.defineProperty(error, "message", { enumerable: true });
  return Object.assign(error, {
    name,
    // What the SDK sets: "server" for Secrets Manager's one server error (a 500) and any other 5xx answer.
    $fault: status >= 500 ? "server" : "client",
    $retryable: undefined,
    $metadata: { httpStatusCode: status, requestId: randomUUID(), attempts: 1, totalRetryDelay: 0 },
    __type: name,
  });
}

/** The error the SDK throws when Secrets Manager answers `name`. */
export function awsErrorNamed(name: TestAwsErrorName): Error {
  const [status, message] = ANSWERS[name];
  return sdkServiceError(name, message, status);
}
