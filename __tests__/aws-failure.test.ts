// What each AWS SDK failure is taken for, by name: which kind (and so which error code and whether a retry
// can help), what of the SDK's error may be kept and printed, and the hint an operator gets. Errors are
// built as the SDK and Node build them.
import { SecretsManagerServiceException } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "@jest/globals";
import { classifyAwsFailure } from "../src/aws/aws-failure.js";

function awsError(name: string, $fault: "client" | "server" = "client", httpStatusCode = 400) {
  return new SecretsManagerServiceException({
    name,
    $fault,
    message: `${name}: what AWS says of the call`,
    $metadata: { httpStatusCode, requestId: "req-1" },
  });
}

function systemError(code: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${code} from the socket`), { code, ...fields });
}

const CREDENTIALS_HINT =
  "On Lambda, the credentials are the function's execution role: check that the function has one and that " +
  "no AWS_ACCESS_KEY_ID in its environment overrides it. On a workstation, set AWS_PROFILE to a profile " +
  "that has credentials, or run `aws sso login` when its SSO session has expired.";
const NO_CONNECTION_HINT =
  "Check that the endpoint is right (AWS_ENDPOINT_URL_SECRETS_MANAGER, awsClientOptions.endpoint) and " +
  "reachable from where this runs: a Lambda function in a VPC reaches Secrets Manager only through a Secrets " +
  "Manager VPC endpoint or a NAT gateway.";
const TEMPORARY_HINT =
  "This is usually temporary (throttling, a server fault, a dropped connection or a timeout); trying " +
  "again later should succeed. If it persists, check the network path to Secrets Manager.";

describe("an AWS error's message", () => {
  it.each([
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
  ])("is kept for %s, an error whose message AWS writes", (name) => {
    const { error } = classifyAwsFailure(awsError(name));

    expect(error).toMatchObject({ name, message: `${name}: what AWS says of the call` });
  });

  it("is withheld for any other name, with everything else the response carried", () => {
    const fromProxy = Object.assign(awsError("BadGateway", "server", 502), { SecretString: "s3cr3t-value" });

    const { error } = classifyAwsFailure(fromProxy);

    expect(error).toBeInstanceOf(Error);
    expect({ ...(error as object), message: (error as Error).message }).toEqual({
      name: "BadGateway",
      message: "(the response's message is not shown: it did not come from a known AWS error)",
      $fault: "server",
      $metadata: { httpStatusCode: 502, requestId: "req-1" },
    });
  });
});

describe("the kind of failure", () => {
  it.each([
    ["ResourceNotFoundException", "NOT_FOUND"],
    ["AccessDeniedException", "ACCESS_DENIED"],
    ["DecryptionFailure", "DECRYPTION_FAILED"],
  ])("%s is %s, which the error code explains: no hint, no retry", (name, kind) => {
    expect(classifyAwsFailure(awsError(name))).toMatchObject({
      kind,
      retryable: false,
      hint: "",
      reason: name,
    });
  });

  it.each([
    "ExpiredTokenException",
    "ExpiredToken",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
  ])("%s is AWS refusing the credentials", (name) => {
    expect(classifyAwsFailure(awsError(name))).toEqual({
      kind: "CREDENTIALS",
      name,
      error: expect.any(Error),
      retryable: false,
      reason: `AWS refused the credentials as expired or unknown (${name})`,
      hint: CREDENTIALS_HINT,
    });
  });

  it("no credentials found is CREDENTIALS too, saying so", () => {
    const missing = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    expect(classifyAwsFailure(missing)).toMatchObject({
      kind: "CREDENTIALS",
      retryable: false,
      reason: "no AWS credentials found (CredentialsProviderError)",
      hint: CREDENTIALS_HINT,
    });
  });

  it.each(["ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"])(
    "%s is throttling: temporary",
    (name) => {
      expect(classifyAwsFailure(awsError(name))).toMatchObject({
        kind: "TEMPORARY",
        retryable: true,
        reason: name,
        hint: TEMPORARY_HINT,
      });
    },
  );

  it("an error the SDK marks as throttling is temporary whatever its name", () => {
    const throttled = Object.assign(awsError("SlowDown"), { $retryable: { throttling: true } });
    expect(classifyAwsFailure(throttled)).toMatchObject({ kind: "TEMPORARY", retryable: true });
    const retryableOnly = Object.assign(awsError("SlowDown"), { $retryable: { throttling: false } });
    expect(classifyAwsFailure(retryableOnly)).toMatchObject({ kind: "OTHER", retryable: false });
  });

  it.each([
    ["a server fault", awsError("ServiceUnavailable", "server", 503)],
    [
      "an HTTP 500 without a fault",
      Object.assign(new Error("bad gateway"), { $metadata: { httpStatusCode: 500 } }),
    ],
  ])("%s is temporary", (_case, error) => {
    expect(classifyAwsFailure(error)).toMatchObject({ kind: "TEMPORARY", retryable: true });
  });

  it("an HTTP 499 client fault is the request's own problem: a person must act", () => {
    expect(classifyAwsFailure(awsError("RequestCanceled", "client", 499))).toMatchObject({
      kind: "OTHER",
      retryable: false,
      hint: "",
    });
  });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"])(
    "%s is a connection that could not be set up",
    (code) => {
      expect(classifyAwsFailure(systemError(code), "vpce.example:443")).toEqual({
        kind: "UNREACHABLE",
        name: "Error",
        error: expect.any(Error),
        retryable: true,
        reason: `could not connect to vpce.example:443 (${code}, Error)`,
        hint: NO_CONNECTION_HINT,
      });
    },
  );

  it("a connection that broke is temporary, and names where it went", () => {
    expect(classifyAwsFailure(systemError("ECONNRESET"), "vpce.example:443")).toMatchObject({
      kind: "TEMPORARY",
      retryable: true,
      reason: "ECONNRESET, Error from vpce.example:443",
      hint: TEMPORARY_HINT,
    });
  });

  it("a connect timeout could not connect; any other timeout is temporary", () => {
    const connect = Object.assign(
      new Error("the request socket did not establish a connection with the server within 1000 ms"),
      { name: "TimeoutError" },
    );
    const request = Object.assign(new Error("a request has exceeded the 3000 ms requestTimeout"), {
      name: "TimeoutError",
    });
    expect(classifyAwsFailure(connect)).toMatchObject({
      kind: "UNREACHABLE",
      reason: "could not connect to the Secrets Manager endpoint (TimeoutError)",
    });
    expect(classifyAwsFailure(request)).toMatchObject({ kind: "TEMPORARY", reason: "TimeoutError" });
  });

  it("a response the SDK could not parse keeps nothing of the error, whose message quotes the body", () => {
    const unparsable = Object.assign(new SyntaxError("Unexpected token < in JSON: <html>s3cr3t"), {
      $response: { statusCode: 200, body: "<html>s3cr3t" },
    });

    expect(classifyAwsFailure(unparsable)).toEqual({
      kind: "UNREADABLE_RESPONSE",
      name: "SyntaxError",
      error: undefined,
      retryable: true,
      reason: "the response could not be parsed (SyntaxError)",
      hint:
        "Its text is not shown, as it may hold the secret. Try again; if it persists, check any proxy between " +
        "you and Secrets Manager.",
    });
  });

  it("a modeled AWS error with a raw response attached is still that error", () => {
    const modeled = Object.assign(awsError("ResourceNotFoundException"), { $response: { statusCode: 400 } });
    expect(classifyAwsFailure(modeled)).toMatchObject({ kind: "NOT_FOUND" });
  });

  it("something thrown that is not an error is this machine's fault: kept, named by its type", () => {
    expect(classifyAwsFailure("socket closed")).toEqual({
      kind: "OTHER",
      name: "string",
      error: "socket closed",
      retryable: true,
      reason: "string",
      hint: "",
    });
    expect(classifyAwsFailure(undefined)).toMatchObject({ kind: "OTHER", name: "undefined" });
    // A client double may reject with null, which has no cause chain to read.
    expect(classifyAwsFailure(null)).toMatchObject({ kind: "OTHER", retryable: true });
  });
});

describe("where the failed request went", () => {
  it("is the address and port the error names, else the client's endpoint", () => {
    const refused = systemError("ECONNREFUSED", { address: "10.0.0.7", port: 443 });
    expect(classifyAwsFailure(refused, "vpce.example:443").reason).toBe(
      "could not connect to 10.0.0.7:443 (ECONNREFUSED, Error)",
    );
    const addressOnly = systemError("EHOSTUNREACH", { address: "10.0.0.7" });
    expect(classifyAwsFailure(addressOnly, "vpce.example:443").reason).toBe(
      "could not connect to vpce.example:443 (EHOSTUNREACH, Error)",
    );
  });

  it("is found in the cause chain, and a chain that loops back ends", () => {
    const inner = systemError("ECONNREFUSED", { address: "10.0.0.7", port: 8443 });
    const outer = new Error("socket hang up", { cause: inner });
    expect(classifyAwsFailure(outer).reason).toBe("could not connect to 10.0.0.7:8443 (ECONNREFUSED, Error)");

    const looping = new Error("socket hang up");
    Object.assign(looping, { cause: looping });
    expect(classifyAwsFailure(looping)).toMatchObject({ kind: "OTHER", reason: "Error" });
  });
});
