/**
 * What Starfleet itself needs of the shared secret: a `STARFLEET` object, and in it a Slack token when Slack
 * is enabled. getSlackToken() fails on these problems; the CLI's `check` reports them and its writes refuse
 * to introduce them. Messages name paths and kinds, never values.
 */
import { describeValue } from "../util/describe-value.js";
import { isPlainObject } from "../util/is-plain-object.js";

/** The ways the secret's shape can fall short. */
export type ShapeProblemCode =
  | "STARFLEET_MISSING"
  | "STARFLEET_NOT_AN_OBJECT"
  | "SLACK_TOKEN_MISSING"
  | "SLACK_TOKEN_NOT_A_STRING"
  | "SLACK_TOKEN_EMPTY";

/** One way the secret falls short. */
export interface ShapeFinding {
  readonly code: ShapeProblemCode;
  readonly message: string;
}

/** The problem with the secret's `STARFLEET` entry, if any. */
export function frameworkProblem(document: Readonly<Record<string, unknown>>): ShapeFinding | undefined {
  if (!Object.hasOwn(document, "STARFLEET")) {
    return { code: "STARFLEET_MISSING", message: 'the secret has no "STARFLEET" entry' };
  }
  const framework = document.STARFLEET;
  if (isPlainObject(framework)) return undefined;
  return {
    code: "STARFLEET_NOT_AN_OBJECT",
    message: `"STARFLEET" is ${describeValue(framework)}, not an object`,
  };
}

/** The problem with `STARFLEET.SlackToken`, if any, in a `STARFLEET` object. */
export function slackTokenProblem(framework: Readonly<Record<string, unknown>>): ShapeFinding | undefined {
  const token = Object.hasOwn(framework, "SlackToken") ? framework.SlackToken : undefined;
  if (token === undefined) return { code: "SLACK_TOKEN_MISSING", message: "STARFLEET.SlackToken is missing" };
  if (typeof token !== "string") {
    return {
      code: "SLACK_TOKEN_NOT_A_STRING",
      message: `STARFLEET.SlackToken is ${describeValue(token)}, not a string`,
    };
  }
  if (token.trim() === "") return { code: "SLACK_TOKEN_EMPTY", message: "STARFLEET.SlackToken is empty" };
  return undefined;
}
