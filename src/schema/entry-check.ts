/**
 * The `schema` option's bookkeeping for one middleware: each fetched document's entry is judged once (a
 * verdict per document, shared by concurrent invocations while an async validator runs), warm invocations
 * get the output of the document they already judged, and a refreshed entry that fails keeps the worker on
 * its last good output, as a refresh that finds the secret broken does.
 */
import type { SecretLocation } from "../secret-location.js";
import type { SecretDocument } from "../store/secret-document.js";
import { deadlineOf, type TimeBudget } from "../store/secret-store.js";
import { systemClock } from "../store/shared-fetch.js";
import type { StarfleetLogger } from "../types/options.js";
import type { StandardSchemaV1 } from "../types/standard-schema.js";
import { isPromise } from "../util/is-promise.js";
import {
  type EntryOutput,
  type EntryRejection,
  type EntryVerdict,
  entryInvalid,
  validateEntry,
} from "./validate-entry.js";

/** The worker's entry as its schema outputs it. */
export interface EntryCheck {
  /**
   * The schema's output for the worker's entry in `document` (which has one), wrapped so that an output
   * with a `then` is not taken for a promise: synchronous once the document is judged. When the entry
   * fails: the last good output for the same secret, else `ENTRY_INVALID`.
   */
  entryOf(
    document: SecretDocument,
    location: SecretLocation,
    budget?: TimeBudget,
  ): EntryOutput | Promise<EntryOutput>;
  /** Whether `document`'s entry failed: the store refetches it (rate-limited) rather than keep it. */
  rejects(document: SecretDocument): boolean;
}

/** Where a validator that never settles leaves the invocations waiting for it. */
function unfinished(location: SecretLocation): EntryRejection {
  return {
    location,
    reason: "its validation did not finish before the Lambda deadline; the next invocation runs it again",
    issues: [],
  };
}

export function createEntryCheck(
  schema: StandardSchemaV1,
  workerName: string,
  logger: StarfleetLogger,
): EntryCheck {
  // The warm path: the last document whose entry passed, and its output.
  let passed: SecretDocument | undefined;
  let passedOutput: EntryOutput = { value: undefined };
  const verdicts = new WeakMap<SecretDocument, EntryVerdict | Promise<EntryVerdict>>();
  // Per secret (region and SecretId), since a `config` function may point one middleware at several.
  const lastGood = new Map<string, EntryOutput>();
  const secretKey = ({ region, secretId }: SecretLocation) => `${region}:${secretId}`;

  function warnServingLastGood({ location, reason, issues }: EntryRejection): void {
    logger.warn(
      "middy-starfleet-secrets: the worker's entry does not match its schema; serving the last good value",
      {
        secretId: location.secretId,
        region: location.region,
        workerName,
        error: "ENTRY_INVALID",
        reason,
        issues,
      },
    );
  }

  /** Once per document: its verdict, and the warning when a refresh brought an entry that fails. */
  function record(document: SecretDocument, verdict: EntryVerdict, location: SecretLocation): void {
    verdicts.set(document, verdict);
    if ("value" in verdict) {
      passed = document;
      passedOutput = verdict;
      lastGood.set(secretKey(location), verdict);
    } else if (lastGood.has(secretKey(location))) {
      warnServingLastGood(verdict.rejection);
    }
  }

  /** What an invocation gets: the output, else the last good one for the same secret, else the error. */
  function served(verdict: EntryVerdict): EntryOutput {
    if ("value" in verdict) return verdict;
    const good = lastGood.get(secretKey(verdict.rejection.location));
    if (good === undefined) throw entryInvalid(verdict.rejection);
    return good;
  }

  /**
   * Waits for an async validator, but not past the invocation's deadline. One that never settles would
   * otherwise hold every later invocation on this document: the verdict is dropped at the deadline so the
   * next invocation runs it again.
   */
  function whenJudged(
    document: SecretDocument,
    pending: Promise<EntryVerdict>,
    location: SecretLocation,
    budget: TimeBudget | undefined,
  ): Promise<EntryOutput> {
    const until = deadlineOf(budget);
    if (until === undefined) return pending.then(served);
    return new Promise((resolve, reject) => {
      function settle(verdict: EntryVerdict): void {
        try {
          resolve(served(verdict));
        } catch (error) {
          reject(error);
        }
      }
      const timer = systemClock.setTimer(until, function gaveUp() {
        if (verdicts.get(document) === pending) verdicts.delete(document);
        const rejection = unfinished(location);
        if (lastGood.has(secretKey(location))) warnServingLastGood(rejection);
        settle({ rejection });
      });
      pending.then((verdict) => {
        systemClock.clearTimer(timer);
        settle(verdict);
      });
    });
  }

  function entryOf(
    document: SecretDocument,
    location: SecretLocation,
    budget?: TimeBudget,
  ): EntryOutput | Promise<EntryOutput> {
    if (document === passed) return passedOutput;
    const known = verdicts.get(document);
    if (known !== undefined) {
      return isPromise(known) ? whenJudged(document, known, location, budget) : served(known);
    }
    const verdict = validateEntry(schema, document[workerName], location);
    if (!isPromise(verdict)) {
      record(document, verdict, location);
      return served(verdict);
    }
    const pending: Promise<EntryVerdict> = verdict.then((judged) => {
      // A validation given up at a deadline may finish after the next one started: the later one counts.
      if (verdicts.get(document) === pending) record(document, judged, location);
      return judged;
    });
    verdicts.set(document, pending);
    return whenJudged(document, pending, location, budget);
  }

  function rejects(document: SecretDocument): boolean {
    if (document === passed) return false;
    const verdict = verdicts.get(document);
    return verdict !== undefined && !isPromise(verdict) && "rejection" in verdict;
  }

  return { entryOf, rejects };
}
