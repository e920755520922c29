// Every StarfleetSecretsError code's message, word for word: what went wrong, where (secret, region,
// worker) and how to fix it. The README's errors table quotes these; a message that lost a sentence, or the
// reason or hint the failure carried, would leave an operator guessing.
import { describe, expect, it } from "@jest/globals";
// Internal: the code the store's and the prefetch's log lines give.
import { errorCodeOf } from "../src/errors.js";
import {
  STARFLEET_SECRETS_ERROR_CODES,
  StarfleetConfigError,
  StarfleetSecretsError,
  type StarfleetSecretsErrorCode,
} from "../src/index.js";

const where = { secretId: "Starfleet", region: "us-east-2", workerName: "GitHubSyncWorker" };
const SECRET = 'secret "Starfleet" in us-east-2';

const expected: Record<StarfleetSecretsErrorCode, string> = {
  NOT_CONFIGURED:
    'Worker "GitHubSyncWorker" needs secrets, but Starfleet\'s Secrets Manager is not configured: ' +
    "STARFLEET.SecretsManager is missing from the configuration. Add it to a file in configuration_files:\n\n" +
    "STARFLEET:\n  SecretsManager:\n    SecretId: Starfleet      # the secret's name\n" +
    "    SecretRegion: us-east-2  # the region it lives in\n",
  NOT_FOUND:
    `Secrets Manager has no ${SECRET} (ResourceNotFoundException). Check STARFLEET.SecretsManager.SecretId ` +
    'and SecretRegion, or create the secret with the value {"STARFLEET": {}} (`starfleet-secrets init`).',
  ACCESS_DENIED:
    `Access denied reading ${SECRET} (AccessDeniedException). Grant the Lambda function's role ` +
    "secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-2:ACCOUNT:secret:Starfleet-?????? " +
    "(`starfleet-secrets policy` prints the policy).",
  DECRYPTION_FAILED:
    `Secrets Manager could not decrypt ${SECRET} with its KMS key (DecryptionFailure). Grant the Lambda ` +
    "function's role kms:Decrypt on the secret's customer-managed key, and check that the key is enabled.",
  NOT_JSON:
    `The value of ${SECRET} is not valid JSON (the first syntax error is at line 1, column 2). Starfleet ` +
    'needs a JSON object such as {"STARFLEET": {}, "WorkerName": ...}; fix the value ' +
    "(`starfleet-secrets check` validates it).",
  NOT_AN_OBJECT:
    `The value of ${SECRET} is JSON but not an object (found an array). Starfleet needs a JSON object with a ` +
    '"STARFLEET" entry and one entry per worker.',
  BINARY_SECRET:
    `The ${SECRET} holds a binary value (SecretBinary) and no SecretString. Starfleet needs the secret ` +
    "stored as a JSON string.",
  WORKER_MISSING:
    `The ${SECRET} has no entry for worker "GitHubSyncWorker"; did you mean "GithubSyncWorker"?. Add a ` +
    '"GitHubSyncWorker" key to the secret\'s JSON (`starfleet-secrets set GitHubSyncWorker ...`), or check the ' +
    "workerName option / STARFLEET_WORKER_NAME.",
  ENTRY_INVALID:
    `The entry "GitHubSyncWorker" of ${SECRET} does not match the worker's schema (zod). Fix the entry ` +
    "(`starfleet-secrets set GitHubSyncWorker ...`; `starfleet-secrets show GitHubSyncWorker` shows its shape " +
    "without values) or the schema.\n  - db.port: Expected number\n  - (the entry): Unrecognized key",
  CREDENTIALS: `Could not read ${SECRET}: the SDK found no AWS credentials. Give the function an execution role.`,
  FETCH_FAILED: `Could not fetch ${SECRET} (ThrottlingException). Try again later.`,
  SLACK_NOT_ENABLED:
    "Slack is not enabled: set STARFLEET.SlackEnabled: true (with STARFLEET.SecretsManager configured) to use " +
    "Starfleet's Slack alerts.",
  SLACK_TOKEN_MISSING:
    `The ${SECRET} has no Slack token (STARFLEET.SlackToken is missing). Set STARFLEET.SlackToken in the ` +
    "secret to the bot token (`starfleet-secrets set STARFLEET SlackToken --stdin`).",
};

const details: Partial<Record<StarfleetSecretsErrorCode, object>> = {
  NOT_FOUND: { reason: "ResourceNotFoundException" },
  ACCESS_DENIED: { reason: "AccessDeniedException" },
  DECRYPTION_FAILED: { reason: "DecryptionFailure" },
  NOT_JSON: { reason: "the first syntax error is at line 1, column 2" },
  NOT_AN_OBJECT: { reason: "found an array" },
  WORKER_MISSING: { hint: 'did you mean "GithubSyncWorker"?' },
  ENTRY_INVALID: { reason: "zod", issues: ["db.port: Expected number", "(the entry): Unrecognized key"] },
  CREDENTIALS: { reason: "the SDK found no AWS credentials", hint: "Give the function an execution role." },
  FETCH_FAILED: { reason: "ThrottlingException", hint: "Try again later." },
  SLACK_TOKEN_MISSING: { reason: "STARFLEET.SlackToken is missing" },
};

describe("StarfleetSecretsError messages", () => {
  it.each(STARFLEET_SECRETS_ERROR_CODES.map((code) => [code]))(
    "%s says what, where and how to fix",
    (code) => {
      const error = new StarfleetSecretsError(code, { ...where, ...details[code] });

      expect(error.message).toBe(`[${code}] ${expected[code]}`);
    },
  );

  it("say so where the secret is not configured, and leave out the parts a failure did not carry", () => {
    expect(new StarfleetSecretsError("NOT_CONFIGURED").message).toBe(
      "[NOT_CONFIGURED] Starfleet's Secrets Manager is not configured: STARFLEET.SecretsManager is missing " +
        "from the configuration. Add it to a file in configuration_files:\n\nSTARFLEET:\n  SecretsManager:\n" +
        "    SecretId: Starfleet      # the secret's name\n    SecretRegion: us-east-2  # the region it lives in\n",
    );
    expect(new StarfleetSecretsError("FETCH_FAILED").message).toBe(
      '[FETCH_FAILED] Could not fetch secret "(not configured)" in (not configured).',
    );
    expect(new StarfleetSecretsError("CREDENTIALS", where).message).toBe(
      `[CREDENTIALS] Could not read ${SECRET}: no usable AWS credentials.`,
    );
    expect(new StarfleetSecretsError("WORKER_MISSING", where).message).toContain(
      'has no entry for worker "GitHubSyncWorker". Add a',
    );
    expect(new StarfleetSecretsError("ENTRY_INVALID", { ...where, reason: "zod" }).message).toMatch(
      / or the schema\.$/,
    );
  });

  it("keep where it happened as fields, unset where not known", () => {
    const error = new StarfleetSecretsError("NOT_FOUND", where);
    expect([error.secretId, error.region, error.workerName]).toEqual([
      "Starfleet",
      "us-east-2",
      "GitHubSyncWorker",
    ]);
    const bare = new StarfleetSecretsError("SLACK_NOT_ENABLED");
    expect([bare.secretId, bare.region, bare.workerName]).toEqual([undefined, undefined, undefined]);
  });

  it("keep a cause only when the failure had one", () => {
    const cause = new Error("socket hang up");
    expect(new StarfleetSecretsError("FETCH_FAILED", { ...where, cause }).cause).toBe(cause);
    expect("cause" in new StarfleetSecretsError("FETCH_FAILED", where)).toBe(false);
  });

  it("take retryable from the failure when it says, else from the code", () => {
    expect(new StarfleetSecretsError("FETCH_FAILED", { ...where, retryable: false }).retryable).toBe(false);
    expect(new StarfleetSecretsError("ACCESS_DENIED", { ...where, retryable: true }).retryable).toBe(true);
    expect(new StarfleetSecretsError("FETCH_FAILED", where).retryable).toBe(true);
    expect(new StarfleetSecretsError("ACCESS_DENIED", where).retryable).toBe(false);
  });
});

describe("log lines about a failed fetch", () => {
  it("give the failure's code, and FETCH_FAILED for anything thrown that is not ours", () => {
    expect(errorCodeOf(new StarfleetSecretsError("ACCESS_DENIED", where))).toBe("ACCESS_DENIED");
    expect(errorCodeOf(new TypeError("x is undefined"))).toBe("FETCH_FAILED");
    expect(errorCodeOf("thrown text")).toBe("FETCH_FAILED");
  });
});

describe("StarfleetConfigError's message", () => {
  it("lists every problem on its own line, each with its file and YAML path, under a heading naming the folder", () => {
    const error = new StarfleetConfigError(
      [
        {
          file: "/task/configuration_files/starfleet.yaml",
          path: "STARFLEET.SecretsManager",
          message: "Add SecretId.",
        },
        { file: "/task/configuration_files/workers.yaml", path: "", message: "Not a mapping." },
        { file: "", path: "", message: "No files." },
      ],
      "/task/configuration_files",
    );

    expect(error.message).toBe(
      "Invalid Starfleet configuration (3 problems) in /task/configuration_files:\n" +
        "  - /task/configuration_files/starfleet.yaml: STARFLEET.SecretsManager: Add SecretId.\n" +
        "  - /task/configuration_files/workers.yaml: Not a mapping.\n" +
        "  - No files.",
    );
  });

  it("has a plain heading for one problem found without a folder", () => {
    const error = new StarfleetConfigError([{ file: "", path: "STARFLEET.LogLevel", message: "Use INFO." }]);

    expect(error.message).toBe("Invalid Starfleet configuration:\n  - STARFLEET.LogLevel: Use INFO.");
  });
});
