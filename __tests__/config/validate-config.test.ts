// What each STARFLEET field's problem says, word for word: what the field must be, what YAML made of the
// value (never the value, except the region and URL texts it quotes to point at the typo) and how to fix
// it, at the field's path and in the file that defined the stanza.
import { describe, expect, it } from "@jest/globals";
import { validateStarfleetConfig } from "../../src/config/validate-config.js";

const FAN_OUT = "https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue";
const MINIMAL = {
  DeploymentRegion: "us-east-2",
  TemplateBucket: "starfleet-templates",
  FanOutQueueUrl: FAN_OUT,
};
const QUOTE_IT = " Put the value in quotes so YAML reads it as text.";
const LEVELS = "CRITICAL, ERROR, WARNING, INFO, DEBUG, NOTSET";

/** The issues for a STARFLEET stanza of `fields` over the minimal valid one, as defined in base.yaml. */
function issuesFor(fields: Record<string, unknown>) {
  const result = validateStarfleetConfig(
    { STARFLEET: { ...MINIMAL, ...fields } },
    new Map([["STARFLEET", "configuration_files/base.yaml"]]),
  );
  return result.valid ? [] : result.issues;
}

function expectIssue(fields: Record<string, unknown>, path: string, message: string): void {
  expect(issuesFor(fields)).toEqual([{ file: "configuration_files/base.yaml", path, message }]);
}

describe("a text field", () => {
  it.each([
    ["DeploymentRegion", 2, "an AWS region name such as us-east-2", `a number.${QUOTE_IT}`],
    [
      "TemplateBucket",
      true,
      "the name of the S3 bucket holding the worker templates",
      `a boolean.${QUOTE_IT}`,
    ],
    [
      "TemplateBucket",
      new Date(0),
      "the name of the S3 bucket holding the worker templates",
      `a date.${QUOTE_IT}`,
    ],
    ["TemplateBucket", ["a", "b"], "the name of the S3 bucket holding the worker templates", "a list."],
    ["TemplateBucket", { Name: "b" }, "the name of the S3 bucket holding the worker templates", "a mapping."],
    ["TemplateBucket", null, "the name of the S3 bucket holding the worker templates", "an empty value."],
    [
      "FanOutQueueUrl",
      5,
      `the https URL of Starfleet's fan-out SQS queue, e.g. ${FAN_OUT}`,
      `a number.${QUOTE_IT}`,
    ],
  ])(
    "%s given %p says what it must be, and to quote a scalar YAML did not read as text",
    (field, value, what, got) => {
      expectIssue({ [field]: value }, `STARFLEET.${field}`, `Must be ${what}, got ${got}`);
    },
  );

  it("may not be blank", () => {
    expectIssue(
      { TemplateBucket: "  " },
      "STARFLEET.TemplateBucket",
      "Must be the name of the S3 bucket holding the worker templates, got an empty string.",
    );
  });

  it("SecretsManager.SecretId says what it must be", () => {
    expectIssue(
      { SecretsManager: { SecretId: 7, SecretRegion: "us-east-2" } },
      "STARFLEET.SecretsManager.SecretId",
      `Must be the name or ARN of the Secrets Manager secret, e.g. Starfleet, got a number.${QUOTE_IT}`,
    );
  });
});

describe("FanOutQueueUrl", () => {
  it("must have its host after https://, whatever follows", () => {
    const url = "https:/sqs.us-east-2.amazonaws.com/1/q?next=https://x.io";
    expectIssue(
      { FanOutQueueUrl: url },
      "STARFLEET.FanOutQueueUrl",
      `${JSON.stringify(url)} has no host after https://. Write it as ${FAN_OUT}.`,
    );
  });

  it("quotes a value of 60 characters whole, and a longer one cut at 60", () => {
    expectIssue(
      { FanOutQueueUrl: "q".repeat(60) },
      "STARFLEET.FanOutQueueUrl",
      `"${"q".repeat(60)}" is not a URL. Set it to the queue's https URL, e.g. ${FAN_OUT}.`,
    );
    expectIssue(
      { FanOutQueueUrl: "q".repeat(61) },
      "STARFLEET.FanOutQueueUrl",
      `"${"q".repeat(60)}..." is not a URL. Set it to the queue's https URL, e.g. ${FAN_OUT}.`,
    );
  });
});

describe("SlackEnabled", () => {
  it.each(["yes", "no", "on", "off", "y", "n", "true", "false", "Yes", "OFF"])(
    "given the text %j, which YAML 1.1 read as a boolean, says to drop the quotes",
    (text) => {
      expectIssue(
        { SlackEnabled: text, SecretsManager: { SecretId: "Starfleet", SecretRegion: "us-east-2" } },
        "STARFLEET.SlackEnabled",
        `Must be a boolean, got a string. Write true or false without quotes: YAML 1.2 reads ${JSON.stringify(text)} as text, not a boolean.`,
      );
    },
  );

  it.each([
    ["enabled", "a string"],
    [1, "a number"],
  ])("given %p says to write true or false", (value, got) => {
    expectIssue(
      { SlackEnabled: value, SecretsManager: { SecretId: "Starfleet", SecretRegion: "us-east-2" } },
      "STARFLEET.SlackEnabled",
      `Must be a boolean, got ${got}. Write true or false.`,
    );
  });
});

describe("LogLevel", () => {
  it.each([
    ["FATAL", "CRITICAL"],
    ["WARN", "WARNING"],
    ["warning", "WARNING"],
    [" debug ", "DEBUG"],
  ])("given %j suggests %s", (value, level) => {
    expectIssue(
      { LogLevel: value },
      "STARFLEET.LogLevel",
      `${JSON.stringify(value)} is not a log level; did you mean ${level}? Use one of ${LEVELS}.`,
    );
  });

  it("given a word that is no level lists the levels", () => {
    expectIssue(
      { LogLevel: "verbose" },
      "STARFLEET.LogLevel",
      `"verbose" is not a log level. Use one of ${LEVELS}.`,
    );
  });

  it("given a number says what it got", () => {
    expectIssue({ LogLevel: 10 }, "STARFLEET.LogLevel", `Must be one of ${LEVELS}, got a number.`);
  });

  it("checks every third-party logger's level, at the logger's own path", () => {
    expect(
      issuesFor({ ThirdPartyLoggerLevels: { botocore: "WARN", "urllib3.connectionpool": "INFO", x: 5 } }),
    ).toEqual([
      {
        file: "configuration_files/base.yaml",
        path: "STARFLEET.ThirdPartyLoggerLevels.botocore",
        message: `"WARN" is not a log level; did you mean WARNING? Use one of ${LEVELS}.`,
      },
      {
        file: "configuration_files/base.yaml",
        path: "STARFLEET.ThirdPartyLoggerLevels.x",
        message: `Must be one of ${LEVELS}, got a number.`,
      },
    ]);
  });
});

describe("the stanza", () => {
  it("missing altogether says what to add and where", () => {
    expect(validateStarfleetConfig({ Worker: {} }, new Map())).toEqual({
      valid: false,
      issues: [
        {
          path: "STARFLEET",
          message:
            "The configuration has no STARFLEET stanza. Add a top-level STARFLEET: mapping with at least " +
            "DeploymentRegion, TemplateBucket and FanOutQueueUrl to one of the YAML files.",
        },
      ],
    });
  });

  it("built in code has issues that name no file", () => {
    const result = validateStarfleetConfig({ STARFLEET: { ...MINIMAL, LogLevel: 10 } }, new Map());

    expect(result.valid).toBe(false);
    const issues = result.valid ? [] : result.issues;
    expect(issues.map((issue) => Object.keys(issue))).toEqual([["path", "message"]]);
  });
});
