/**
 * `rollback [--to VERSION] [--dry-run] [--yes]`: makes an existing version `AWSCURRENT` again, the one labelled
 * `AWSPREVIOUS` by default. The move names the version read as current, so another edit landing meanwhile
 * makes AWS refuse it, and rollback stops: retrying would undo that edit, which is not what was asked.
 */

import type { AwsSession } from "../aws.js";
import { CliError } from "../cli-error.js";
import { CURRENT, problemOf, readVersion, type StoredVersion } from "../current-version.js";
import { maskedDiffFrom } from "../diff.js";
import { moveCurrent } from "../optimistic-write.js";
import type { JsonObject } from "../secret-json.js";
import { refuseInvalidWrite } from "../secret-shape.js";
import { skippedRulesNote } from "../target.js";
import { confirmOrStop } from "../terminal.js";
import type { CommandRunner } from "./context.js";

const PREVIOUS = "AWSPREVIOUS";

/** The version to roll back to: `--to`, else the one labelled `AWSPREVIOUS`. */
async function readTarget(session: AwsSession, to: string | undefined): Promise<StoredVersion> {
  const { secretId, region } = session.target;
  try {
    return await readVersion(session, to === undefined ? { stage: PREVIOUS } : { versionId: to });
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== "NOT_FOUND") throw error;
    throw new CliError(
      to === undefined
        ? `Secret "${secretId}" in ${region} has no version labelled ${PREVIOUS} (it has had one value only), so ` +
            "there is nothing to roll back to. `starfleet-secrets history` lists its versions."
        : `Secret "${secretId}" in ${region} has no version ${to} (Secrets Manager deletes old versions without ` +
            "a label). `starfleet-secrets history` lists the versions there are.",
      { code: "VERSION_NOT_FOUND" },
    );
  }
}

/** The target's document; refuses a target workers could not use, by the rules of every write. */
function usableDocument(session: AwsSession, current: StoredVersion, target: StoredVersion): JsonObject {
  const { content } = target;
  if (!content.ok) {
    const { code, message } = problemOf(content.error);
    throw new CliError(
      `Refusing to roll back to version ${target.versionId}: it is not a usable secret (${code}): ` +
        `${message} Nothing was changed. Choose another version (\`starfleet-secrets history\`), or replace the ` +
        "value with `starfleet-secrets put --from-file FILE`.",
      { code: "INVALID_RESULT" },
    );
  }
  refuseInvalidWrite(
    current.content.ok ? current.content.document : undefined,
    content.document,
    content.text,
    session.target,
  );
  return content.document;
}

/** Another edit became current after rollback read the secret: stopping keeps it. */
function changedAfterRead(): CliError {
  return new CliError(
    `The secret changed after rollback read it: another edit became AWSCURRENT first. Nothing was changed, ` +
      "and that edit is kept; look at `starfleet-secrets history`, then roll back again if it is still wanted.",
    { code: "CONFLICT" },
  );
}

function labelsOf(version: StoredVersion): string {
  return version.stages.length === 0 ? "no label" : version.stages.join(", ");
}

/** Runs `rollback`: exit status 0 when the version is current (or would be, with `--dry-run`). */
export const runRollback: CommandRunner<"rollback"> = async (invocation, io, connect) => {
  const session = await connect();
  const where = `secret "${session.target.secretId}" in ${session.target.region}`;
  io.stderr.write(skippedRulesNote(session.target));
  // Current first: the move then names it, so anything that lands after this read stops the rollback.
  const current = await readVersion(session, { stage: CURRENT });
  const target = await readTarget(session, invocation.to);
  if (target.versionId === current.versionId) {
    // Read after current, the target says whether it is still current: an edit landing between the two reads
    // makes the version read as current AWSPREVIOUS, and "no change" would hide that edit.
    if (!target.stages.includes(CURRENT)) throw changedAfterRead();
    io.stdout.write(
      `No change: version ${target.versionId} of ${where} is AWSCURRENT already; nothing changed.\n`,
    );
    return 0;
  }
  const document = usableDocument(session, current, target);
  const move = `version ${target.versionId} (${labelsOf(target)}) AWSCURRENT in place of version ${current.versionId}`;
  const diff = maskedDiffFrom(current.content, document)
    .map((line) => `  ${line}\n`)
    .join("");
  if (invocation.dryRun) {
    io.stdout.write(`Dry run: would make ${move}, for ${where}; nothing changed.\n${diff}`);
    return 0;
  }
  const previewed = await confirmOrStop(
    io,
    invocation.yes,
    () => `About to make ${move}, for ${where}:\n${diff}`,
    `Roll back ${where} to version ${target.versionId}?`,
  );
  if ((await moveCurrent(session, current.versionId, target.versionId)) === "beaten") {
    throw changedAfterRead();
  }
  io.stdout.write(
    `Rolled back ${where}: version ${target.versionId} is AWSCURRENT, and version ${current.versionId} is ` +
      `${PREVIOUS} (\`starfleet-secrets rollback\` again undoes this).\n${previewed ? "" : diff}`,
  );
  return 0;
};
