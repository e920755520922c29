/**
 * What `set` and `unset` share: apply the edit to the current version, refuse an invalid result, write it
 * with the optimistic lock, and report the change as a masked diff.
 */
import type { AwsSession } from "../aws.js";
import type { ExitCode } from "../cli-error.js";
import type { CurrentVersion } from "../current-version.js";
import { maskedDiff } from "../diff.js";
import { applyEdit, type SecretEdit } from "../edit.js";
import type { CliIo } from "../io.js";
import { type PlannedWrite, writeSecret } from "../optimistic-write.js";
import { detectFormat, formatSecret } from "../secret-json.js";
import { refuseInvalidWrite } from "../secret-shape.js";

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

function diffLines(current: CurrentVersion, planned: PlannedWrite): string {
  return maskedDiff(current.document, planned.document)
    .map((line) => `  ${line}\n`)
    .join("");
}

/**
 * Applies one edit to the secret, or only shows it with `dryRun`.
 */
export async function runEdit(
  edit: SecretEdit,
  dryRun: boolean,
  session: AwsSession,
  io: CliIo,
): Promise<ExitCode> {
  const { secretId, region } = session.target;
  const outcome = await writeSecret(session, (current) => plan(current, edit, session), {
    dryRun,
    onConflict: (attempt, maxAttempts) => {
      io.stderr.write(
        `The secret changed while writing (another writer got there first); re-reading and retrying ` +
          `(attempt ${attempt + 1} of ${maxAttempts}).\n`,
      );
    },
  });
  switch (outcome.kind) {
    case "unchanged":
      io.stdout.write(`No change: ${outcome.reason}; nothing written.\n`);
      break;
    case "dry-run":
      io.stdout.write(
        `Dry run: would change secret "${secretId}" in ${region} (version ${outcome.current.versionId}); ` +
          `nothing written.\n${diffLines(outcome.current, outcome.planned)}`,
      );
      break;
    case "written":
      io.stdout.write(
        `Updated secret "${secretId}" in ${region}: version ${outcome.versionId} is now AWSCURRENT.\n` +
          diffLines(outcome.current, outcome.planned),
      );
      break;
  }
  return 0;
}
