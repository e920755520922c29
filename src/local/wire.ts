/**
 * The AWS JSON 1.1 wire protocol as Secrets Manager speaks it: `POST /` with `X-Amz-Target:
 * secretsmanager.<Operation>` and a JSON body; errors as a status, `x-amzn-ErrorType` and
 * `{ __type, message }`.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const TARGET_PREFIX = "secretsmanager.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

/** An error Secrets Manager answers with. */
export class ServiceError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What a request asks: the operation, the region it was signed for, the access key id that signed it, and its
 * body (undefined: not JSON).
 */
export interface WireRequest {
  readonly operation: string;
  readonly region: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly body: Record<string, unknown> | undefined;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-2/secretsmanager/aws4_request, ...` → AKID and "us-east-2". */
function signedBy(authorization: string | undefined): { accessKeyId?: string; region?: string } {
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\//.exec(authorization ?? "");
  return match === null ? {} : { accessKeyId: match[1], region: match[2] };
}

/** Reads a request. Signatures are not verified; the signed region and key are what the client meant. */
export function readWireRequest(req: IncomingMessage, raw: Buffer): WireRequest {
  const target = req.headers["x-amz-target"];
  const targetText = typeof target === "string" ? target : "";
  const operation = targetText.startsWith(TARGET_PREFIX)
    ? targetText.slice(TARGET_PREFIX.length)
    : targetText;
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
    body = isPlainObject(parsed) ? parsed : undefined;
  } catch {
    body = undefined;
  }
  const { accessKeyId, region } = signedBy(req.headers.authorization);
  return { operation, region, accessKeyId, body };
}

/** Answers `payload`; `malformed` cuts the body short and appends HTML, as a broken proxy might. */
export function send(
  res: ServerResponse,
  status: number,
  payload: Record<string, unknown>,
  errorType?: string,
  malformed = false,
): void {
  if (res.destroyed || res.headersSent) return;
  const text = malformed ? `${JSON.stringify(payload).slice(0, -1)}<html>` : JSON.stringify(payload);
  const headers: Record<string, string | number> = {
    "Content-Type": CONTENT_TYPE,
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": randomUUID(),
  };
  if (errorType !== undefined) headers["x-amzn-ErrorType"] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

/** Answers an AWS error. */
export function sendError(res: ServerResponse, error: ServiceError): void {
  send(res, error.status, { __type: error.type, message: error.message }, error.type);
}

/** SecretString and SecretBinary of a request. */
export interface SecretValue {
  secretString: string | undefined;
  secretBinary: Uint8Array | undefined;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new ServiceError("SerializationException", `Expected a string for ${field}`);
  }
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === "") {
    const member = field.charAt(0).toLowerCase() + field.slice(1);
    throw new ServiceError(
      "ValidationException",
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function optionalStringList(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ServiceError("SerializationException", `Expected a list of strings for ${field}`);
  }
  return [...new Set(value as string[])];
}

/** SecretString / SecretBinary (base64) of a request; `undefined` when neither is given. */
export function readSecretValue(body: Record<string, unknown>): SecretValue | undefined {
  const secretString = optionalString(body, "SecretString");
  const binaryBase64 = optionalString(body, "SecretBinary");
  if (secretString !== undefined && binaryBase64 !== undefined) {
    throw new ServiceError(
      "InvalidParameterException",
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (secretString === undefined && binaryBase64 === undefined) return undefined;
  return {
    secretString,
    secretBinary:
      binaryBase64 === undefined ? undefined : new Uint8Array(Buffer.from(binaryBase64, "base64")),
  };
}
