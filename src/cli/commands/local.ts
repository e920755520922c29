/**
 * `local`: serves the secret from the package's Secrets Manager-compatible endpoint on 127.0.0.1 until
 * Ctrl-C, so workers, their tests and this tool run without AWS. The endpoint is the one the project's own
 * tests use; its fault injection stays a programmatic option for tests and is not offered here.
 */

import { parseSecretArn, type SecretRecord } from "../../local/secret-model.js";
import { type Answer, type LocalSecretsManager, startLocalSecretsManager } from "../../local/server.js";
import { syntaxErrorPosition } from "../../store/json-syntax-error.js";
import { describeValue } from "../../util/describe-value.js";
import type { Invocation } from "../args.js";
import { CliError, type ExitCode } from "../cli-error.js";
import type { CliIo } from "../io.js";
import { INITIAL_SECRET_TEXT, type JsonObject, jsonDepth, MAX_JSON_DEPTH } from "../secret-json.js";
import { findShapeProblems } from "../secret-shape.js";
import { openStateFile, type StateFile } from "../state-file.js";
import { resolveTarget, type SecretTarget } from "../target.js";
import { readTextFile } from "../value-source.js";

type LocalInvocation = Extract<Invocation, { readonly command: "local" }>;

/** The value served without --seed (INITIAL_SECRET_TEXT, as init stores it), as messages show it. */
const INITIAL_VALUE = '{"STARFLEET": {}}';

/** The --seed file's text, refused unless Starfleet could use it as the secret. */
async function readSeed(file: string, io: CliIo, target: SecretTarget): Promise<string> {
  const text = await readTextFile(file, io.cwd, "--seed", "");
  const invalid = (problem: string) =>
    new CliError(
      `--seed ${file} ${problem}. It must hold the secret's value: a JSON object such as ${INITIAL_VALUE}.`,
      {
        exitCode: 2,
        code: "INVALID_SEED",
      },
    );
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw invalid(`is nested ${depth} levels deep; the other commands handle at most ${MAX_JSON_DEPTH}`);
  }
  let document: unknown;
  try {
    // An editor's byte order mark is accepted, as the middleware accepts it in the secret.
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    // V8's message quotes the text: say where the error is instead.
    const position = syntaxErrorPosition(text);
    throw invalid(`is not JSON${position ? ` (the first syntax error is at ${position})` : ""}`);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw invalid(`holds ${describeValue(document)}, not an object`);
  }
  const problems = findShapeProblems(document as JsonObject, { slackEnabled: target.slackEnabled });
  const blocking = problems.find((problem) => problem.blocksWrites);
  if (blocking) throw invalid(`cannot be Starfleet's secret: ${blocking.message}`);
  for (const problem of problems)
    io.stderr.write(`Note: --seed ${file}: ${problem.message}. ${problem.fix}\n`);
  return text;
}

/** The region the endpoint keeps the secret in: a full ARN's own, else the target's. */
function homeRegion(target: SecretTarget): string {
  return parseSecretArn(target.secretId)?.region ?? target.region;
}

function holdsTarget(records: readonly SecretRecord[], target: SecretTarget): boolean {
  const region = homeRegion(target);
  return records.some(
    (record) =>
      parseSecretArn(record.arn)?.region === region &&
      (record.name === target.secretId || record.arn === target.secretId),
  );
}

/** One request, as the log shows it: what was asked, of which secret, signed for which region, and how it went. */
function answerLine({ operation, secretId, region, error }: Answer): string {
  // Request fields are anyone's text: shown quoted (secret ids) or not at all (an operation that is no name).
  const what = /^[A-Za-z]{1,64}$/.test(operation) ? operation : "(unknown operation)";
  const which = secretId === undefined ? "" : ` ${JSON.stringify(secretId.slice(0, 200))}`;
  return `${what}${which} (${region ?? "unsigned"}): ${error ?? "ok"}\n`;
}

async function listen(
  invocation: LocalInvocation,
  target: SecretTarget,
  state: { file: StateFile | undefined; records: SecretRecord[]; seed: string | undefined },
  io: CliIo,
): Promise<LocalSecretsManager> {
  const save = (server: LocalSecretsManager): void => {
    try {
      state.file?.save(server.records());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr.write(
        `Could not save to --persist ${invocation.persist} (${code}); the change is in memory only.\n`,
      );
    }
  };
  const arn = parseSecretArn(target.secretId);
  let started: LocalSecretsManager | undefined;
  try {
    started = await startLocalSecretsManager({
      port: invocation.port,
      region: target.region,
      ...(arn ? { accountId: arn.accountId } : {}),
      records: state.records,
      secrets: state.seed === undefined ? {} : { [target.secretId]: state.seed },
      onAnswered(answer) {
        io.stderr.write(answerLine(answer));
        if (started) save(started);
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EADDRINUSE" && code !== "EACCES") throw error;
    const why =
      code === "EADDRINUSE" ? "another program (another starfleet-secrets local?) is using it" : code;
    throw new CliError(
      `Cannot listen on 127.0.0.1:${invocation.port}: ${why}. Choose another port with --port N, or --port 0 ` +
        "for any free one.",
      { code: "PORT_UNAVAILABLE", cause: error },
    );
  }
  return started;
}

/** What was served, from where, and how to use it; on stderr, so stdout holds the endpoint line alone. */
function describeStart(
  invocation: LocalInvocation,
  target: SecretTarget,
  server: LocalSecretsManager,
  seeded: boolean,
): string {
  const value = !seeded
    ? `as saved in ${invocation.persist}`
    : invocation.seed === undefined
      ? `holding ${INITIAL_VALUE}`
      : `holding ${invocation.seed}`;
  const lines = [
    `Serving secret "${target.secretId}" in ${homeRegion(target)}, ${value}, at ${server.endpoint} (Ctrl-C stops).`,
    "Point the AWS SDK at it with the line on stdout. Clients sign their requests, so they need credentials;",
    "any will do: AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local.",
    invocation.persist === undefined
      ? "Edits are kept in memory until it stops (--persist FILE keeps them)."
      : `Edits are saved to ${invocation.persist}.`,
  ];
  if (homeRegion(target) !== target.region) {
    lines.push(
      `Note: the secret's ARN names ${homeRegion(target)}, not ${target.region}: clients signed for ` +
        `${target.region} will not find it.`,
    );
  }
  if (!seeded && invocation.seed !== undefined) {
    lines.push(
      `Note: --seed ${invocation.seed} was not used: ${invocation.persist} already holds the secret. Delete ` +
        "that file to start again from --seed.",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Runs `local`: serves until SIGINT or SIGTERM, then exits with status 0. */
export async function runLocal(invocation: LocalInvocation, io: CliIo): Promise<ExitCode> {
  const target = resolveTarget(invocation.globals, io.env, io.cwd);
  const file = invocation.persist === undefined ? undefined : openStateFile(invocation.persist, io.cwd);
  const records = file?.load() ?? [];
  const seeded = !holdsTarget(records, target);
  const seed = !seeded
    ? undefined
    : invocation.seed === undefined
      ? INITIAL_SECRET_TEXT
      : await readSeed(invocation.seed, io, target);
  const server = await listen(invocation, target, { file, records, seed }, io);
  try {
    file?.save(server.records());
  } catch (error) {
    await server.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`--persist: cannot write ${invocation.persist} (${code}).`, {
      exitCode: 2,
      code: "FILE",
      cause: error,
    });
  }
  // Listening for Ctrl-C before saying where it serves: a script that stops it as soon as it has read the
  // line must not kill it in between.
  const stopped = io.waitForStop();
  io.stdout.write(`AWS_ENDPOINT_URL_SECRETS_MANAGER=${server.endpoint}\n`);
  io.stderr.write(describeStart(invocation, target, server, seeded));
  const signal = await stopped;
  await server.close();
  io.stderr.write(`Stopped (${signal}).\n`);
  return 0;
}
