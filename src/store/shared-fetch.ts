/**
 * One request shared by every reader that needs it, and abandoned as soon as nobody who needs it waits any
 * longer. A hung request must never outlive the invocations waiting for it: a later invocation then starts
 * a new one instead of joining a dead one.
 */

/** Time and timers, injected so tests can move time by hand. */
export interface Clock {
  now(): number;
  /** Calls `fire` at time `at` (at once when that has passed). */
  setTimer(at: number, fire: () => void): unknown;
  clearTimer(timer: unknown): void;
}

// setTimeout fires at once for a longer delay (a mocked getRemainingTimeInMillis can ask for one).
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The process's clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (at, fire) => setTimeout(fire, Math.min(MAX_TIMER_DELAY_MS, Math.max(0, at - Date.now()))),
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/**
 * No shared fetch runs longer than this, however many readers wait for it: a request that stalls (a hang,
 * a body that stops half-way) is given up, and the next reader starts a new one. Long enough for the SDK's
 * three attempts under the default per-attempt limits.
 *
 * @example
 * ```ts
 * // A per-attempt timeout that still leaves room for the SDK's retries within one fetch:
 * const requestTimeout = Math.floor(MAX_FETCH_MS / 4);
 * ```
 */
export const MAX_FETCH_MS = 15_000;

/** A request in flight, and how its readers hold it. */
export interface SharedFetch<T> {
  /** Settles with the request, or rejects with `abandonedError()` when it is abandoned. */
  readonly promise: Promise<T>;
  /**
   * A reader with a deadline and nothing to fall back on needs the request until `until`. The first such
   * reader of a request nobody needed yet sets its bound; later ones can only lengthen it.
   */
  needUntil(until: number): void;
  /** A reader stopped waiting at `until`: when nobody needs the request longer, it ends now. */
  release(until: number): void;
}

/** How {@link startSharedFetch} runs. */
export interface SharedFetchOptions {
  /**
   * Until when the starter needs the request (its deadline), or undefined when nobody with a deadline
   * needs it yet (a prefetch, getSlackToken()).
   */
  readonly need: number | undefined;
  /** Called once when the request is over for its readers: settled or abandoned. */
  readonly onEnd: () => void;
  /** The rejection of an abandoned request. */
  readonly abandonedError: () => Error;
  readonly clock?: Clock;
}

/**
 * Starts `run`. The request is abandoned (its signal aborted, its promise rejected) at its bound: the
 * latest time a reader needs it, never later than {@link MAX_FETCH_MS} after it started.
 */
export function startSharedFetch<T>(
  run: (signal: AbortSignal) => Promise<T>,
  { need, onEnd, abandonedError, clock = systemClock }: SharedFetchOptions,
): SharedFetch<T> {
  const controller = new AbortController();
  const latest = clock.now() + MAX_FETCH_MS;
  let needed = need !== undefined;
  let bound = Math.min(latest, need ?? latest);
  // Aborting rejects `promise` (below), whose settling ends the request for its readers.
  const abandon = () => controller.abort();
  let timer = clock.setTimer(bound, abandon);

  const ran = run(controller.signal);
  // The SDK sometimes settles an aborted request only at its own request timeout; for the readers it is
  // over at the abort. (The race handles a late rejection of `ran` too.)
  const abandoned = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(abandonedError()));
  });
  const promise = Promise.race([ran, abandoned]).finally(() => {
    clock.clearTimer(timer);
    onEnd();
  });
  // Readers may all have given up before it settles.
  promise.catch(() => {});

  return {
    promise,
    needUntil(until) {
      const capped = Math.min(latest, until);
      // A request nobody needed yet (a prefetch, getSlackToken's) is bounded by its first such reader, so a
      // hung one is given up at that reader's deadline instead of failing every invocation until the limit.
      if (needed && capped <= bound) return;
      needed = true;
      bound = capped;
      clock.clearTimer(timer);
      timer = clock.setTimer(bound, abandon);
    },
    release(until) {
      if (Math.min(latest, until) >= bound) abandon();
    },
  };
}
/** Waits for the shared fetch, but no later than `until` (Infinity: as long as it takes). */
export function waitForSharedFetch<T>(
  fetch: SharedFetch<T>,
  until: number,
  gaveUpError: () => Error,
  clock: Clock = systemClock,
): Promise<T> {
  if (until === Number.POSITIVE_INFINITY) return fetch.promise;
  let timer: unknown;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = clock.setTimer(until, () => {
      fetch.release(until);
      reject(gaveUpError());
    });
  });
  return Promise.race([fetch.promise, gaveUp]).finally(() => clock.clearTimer(timer));
}
