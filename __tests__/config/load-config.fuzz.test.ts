import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { dump } from "js-yaml";
import { loadStarfleetConfig } from "../../src/config/load-config.js";
import { StarfleetConfigError } from "../../src/errors.js";

const VALID_STARFLEET = {
  DeploymentRegion: "us-east-2",
  TemplateBucket: "starfleet-templates",
  FanOutQueueUrl: "https://sqs.us-east-2.amazonaws.com/123456789012/fanout",
};

const KNOWN_FIELDS = new Set([
  "DeploymentRegion",
  "TemplateBucket",
  "FanOutQueueUrl",
  "AccountIndex",
  "ScopeToRegions",
  "SecretsManager",
  "SlackEnabled",
  "LogLevel",
  "ThirdPartyLoggerLevels",
]);

// Pieces of YAML, real and broken, including the risky ones: anchors, aliases, tags, merges, separators.
const YAML_TOKENS = [
  "STARFLEET:",
  "\n",
  "\n  ",
  "  ",
  "- ",
  ": ",
  "DeploymentRegion: ",
  "TemplateBucket: ",
  "FanOutQueueUrl: ",
  "ScopeToRegions: ",
  "SecretsManager: ",
  "SecretId: ",
  "SecretRegion: ",
  "SlackEnabled: ",
  "LogLevel: ",
  "ThirdPartyLoggerLevels: ",
  "us-east-2",
  "us-east2",
  "https://sqs.us-east-2.amazonaws.com/1/q",
  "http://x",
  "true",
  "yes",
  "null",
  "~",
  "42",
  "-0.0",
  ".nan",
  "2024-01-01",
  "[",
  "]",
  "{",
  "}",
  ",",
  "'",
  '"',
  "#",
  "&a ",
  "*a",
  "<<: *a",
  "!!binary aGVsbG8=",
  "!!set ",
  "!!omap ",
  "!!str ",
  "!!int ",
  "!!js/regexp /x/",
  "? ",
  "|",
  ">",
  "---",
  "...",
  "%YAML 1.2",
  "\t",
  "__proto__: ",
  "constructor: ",
  "\uFEFF",
];

const yamlishText = fc.oneof(
  fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 40 }).map((tokens) => tokens.join("")),
  fc.string({ maxLength: 200 }),
);

let tmp: string;
let directory: string;
let file: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "starfleet-config-fuzz-"));
  directory = path.join(tmp, "configuration_files");
  fs.mkdirSync(directory);
  file = path.join(directory, "starfleet.yaml");
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function isDeepFrozen(root: unknown): boolean {
  const seen = new Set<unknown>();
  const pending = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || seen.has(value)) continue;
    if (!Object.isFrozen(value)) return false;
    seen.add(value);
    pending.push(...Object.values(value));
  }
  return true;
}

/** Loads `text` as the only configuration file: a deep-frozen config or a StarfleetConfigError, nothing else. */
function loadOutcome(text: string): "loaded" | "rejected" {
  fs.writeFileSync(file, text);
  try {
    const config = loadStarfleetConfig({ directory });
    expect(isDeepFrozen(config)).toBe(true);
    return "loaded";
  } catch (error) {
    if (!(error instanceof StarfleetConfigError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) expect(typeof issue.message).toBe("string");
    return "rejected";
  }
}

describe("loadStarfleetConfig on arbitrary input", () => {
  it("returns a frozen config or throws StarfleetConfigError for arbitrary YAML-ish text", () => {
    fc.assert(
      fc.property(yamlishText, (text) => {
        loadOutcome(text);
      }),
      { numRuns: 200 },
    );
  });

  it("returns a frozen config or throws StarfleetConfigError for any JSON value dumped as YAML", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        loadOutcome(dump(value));
      }),
      { numRuns: 200 },
    );
  });

  it("validates any JSON values in the STARFLEET fields without crashing", () => {
    const anyStanza = fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(anyStanza, (stanza) => {
        loadOutcome(dump({ STARFLEET: stanza }));
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips a valid STARFLEET stanza with arbitrary extra keys and worker stanzas", () => {
    const extraKey = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !KNOWN_FIELDS.has(key));
    const extras = fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    const workers = fc.dictionary(
      extraKey.filter((key) => key !== "STARFLEET"),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 3 },
    );
    fc.assert(
      fc.property(extras, workers, (extra, workerStanzas) => {
        const stanza = { ...extra, ...VALID_STARFLEET };
        fs.writeFileSync(file, dump({ ...workerStanzas, STARFLEET: stanza }));

        const config = loadStarfleetConfig({ directory });

        expect(config.STARFLEET).toEqual({
          ...stanza,
          AccountIndex: "StarfleetDefaultAccountIndex",
          ScopeToRegions: [],
          SlackEnabled: false,
          LogLevel: "INFO",
        });
        for (const [name, value] of Object.entries(workerStanzas)) expect(config[name]).toEqual(value);
        expect(isDeepFrozen(config)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
