/**
 * Writing the secret without ever silently losing a concurrent edit.
 *
 * Secrets Manager has no compare-and-swap on the value, but it has one on staging labels:
 * `UpdateSecretVersionStage` with `RemoveFromVersionId` fails when `AWSCURRENT` is no longer on that
 * version. So a write reads version R, stores the new value as a version staged `AWSPENDING` (invisible
 * to workers, who read `AWSCURRENT`), then moves `AWSCURRENT` from R to it. If someone else moved it
 * first, AWS refuses, nothing they wrote is touched, and the edit is re-applied to what they wrote. A write
 * that may not be redone (`put`, which replaces the whole value) stops there instead, and so does `rollback`,
 * which moves `AWSCURRENT` to an existing version the same way.
 *
 * `AWSPENDING` can only be on one version, so a concurrent writer's `PutSecretValue` may take it from
 * ours; that is harmless, because `AWSCURRENT` is moved by version id, not by label.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type AwsSession, isAwsError } from "./aws.js";
import { CliError } from "./cli-error.js";
import { CURRENT, readVersion } from "./current-version.js";
import type { JsonObject } from "./secret-json.js";

/**
 * How many times a write is tried before giving up on a secret that keeps changing. An attempt is beaten
 * only by another writer's move of `AWSCURRENT` between its read and its own move, and one writer's
 * attempts do not overlap, so with ten writers at once each is beaten at most nine times: ten concurrent
 * edits always land.
 */
export const MAX_WRITE_ATTEMPTS = 10;
/** The first pause after a conflict is up to this long; each later one up to twice the one before. */
export const WRITE_BACKOFF_BASE_MS = 250;
/** The longest pause between two attempts. */
export const WRITE_BACKOFF_CAP_MS = 2_000;

/** The new secret a write will store. */
export interface PlannedWrite {
  readonly document: JsonObject;
  /** Exactly what is stored as SecretString. */
  readonly text: string;
}

/** The current version as a write reads it: at least its id, which the move of `AWSCURRENT` names. */
export interface VersionRead {
  readonly versionId: string;
}

/**
 * Computes the new secret from the current version, or says why there is nothing to write. Called again
 * on the newer version after each conflict; throws to stop the write.
 */
export type WritePlanner<V extends VersionRead> = (
  current: V,
) => PlannedWrite | { readonly unchanged: string };

/** What a write did. */
export type WriteOutcome<V extends VersionRead> =
  | { readonly kind: "unchanged"; readonly reason: string; readonly current: V }
  | { readonly kind: "dry-run"; readonly current: V; readonly planned: PlannedWrite }
  | {
      readonly kind: "written";
      /** The version this write replaced. */
      readonly current: V;
      readonly planned: PlannedWrite;
      readonly versionId: string;
    };

/** Options of {@link writeSecret}. */
export interface WriteOptions<V extends VersionRead> {
  /** Plan only: read, compute and validate, write nothing. */
  readonly dryRun: boolean;
  /** Told about each conflict, before the retry. */
  readonly onConflict: (attempt: number, maxAttempts: number) => void;
  /** The pause after attempt number `attempt` (1-based) was beaten; default jittered and growing. */
  readonly backoffMs?: (attempt: number) => number;
  /**
   * How many attempts; default {@link MAX_WRITE_ATTEMPTS}. 1 for a write that must not be redone on another
   * writer's version (`put` replaces the whole value: redone, it would overwrite their edit).
   */
  readonly maxAttempts?: number;
  /** Called once, before anything is written, with the first plan: a confirmation throws to stop. */
  readonly beforeWrite?: (current: V, planned: PlannedWrite) => Promise<void>;
}

const PENDING = "AWSPENDING";

async function putPending(session: AwsSession, versionId: string, text: string): Promise<void> {
  const { sdk, client, target } = session;
  // The version id doubles as the idempotency token: an SDK retry of a lost response cannot add a version.
  await session.call("PutSecretValue", (abortSignal) =>
    client.send(
      new sdk.PutSecretValueCommand({
        SecretId: target.secretId,
        ClientRequestToken: versionId,
        SecretString: text,
        VersionStages: [PENDING],
      }),
      { abortSignal },
    ),
  );
}

/**
 * Moves `AWSCURRENT` from version `from` to version `to`. Returns `undefined` when it moved, else AWS's
 * refusal: `AWSCURRENT` was not on `from` any more (or the SDK retried a move whose answer was lost).
 */
async function promote(session: AwsSession, to: string, from: string): Promise<CliError | undefined> {
  const { sdk, client, target } = session;
  try {
    await session.call("UpdateSecretVersionStage", (abortSignal) =>
      client.send(
        new sdk.UpdateSecretVersionStageCommand({
          SecretId: target.secretId,
          VersionStage: CURRENT,
          MoveToVersionId: to,
          RemoveFromVersionId: from,
        }),
        { abortSignal },
      ),
    );
    return undefined;
  } catch (error) {
    if (!isAwsError(error, "InvalidParameterException")) throw error;
    return error as CliError;
  }
}

/** Takes `AWSPENDING` off our version, so no half-finished rotation appears to be in progress. */
async function releasePending(session: AwsSession, versionId: string): Promise<void> {
  const { sdk, client, target } = session;
  try {
    await client.send(
      new sdk.UpdateSecretVersionStageCommand({
        SecretId: target.secretId,
        VersionStage: PENDING,
        RemoveFromVersionId: versionId,
      }),
    );
  } catch {
    // Best effort: a concurrent writer's PutSecretValue may have taken the label already.
  }
}

/**
 * Exponential backoff with full jitter: writers that collided pick random, growing pauses, so they come
 * back one after another instead of colliding again (each collision costs a version of the secret).
 */
function jitteredBackoffMs(attempt: number): number {
  return Math.round(
    Math.random() * Math.min(WRITE_BACKOFF_CAP_MS, WRITE_BACKOFF_BASE_MS * 2 ** (attempt - 1)),
  );
}

async function currentVersionId(session: AwsSession): Promise<string> {
  return (await readVersion(session, { stage: CURRENT })).versionId;
}

/**
 * Makes the existing version `to` `AWSCURRENT` in place of `from`, the version read as current: a
 * compare-and-swap, since AWS refuses the move once `AWSCURRENT` has left `from`. "beaten": another edit
 * became current first, and nothing was changed.
 *
 * @throws {CliError} AWS failures, and a refusal for any other reason.
 */
export async function moveCurrent(
  session: AwsSession,
  from: string,
  to: string,
): Promise<"moved" | "beaten"> {
  let refusal: CliError | undefined;
  try {
    refusal = await promote(session, to, from);
  } catch (error) {
    // The answer to a move AWS made can be lost (a reset, a timeout): look before reporting a failure.
    if ((await currentVersionId(session).catch(() => undefined)) === to) return "moved";
    throw error;
  }
  if (refusal === undefined) return "moved";
  const latest = await currentVersionId(session);
  // Ours already: the SDK retried a move whose first answer was lost.
  if (latest === to) return "moved";
  if (latest === from) throw refusal;
  return "beaten";
}

/** Why a write that may not be redone stopped. */
function changedUnderneath(): CliError {
  return new CliError(
    "The secret changed after it was read: another edit became AWSCURRENT first. This change was not made, " +
      "and that edit is kept; look at it (`starfleet-secrets history`), then run the command again.",
    { code: "CONFLICT" },
  );
}

/**
 * Reads the current version with `read`, plans the new value, and writes it with an optimistic lock on
 * `AWSCURRENT`, re-planning on the newer version after a conflict, up to `maxAttempts` times.
 *
 * @throws {CliError} `CONFLICT` when the secret changed under every attempt; what `read`, the planner and
 * `beforeWrite` throw; AWS failures.
 */
export async function writeSecret<V extends VersionRead>(
  session: AwsSession,
  read: () => Promise<V>,
  plan: WritePlanner<V>,
  options: WriteOptions<V>,
): Promise<WriteOutcome<V>> {
  const maxAttempts = options.maxAttempts ?? MAX_WRITE_ATTEMPTS;
  let current = await read();
  for (let attempt = 1; ; attempt++) {
    const planned = plan(current);
    if ("unchanged" in planned) return { kind: "unchanged", reason: planned.unchanged, current };
    if (options.dryRun) return { kind: "dry-run", current, planned };
    if (attempt === 1) await options.beforeWrite?.(current, planned);
    const versionId = randomUUID();
    await putPending(session, versionId, planned.text);
    if (maxAttempts === 1) {
      const moved = await moveCurrent(session, current.versionId, versionId).finally(() =>
        releasePending(session, versionId),
      );
      if (moved === "moved") return { kind: "written", current, planned, versionId };
      throw changedUnderneath();
    }
    let refusal: CliError | undefined;
    try {
      refusal = await promote(session, versionId, current.versionId).finally(() =>
        releasePending(session, versionId),
      );
    } catch (error) {
      // The answer to a move AWS made can be lost (a reset, a timeout): look before reporting a failure.
      const latest = await currentVersionId(session).catch(() => undefined);
      if (latest === versionId) return { kind: "written", current, planned, versionId };
      throw error;
    }
    if (refusal === undefined) return { kind: "written", current, planned, versionId };
    // Read after the pause, so the retry starts from what the other writers stored meanwhile.
    await sleep((options.backoffMs ?? jitteredBackoffMs)(attempt));
    const latest = await read();
    // Ours already: the SDK retried a move whose first answer was lost.
    if (latest.versionId === versionId) return { kind: "written", current, planned, versionId };
    if (latest.versionId === current.versionId) throw refusal;
    if (attempt >= maxAttempts) {
      throw new CliError(
        `The secret kept changing while we wrote (${maxAttempts} attempts, each beaten by another ` +
          "writer): nothing was lost and this edit was not applied; try again.",
        { code: "CONFLICT" },
      );
    }
    options.onConflict(attempt, maxAttempts);
    current = latest;
  }
}
