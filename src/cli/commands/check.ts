/**
 * `check`: is everything in place for the workers? The configuration (loading it validates it), the
 * secret's shape, and an entry for each worker named. Reports every problem, not only the first.
 */
import { StarfleetSecretsError, type StarfleetSecretsErrorCode } from "../../errors.js";
import { didYouMean } from "../../util/closest-name.js";
import { formatPath } from "../../util/format-path.js";
import type { AwsSession } from "../aws.js";
import { CliError, type CliErrorCode } from "../cli-error.js";
import { problemOf, readCurrentVersion, repairHint } from "../current-version.js";
import { describeMasked } from "../mask.js";
import { type JsonKind, type JsonObject, jsonKind } from "../secret-json.js";
import { findShapeProblems, type ShapeProblemCode } from "../secret-shape.js";
import type { CommandRunner } from "./context.js";

/** `check --json` output. */
export interface CheckReport {
  readonly ok: boolean;
  readonly secretId: string;
  readonly region: string;
  /** The configuration folder read; null when there was none (the Slack rules were then skipped). */
  readonly configuration: string | null;
  /** Empty when the secret could not be read. */
  readonly entries: readonly { readonly name: string; readonly type: JsonKind }[];
  /** `present: null` when the secret could not be read. */
  readonly workers: readonly { readonly name: string; readonly present: boolean | null }[];
  readonly problems: readonly {
    /** A CLI error's, the library's (the secret could not be parsed), or the secret's shape's. */
    readonly code: CliErrorCode | StarfleetSecretsErrorCode | ShapeProblemCode;
    readonly message: string;
  }[];
}

type Problem = CheckReport["problems"][number];

/** The secret's document, or the problem that kept it from being read. */
async function readDocument(session: AwsSession): Promise<{ document?: JsonObject; problem?: Problem }> {
  try {
    return { document: (await readCurrentVersion(session)).document };
  } catch (error) {
    // Both kinds carry a value-free message and a stable code.
    if (!(error instanceof CliError || error instanceof StarfleetSecretsError)) throw error;
    const problem = problemOf(error);
    return { problem: { ...problem, message: problem.message + repairHint(problem.code) } };
  }
}

function documentProblems(
  document: JsonObject,
  session: AwsSession,
  workers: CheckReport["workers"],
): Problem[] {
  const problems: Problem[] = findShapeProblems(document, session.target).map((problem) => ({
    code: problem.code,
    message: `${problem.message}. ${problem.fix}`,
  }));
  for (const { name } of workers.filter((worker) => worker.present === false)) {
    const hint = didYouMean(name, Object.keys(document));
    problems.push({
      code: "WORKER_MISSING",
      message:
        `the secret has no entry ${JSON.stringify(name)}${hint ? `; ${hint}` : ""}. ` +
        `Add it: \`starfleet-secrets set ${name} ...\`.`,
    });
  }
  return problems;
}

async function buildReport(
  session: AwsSession,
  workerNames: readonly string[],
): Promise<{ report: CheckReport; document: JsonObject | undefined }> {
  const { document, problem } = await readDocument(session);
  const workers = [...new Set(workerNames)].map((name) => ({
    name,
    present: document === undefined ? null : Object.hasOwn(document, name),
  }));
  const problems =
    document === undefined ? [problem as Problem] : documentProblems(document, session, workers);
  const report = {
    ok: problems.length === 0,
    secretId: session.target.secretId,
    region: session.target.region,
    configuration: session.target.configDirectory ?? null,
    entries: Object.entries(document ?? {}).map(([name, value]) => ({ name, type: jsonKind(value) })),
    workers,
    problems,
  };
  return { report, document };
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, detail]) => `  ${name.padEnd(width)}  ${detail}`);
}

function formatReport(report: CheckReport, document: JsonObject | undefined): string {
  const lines = [
    report.configuration === null
      ? "Configuration: none (--secret-id and --region given, no configuration folder): the Slack token rule " +
        "(STARFLEET.SlackEnabled) was not checked"
      : `Configuration: ${report.configuration} (valid)`,
    `Secret: "${report.secretId}" in ${report.region}`,
  ];
  if (document !== undefined) {
    const entries = Object.entries(document);
    lines.push(`Entries (${entries.length}):`);
    if (entries.length > 0) {
      lines.push(...table(entries.map(([name, value]) => [formatPath([name]), describeMasked(value)])));
    }
  }
  if (report.workers.length > 0) {
    lines.push("Workers:");
    lines.push(
      ...table(
        report.workers.map(({ name, present }) => [
          formatPath([name]),
          present === null ? "unknown" : present ? "present" : "MISSING",
        ]),
      ),
    );
  }
  if (report.problems.length > 0) {
    lines.push(`Problems (${report.problems.length}):`);
    lines.push(...report.problems.map(({ code, message }) => `  - [${code}] ${message}`));
  }
  const count = report.problems.length;
  lines.push(report.ok ? "check passed" : `check failed: ${count} ${count === 1 ? "problem" : "problems"}`);
  return `${lines.join("\n")}\n`;
}

/** Runs `check`: exit status 0 when all is well, 1 when any check failed. */
export const runCheck: CommandRunner<"check"> = async (invocation, io, connect) => {
  const session = await connect();
  const { report, document } = await buildReport(session, invocation.workers);
  io.stdout.write(invocation.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, document));
  return report.ok ? 0 : 1;
};
