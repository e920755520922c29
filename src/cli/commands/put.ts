/**
 * `put (--from-file FILE | --stdin) [--dry-run] [--yes]`: replaces the whole value. It reads the current
 * version without requiring it to be a usable secret, so it repairs one that is not JSON. A conflict stops it
 * rather than redoing it: redone on another writer's version, it would overwrite their edit.
 */
import { syntaxErrorPosition } from "../../store/json-syntax-error.js";
import { describeValue } from "../../util/describe-value.js";
import { CliError } from "../cli-error.js";
import { CURRENT, readVersion } from "../current-version.js";
import { maskedDiffFrom } from "../diff.js";
import type { PlannedWrite } from "../optimistic-write.js";
import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
  jsonDepth,
  MAX_JSON_DEPTH,
  parseJson,
} from "../secret-json.js";
import { refuseInvalidWrite } from "../secret-shape.js";
import { readValueText } from "../value-source.js";
import type { CommandRunner } from "./context.js";
import { runWrite } from "./edit-flow.js";

function invalidValue(what: string, problem: string): CliError {
  return new CliError(`${what} ${problem}; nothing was sent to AWS.`, { exitCode: 2, code: "INVALID_VALUE" });
}

/**
 * The new value: a JSON object, stored as given (without a byte order mark). Parse errors never show the
 * parser's message, which quotes the input: the line and column of the first syntax error instead.
 */
function parseGiven(given: string, what: string): PlannedWrite {
  const text = given.charCodeAt(0) === 0xfeff ? given.slice(1) : given;
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw invalidValue(
      what,
      `is nested ${depth} levels deep; starfleet-secrets writes at most ${MAX_JSON_DEPTH}`,
    );
  }
  let parsed: JsonValue;
  try {
    parsed = parseJson(text);
  } catch {
    const position = syntaxErrorPosition(text);
    throw invalidValue(
      what,
      `is not valid JSON${position ? ` (the first syntax error is at ${position})` : ""}`,
    );
  }
  if (!isJsonObject(parsed)) {
    throw invalidValue(
      what,
      `is ${describeValue(parsed)}, not a JSON object: the secret is one object, {"STARFLEET": {...}, "WorkerName": ...}`,
    );
  }
  return { document: parsed as JsonObject, text };
}

/** Runs `put`. The value is read and checked first, so a file that is not JSON fails before any AWS call. */
export const runPut: CommandRunner<"put"> = async (invocation, io, connect) => {
  const { source } = invocation;
  const what = source.kind === "file" ? `--from-file ${source.path}` : "stdin";
  const planned = parseGiven(await readValueText(source, io), what);
  const session = await connect();
  const { secretId, region } = session.target;
  return runWrite(
    {
      read: () => readVersion(session, { stage: CURRENT }),
      plan: ({ content }) => {
        if (content.ok && content.text === planned.text)
          return { unchanged: "the secret already has this value" };
        refuseInvalidWrite(
          content.ok ? content.document : undefined,
          planned.document,
          planned.text,
          session.target,
        );
        return planned;
      },
      diff: ({ content }) => maskedDiffFrom(content, planned.document),
      dryRun: invocation.dryRun,
      confirm: {
        question: `Replace the whole value of secret "${secretId}" in ${region}?`,
        yes: invocation.yes,
      },
      maxAttempts: 1,
    },
    session,
    io,
  );
};
