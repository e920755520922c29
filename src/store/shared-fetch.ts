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
 * A fetch that no reader with a deadline bounds (a prefetch at module init, `getSlackToken()`) is
 * abandoned after this long.
 */
export const NO_DEADLINE_FETCH_LIMIT_MS = 10_000;

/** A request in flight, and how its readers hold it. */
export interface SharedFetch<T> {
  /** Settles with the request, or rejects with `abandonedError()` when it is abandoned. */
  readonly promise: Promise<T>;
  /**
   * A reader waits until `until`: keep the request going at least that long. A reader with nothing to fall
   * back on also takes over the bound of a fetch that no such reader bounded yet (a prefetch's own limit).
   */
  needUntil(until: number, hasFallback: boolean): void;
  /** A reader stopped waiting at `until`: at the bound, the request ends now. */
  release(until: number): void;
}

/** How {@link startSharedFetch} runs. */
export interface SharedFetchOptions {
  /** The first reader's deadline; undefined for a reader without one. */
  readonly deadline: number | undefined;
  /** Called once when the request is over for its readers: settled or abandoned. */
  readonly onEnd: () => void;
  /** The rejection of an abandoned request. */
  readonly abandonedError: () => Error;
  readonly clock?: Clock;
}

/**
 * Starts `run`. The request is abandoned (its signal aborted, its promise rejected) at its bound: the latest
 * time a reader needs it, or `NO_DEADLINE_FETCH_LIMIT_MS` after it started while no reader with a deadline
 * has joined.
 */
export function startSharedFetch<T>(
  run: (signal: AbortSignal) => Promise<T>,
  { deadline, onEnd, abandonedError, clock = systemClock }: SharedFetchOptions,
): SharedFetch<T> {
  const controller = new AbortController();
  let bound = deadline ?? clock.now() + NO_DEADLINE_FETCH_LIMIT_MS;
  let boundByReader = deadline !== undefined;
  let ended = false;
  let timer = clock.setTimer(bound, abandon);

  function end(): void {
    if (ended) return;
    ended = true;
    clock.clearTimer(timer);
    onEnd();
  }
  function abandon(): void {
    end();
    controller.abort();
  }

  const ran = run(controller.signal);
  // The SDK sometimes settles an aborted request only at its own request timeout; for the readers it is
  // over at the abort.
  ran.catch(() => {});
  const abandoned = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(abandonedError()), { once: true });
  });
  const promise = Promise.race([ran, abandoned]).finally(end);
  // Readers may all have given up before it settles.
  promise.catch(() => {});

  return {
    promise,
    needUntil(until, hasFallback) {
      // Readers with a value to fall back on never hold a request beyond the need of one it would fail.
      const takeOver = !boundByReader && !hasFallback;
      if (!takeOver && until <= bound) return;
      bound = until;
      boundByReader ||= takeOver;
      clock.clearTimer(timer);
      timer = clock.setTimer(bound, abandon);
    },
    release(until) {
      if (until >= bound) abandon();
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
