/**
 * What makes a parsed secret usable by Starfleet beyond being a JSON object: a `STARFLEET` object, and a
 * Slack token when Slack is enabled. `check` reports these problems; `set`/`unset` refuse to write a
 * result that has them (see {@link refuseInvalidWrite}).
 */
import {
  frameworkProblem,
  type ShapeFinding,
  type ShapeProblemCode,
  slackTokenProblem,
} from "../slack/secret-shape.js";
import { CliError } from "./cli-error.js";
import type { JsonObject } from "./secret-json.js";

export type { ShapeProblemCode };

/** One way the secret falls short. */
export interface ShapeProblem {
  readonly code: ShapeProblemCode;
  /** What is wrong; names paths and kinds, never values. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * Starfleet cannot use a secret with this problem at all, so no write may produce it. Other problems
   * (a Slack token not set yet) only stop a write that introduces them.
   */
  readonly blocksWrites: boolean;
}

/** Options of {@link findShapeProblems}. */
export interface ShapeOptions {
  /** `STARFLEET.SlackEnabled` from the configuration; undefined without one, which skips the Slack rules. */
  readonly slackEnabled: boolean | undefined;
}

const FIXES: Readonly<Record<ShapeProblemCode, string>> = {
  STARFLEET_MISSING:
    "Starfleet needs at least {\"STARFLEET\": {}}: `starfleet-secrets set STARFLEET --json '{}'`.",
  STARFLEET_NOT_AN_OBJECT: "Replace it with an object: `starfleet-secrets set STARFLEET --json '{}'`.",
  SLACK_TOKEN_MISSING: "Set it to the Slack bot token: `starfleet-secrets set STARFLEET SlackToken --stdin`.",
  SLACK_TOKEN_NOT_A_STRING:
    "Set it to the Slack bot token: `starfleet-secrets set STARFLEET SlackToken --stdin`.",
  SLACK_TOKEN_EMPTY: "Set it to the Slack bot token: `starfleet-secrets set STARFLEET SlackToken --stdin`.",
};

function explained({ code, message }: ShapeFinding, blocksWrites: boolean): ShapeProblem {
  const why = code === "SLACK_TOKEN_MISSING" ? ", and Slack is enabled (STARFLEET.SlackEnabled: true)" : "";
  return { code, message: `${message}${why}`, fix: FIXES[code], blocksWrites };
}

/**
 * Every shape problem of a secret document that parsed as a JSON object.
 */
export function findShapeProblems(document: JsonObject, options: ShapeOptions): ShapeProblem[] {
  const framework = frameworkProblem(document);
  if (framework) return [explained(framework, true)];
  const slack = options.slackEnabled ? slackTokenProblem(document.STARFLEET as JsonObject) : undefined;
  return slack === undefined ? [] : [explained(slack, false)];
}

/** Secrets Manager's limit on a SecretString, in bytes. */
export const MAX_SECRET_BYTES = 65_536;

/**
 * Throws when the edited secret must not be written: it is too large for Secrets Manager, Starfleet
 * could not read it, or the edit introduces a problem the secret did not already have. Pre-existing soft
 * problems do not block unrelated edits, so an operator can fill in a new secret one entry at a time.
 * `before` is undefined when the current value is not a secret at all (not JSON): every problem is new.
 */
export function refuseInvalidWrite(
  before: JsonObject | undefined,
  after: JsonObject,
  text: string,
  options: ShapeOptions,
): void {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_SECRET_BYTES) {
    throw new CliError(
      `Refusing to write: the new secret would be ${bytes} bytes, over Secrets Manager's limit of ` +
        `${MAX_SECRET_BYTES}. Nothing was written.`,
      { code: "TOO_LARGE" },
    );
  }
  const existing = new Set(
    before === undefined ? [] : findShapeProblems(before, options).map((problem) => problem.code),
  );
  const introduced = findShapeProblems(after, options).filter(
    (problem) => problem.blocksWrites || !existing.has(problem.code),
  );
  if (introduced.length > 0) {
    const reasons = introduced.map((problem) => problem.message).join("; ");
    throw new CliError(`Refusing to write: after this change, ${reasons}. Nothing was written.`, {
      code: "INVALID_RESULT",
    });
  }
}
