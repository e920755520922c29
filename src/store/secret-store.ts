import { NO_CONNECTION_HINT } from "../aws/aws-failure.js";
import { errorCodeOf, StarfleetSecretsError } from "../errors.js";
import type { SecretLocation } from "../secret-location.js";
import type { StarfleetLogger } from "../types/options.js";
import type { SecretDocument } from "./secret-document.js";
import { type SharedFetch, startSharedFetch, systemClock, waitForSharedFetch } from "./shared-fetch.js";

export { MAX_FETCH_MS } from "./shared-fetch.js";

/*
 * The module-level store of fetched secrets, one entry per region and SecretId, shared by every middleware
 * instance and getSlackToken() in the process. It is ours rather than @middy/util's cache because that cache
 * forgets the value when a refresh fails (we serve the last good value), has no backoff, no refresh-on-miss,
 * and reads large expiries as absolute timestamps.
 */

/**
 * Each container's expiry falls at a random point in the last 20% of the TTL.
 *
 * @example
 * ```ts
 * // With cacheExpiry: 600_000, each container refreshes between 8 and 10 minutes after its fetch.
 * const earliestRefreshMs = 600_000 * (1 - EXPIRY_SPREAD);
 * ```
 */
export const EXPIRY_SPREAD = 0.2;
/**
 * After a failed refresh with a value to fall back on, wait this long before the next try, doubling each time.
 *
 * @example
 * ```ts
 * // The n-th failed refresh in a row waits this long before the next try:
 * const waitMs = (n: number) => Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (n - 1));
 * ```
 */
export const BACKOFF_BASE_MS = 1_000;
/**
 * The longest wait between refresh attempts while serving a stale value.
 *
 * @example
 * ```ts
 * // AWS down for an hour: at most 12 + a few refresh attempts per container.
 * const attemptsPerHour = 3_600_000 / BACKOFF_CAP_MS;
 * ```
 */
export const BACKOFF_CAP_MS = 5 * 60_000;
/**
 * A missing worker entry triggers at most one refetch per container in this window.
 *
 * @example
 * ```ts
 * // After adding a worker's entry, its failing invocations see it within this long.
 * console.log(`new entries are seen within ${MISS_REFETCH_INTERVAL_MS / 1000} s`);
 * ```
 */
export const MISS_REFETCH_INTERVAL_MS = 30_000;
/**
 * Stop fetching this long before Lambda's own deadline, so the invocation ends with our FETCH_FAILED error
 * (and the handler's error handling) rather than a bare Lambda timeout.
 *
 *
 * @example
 * ```ts
 * // A function with a 3 s timeout gives up fetching 2.5 s into a cold invocation at the latest.
 * const lastMomentMs = 3_000 - DEADLINE_MARGIN_MS;
 * ```
 */
export const DEADLINE_MARGIN_MS = 500;

/**
 * With a last good value at hand, an invocation waits this long at most for a refresh (less when it has
 * less time left), then continues with that value while the refresh goes on for later invocations.
 *
 * @example
 * ```ts
 * // AWS hangs on a refresh: each invocation gets the previous value within this long.
 * console.log(`stale values are served after ${STALE_WAIT_MS} ms at most`);
 * ```
 */
export const STALE_WAIT_MS = 1_000;
export interface StoreEntry {
  document: SecretDocument | undefined;
  fetchedAt: number;
  /** This fetch's share of the TTL, in [1 - EXPIRY_SPREAD, 1]. */
  spread: number;
  inFlight: SharedFetch<SecretDocument> | undefined;
  failures: number;
  retryAt: number;
  lastMissRefetchAt: number;
}

/** What an invocation (or getSlackToken) asks of the store. */
export interface SecretRequest {
  readonly location: SecretLocation;
  /** Fetches and parses the secret; must honour the signal. */
  readonly fetch: (signal: AbortSignal) => Promise<SecretDocument>;
  /** Where the fetch sends its requests (`host:port`), when known: the deadline error names it. */
  readonly endpoint: () => string | undefined;
  readonly cacheExpiry: number;
  readonly logger: StarfleetLogger;
  /** A key the caller needs: when the cached document lacks it, refetch once (rate-limited). */
  readonly requiredKey?: string;
  /**
   * Whether the caller found a document it cannot use although it has `requiredKey` (the entry failed the
   * worker's schema): refetch once (rate-limited), as for a missing key. Called on every read through the
   * store; a reader holding a {@link DocumentLease} skips the store, so a rejected document gets no lease.
   */
  readonly rejects?: (document: SecretDocument) => boolean;
}

/** The invocation's time budget: a Lambda context. */
export interface TimeBudget {
  getRemainingTimeInMillis?(): number;
}

// Keyed by region, then SecretId: no key string to build on the warm path.
const entries = new Map<string, Map<string, StoreEntry>>();
// Counts the clears: a lease taken before a clear is not current, though its entry still holds a document.
let generation = 0;

/**
 * Empties the module-level secret store shared by every `starfleetSecrets()` middleware and `getSlackToken()`
 * in the process: the next read fetches again. Fetches under way finish without refilling it. For tests,
 * and to force a refresh.
 *
 * @example
 * ```ts
 * afterEach(() => clearStarfleetSecretsCache());
 * ```
 */
export function clearStarfleetSecretsCache(): void {
  generation += 1;
  entries.clear();
}

function entryFor({ secretId, region }: SecretLocation): StoreEntry {
  let inRegion = entries.get(region);
  if (!inRegion) {
    inRegion = new Map();
    entries.set(region, inRegion);
  }
  let entry = inRegion.get(secretId);
  if (!entry) {
    entry = {
      document: undefined,
      fetchedAt: 0,
      spread: 1,
      inFlight: undefined,
      failures: 0,
      retryAt: 0,
      lastMissRefetchAt: Number.NEGATIVE_INFINITY,
    };
    inRegion.set(secretId, entry);
  }
  return entry;
}

/** Until when the entry's document is served without a fetch: fresh, or kept through a backoff. */
function usableUntil(entry: StoreEntry, cacheExpiry: number): number {
  if (cacheExpiry < 0) return Number.POSITIVE_INFINITY;
  return Math.max(entry.fetchedAt + cacheExpiry * entry.spread, entry.retryAt);
}

/** Whether the reader can use the document as it is, without a (rate-limited) refetch for its entry. */
function servesAsIs({ requiredKey, rejects }: SecretRequest, document: SecretDocument): boolean {
  if (requiredKey !== undefined && !Object.hasOwn(document, requiredKey)) return false;
  return rejects === undefined || !rejects(document);
}

function logDetails(location: SecretLocation): Record<string, string> {
  const details: Record<string, string> = { secretId: location.secretId, region: location.region };
  if (location.workerName) details.workerName = location.workerName;
  return details;
}

function deadlineError({ location, endpoint }: SecretRequest): StarfleetSecretsError {
  const from = endpoint();
  return new StarfleetSecretsError("FETCH_FAILED", {
    ...location,
    reason:
      `no answer${from ? ` from ${from}` : ""} before the Lambda deadline; gave up to fail with this error ` +
      "instead of a Lambda timeout",
    // Without an answer there is no telling a slow Secrets Manager from one that cannot be reached.
    hint: `If it persists, no connection may be possible at all. ${NO_CONNECTION_HINT}`,
  });
}

/** Epoch ms by which to give up, or undefined outside an invocation. */
export function deadlineOf(budget: TimeBudget | undefined): number | undefined {
  // Number.isFinite is false for anything but a finite number (a missing method's undefined included).
  const remaining = budget?.getRemainingTimeInMillis?.() ?? Number.NaN;
  return Number.isFinite(remaining) ? systemClock.now() + remaining - DEADLINE_MARGIN_MS : undefined;
}

function startFetch(
  entry: StoreEntry,
  request: SecretRequest,
  need: number | undefined,
): SharedFetch<SecretDocument> {
  const startedAt = systemClock.now();
  const shared = startSharedFetch(request.fetch, {
    need,
    // The entry starts a fetch only when it has none in flight, so the one ending is always its own.
    onEnd: () => {
      entry.inFlight = undefined;
    },
    abandonedError: () => deadlineError(request),
  });
  const promise = shared.promise.then(
    (document) => {
      const now = systemClock.now();
      Object.assign(entry, {
        document,
        fetchedAt: now,
        spread: 1 - EXPIRY_SPREAD * Math.random(),
        failures: 0,
        retryAt: 0,
      });
      request.logger.debug?.("middy-starfleet-secrets: fetched the secret", {
        ...logDetails(request.location),
        durationMs: now - startedAt,
      });
      return document;
    },
    (error: unknown) => {
      if (entry.document !== undefined) {
        entry.failures += 1;
        const retryInMs = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (entry.failures - 1));
        const now = systemClock.now();
        entry.retryAt = now + retryInMs;
        request.logger.warn(
          "middy-starfleet-secrets: refreshing the secret failed; serving the last good value",
          {
            ...logDetails(request.location),
            error: errorCodeOf(error),
            ageMs: now - entry.fetchedAt,
            retryInMs,
          },
        );
      }
      throw error;
    },
  );
  // Readers may all give up before it settles; the bookkeeping above has run by then.
  promise.catch(() => {});
  // Readers wait for the bookkeeping, so they see the entry as the fetch left it.
  const inFlight: SharedFetch<SecretDocument> = { ...shared, promise };
  return inFlight;
}

async function refresh(
  entry: StoreEntry,
  request: SecretRequest,
  budget?: TimeBudget,
): Promise<SecretDocument> {
  const deadline = deadlineOf(budget);
  const hasFallback = entry.document !== undefined;
  // With a last good value, waiting longer than STALE_WAIT_MS for a slow refresh only makes the worker late.
  const staleAfter = hasFallback ? systemClock.now() + STALE_WAIT_MS : Number.POSITIVE_INFINITY;
  const until = Math.min(deadline ?? Number.POSITIVE_INFINITY, staleAfter);
  let inFlight = entry.inFlight;
  if (!inFlight) {
    // A refresh goes on for later invocations within the deadline of the one that started it.
    inFlight = startFetch(entry, request, deadline);
    entry.inFlight = inFlight;
  } else if (!hasFallback && deadline !== undefined) {
    // Readers with a value to fall back on, or without a deadline, never hold a request longer.
    inFlight.needUntil(deadline);
  }
  try {
    return await waitForSharedFetch(inFlight, until, () => deadlineError(request));
  } catch (error) {
    // The stored document is swapped whole, so a reader sees a complete old or a complete new value.
    if (entry.document !== undefined) return entry.document;
    throw error;
  }
}

/**
 * Starts fetching the secret for readers to come (a middleware's prefetch at module init), unless it is
 * cached or already being fetched. Nobody waits for it yet, so the first reader with nothing to fall back
 * on bounds it by its own deadline.
 */
export function prefetchSecretDocument(request: SecretRequest): Promise<SecretDocument> | undefined {
  const entry = entryFor(request.location);
  if (entry.document !== undefined || entry.inFlight !== undefined) return undefined;
  entry.inFlight = startFetch(entry, request, undefined);
  return entry.inFlight.promise;
}

/**
 * Returns the secret document, synchronously when the cached one is usable. At most one fetch per secret is
 * under way at a time; concurrent readers share it. A failed fetch is not cached: with no value to fall
 * back on, the next read tries again; with one, readers keep it and retries back off.
 */
export function getSecretDocument(
  request: SecretRequest,
  budget?: TimeBudget,
): SecretDocument | Promise<SecretDocument> {
  const entry = entryFor(request.location);
  const { document } = entry;
  if (document === undefined) return refresh(entry, request, budget);

  const now = systemClock.now();
  if (!(now < usableUntil(entry, request.cacheExpiry))) return refresh(entry, request, budget);
  if (servesAsIs(request, document)) return document;
  // An operator may just have added or fixed the entry: look once, but never turn every invocation into an
  // API call.
  if (now - entry.lastMissRefetchAt < MISS_REFETCH_INTERVAL_MS) return document;
  entry.lastMissRefetchAt = now;
  request.logger.debug?.(
    "middy-starfleet-secrets: worker entry missing or invalid in the cached secret; refetching once",
    {
      ...logDetails(request.location),
    },
  );
  return refresh(entry, request, budget);
}

/**
 * What {@link getSecretDocument} would hand the same reader again, synchronously and without a fetch, for
 * as long as {@link isLeaseCurrent} says so: the store's document is still this one, the store has not been
 * cleared since, and the document is fresh (or kept through a backoff).
 */
export interface DocumentLease {
  readonly document: SecretDocument;
  /** The store's record the document came from, and the store's generation then: for isLeaseCurrent only. */
  readonly entry: StoreEntry;
  readonly generation: number;
  /** Epoch ms; infinite when nothing expires. */
  readonly until: number;
}

/**
 * A lease on `document`, just handed to `request`'s reader, who has used it as it is; undefined when the
 * next read must go through the store's rules again (a missing or rejected entry, a document no longer the
 * store's).
 */
export function leaseDocument(request: SecretRequest, document: SecretDocument): DocumentLease | undefined {
  if (!servesAsIs(request, document)) return undefined;
  // Should the store hold another document by now, isLeaseCurrent says so at the first look.
  const entry = entryFor(request.location);
  return { document, entry, generation, until: usableUntil(entry, request.cacheExpiry) };
}

/** Whether the store would still hand out the lease's document as it is: a clock read only with a TTL. */
export function isLeaseCurrent(lease: DocumentLease): boolean {
  return (
    lease.generation === generation &&
    lease.entry.document === lease.document &&
    (lease.until === Number.POSITIVE_INFINITY || systemClock.now() < lease.until)
  );
}
