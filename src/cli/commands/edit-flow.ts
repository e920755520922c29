/**
 * What `set`, `unset` and `put` share: plan the new value on the current version, refuse an invalid result,
 * ask first where the command is destructive, write it with the optimistic lock, and report the change as a
 * masked diff.
 */
import type { AwsSession } from "../aws.js";
import type { ExitCode } from "../cli-error.js";
import { type CurrentVersion, readCurrentVersion } from "../current-version.js";
import { maskedDiff } from "../diff.js";
import { applyEdit, type SecretEdit } from "../edit.js";
import type { CliIo } from "../io.js";
import { type PlannedWrite, type VersionRead, type WritePlanner, writeSecret } from "../optimistic-write.js";
import { detectFormat, formatSecret } from "../secret-json.js";
import { refuseInvalidWrite } from "../secret-shape.js";
import { skippedRulesNote } from "../target.js";
import { confirmOrStop } from "../terminal.js";

/** One write, as a command describes it. */
export interface WriteRequest<V extends VersionRead> {
  readonly read: () => Promise<V>;
  readonly plan: WritePlanner<V>;
  /** The masked diff from the version read to the planned value, one line per path. */
  readonly diff: (current: V, planned: PlannedWrite) => readonly string[];
  readonly dryRun: boolean;
  /** For a destructive write: the question asked first on a terminal (unless `yes`). */
  readonly confirm?: { readonly question: string; readonly yes: boolean } | undefined;
  /** 1 for a write that must not be redone on another writer's version. */
  readonly maxAttempts?: number;
}

function indented(lines: readonly string[]): string {
  return lines.map((line) => `  ${line}\n`).join("");
}

/** Runs one write and reports it: exit status 0 when written, unchanged, or only shown (`--dry-run`). */
export async function runWrite<V extends VersionRead>(
  request: WriteRequest<V>,
  session: AwsSession,
  io: CliIo,
): Promise<ExitCode> {
  const { secretId, region } = session.target;
  const where = `secret "${secretId}" in ${region}`;
  io.stderr.write(skippedRulesNote(session.target));
  let previewed = false;
  const { confirm } = request;
  const outcome = await writeSecret(session, request.read, request.plan, {
    dryRun: request.dryRun,
    ...(request.maxAttempts === undefined ? {} : { maxAttempts: request.maxAttempts }),
    onConflict: (attempt, maxAttempts) => {
      io.stderr.write(
        `The secret changed while writing (another writer got there first); re-reading and retrying ` +
          `(attempt ${attempt + 1} of ${maxAttempts}).\n`,
      );
    },
    ...(confirm === undefined
      ? {}
      : {
          beforeWrite: async (current: V, planned: PlannedWrite) => {
            previewed = await confirmOrStop(
              io,
              confirm.yes,
              () =>
                `About to change ${where} (version ${current.versionId}):\n` +
                indented(request.diff(current, planned)),
              confirm.question,
            );
          },
        }),
  });
  switch (outcome.kind) {
    case "unchanged":
      io.stdout.write(`No change: ${outcome.reason}; nothing written.\n`);
      break;
    case "dry-run":
      io.stdout.write(
        `Dry run: would change ${where} (version ${outcome.current.versionId}); nothing written.\n` +
          indented(request.diff(outcome.current, outcome.planned)),
      );
      break;
    case "written":
      io.stdout.write(
        `Updated ${where}: version ${outcome.versionId} is now AWSCURRENT.\n` +
          (previewed ? "" : indented(request.diff(outcome.current, outcome.planned))),
      );
      break;
  }
  return 0;
}

function plan(
  current: CurrentVersion,
  edit: SecretEdit,
  session: AwsSession,
): PlannedWrite | { unchanged: string } {
  const result = applyEdit(current.document, edit);
  if (!result.changed) return { unchanged: result.reason };
  const text = formatSecret(result.document, detectFormat(current.text));
  refuseInvalidWrite(current.document, result.document, text, session.target);
  return { document: result.document, text };
}

/**
 * Applies one edit to the secret, or only shows it with `dryRun`. Removing a whole entry asks first on a
 * terminal, unless `yes`.
 */
export function runEdit(
  edit: SecretEdit,
  options: { readonly dryRun: boolean; readonly yes?: boolean },
  session: AwsSession,
  io: CliIo,
): Promise<ExitCode> {
  const { secretId, region } = session.target;
  const removesEntry = edit.action === "unset" && edit.key === undefined;
  return runWrite(
    {
      read: () => readCurrentVersion(session),
      plan: (current) => plan(current, edit, session),
      diff: (current, planned) => maskedDiff(current.document, planned.document),
      dryRun: options.dryRun,
      confirm: removesEntry
        ? {
            question: `Remove the whole entry ${JSON.stringify(edit.entry)} from secret "${secretId}" in ${region}?`,
            yes: options.yes === true,
          }
        : undefined,
    },
    session,
    io,
  );
}
