// The shared in-flight fetch on a clock moved by hand: when a request is kept, when it is abandoned, and
// that a later reader never joins a request nobody waits for any longer.
import { describe, expect, it } from "@jest/globals";
import {
  type Clock,
  MAX_FETCH_MS,
  type SharedFetch,
  startSharedFetch,
  waitForSharedFetch,
} from "../../src/store/shared-fetch.js";

const flush = () => new Promise((resolve) => setImmediate(resolve));

interface Timer {
  readonly at: number;
  readonly fire: () => void;
}

function fakeClock(start = 1_000_000) {
  let time = start;
  const timers = new Set<Timer>();
  const clock: Clock = {
    now: () => time,
    setTimer(at, fire) {
      const timer = { at, fire };
      timers.add(timer);
      return timer;
    },
    clearTimer: (timer) => timers.delete(timer as Timer),
  };
  /** Moves time to `start + offset`, firing due timers in order. */
  async function advanceTo(offset: number): Promise<void> {
    const target = start + offset;
    for (;;) {
      const [due] = [...timers].filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at);
      if (!due) break;
      timers.delete(due);
      time = Math.max(time, due.at);
      due.fire();
      await flush();
    }
    time = target;
    await flush();
  }
  return { clock, advanceTo, at: (offset: number) => start + offset, pending: () => timers.size };
}

/** A request the test settles by hand, recording its signal. */
function request<T>() {
  let resolve!: (value: T) => void;
  let signal!: AbortSignal;
  const run = (given: AbortSignal) => {
    signal = given;
    return new Promise<T>((settle) => {
      resolve = settle;
    });
  };
  return { run, resolve: (value: T) => resolve(value), aborted: () => signal.aborted };
}

// The store gives readers the same error whichever timer ends their wait first: the fetch's at its bound,
// or the reader's own at the same moment.
class PastDeadline extends Error {}

/** Starts a fetch; without `need`, a prefetch nobody waits for yet. */
function start<T>(
  time: ReturnType<typeof fakeClock>,
  run: (signal: AbortSignal) => Promise<T>,
  need?: number,
) {
  let ends = 0;
  const fetch = startSharedFetch(run, {
    need,
    onEnd: () => {
      ends += 1;
    },
    abandonedError: () => new PastDeadline(),
    clock: time.clock,
  });
  return { fetch, ends: () => ends };
}

function outcome<T>(promise: Promise<T>) {
  const seen: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(seen, { value, settled: true }),
    (error: unknown) => Object.assign(seen, { error, settled: true }),
  );
  return seen;
}

function wait<T>(time: ReturnType<typeof fakeClock>, fetch: SharedFetch<T>, until: number) {
  return outcome(waitForSharedFetch(fetch, until, () => new PastDeadline(), time.clock));
}

describe("a fetch nobody with a deadline needs yet (a prefetch, getSlackToken)", () => {
  it(`is abandoned ${MAX_FETCH_MS} ms after it started, and no sooner`, async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch, ends } = start(time, req.run);
    const result = outcome(fetch.promise);

    await time.advanceTo(MAX_FETCH_MS - 1);
    expect(req.aborted()).toBe(false);
    expect(result.settled).toBe(false);

    await time.advanceTo(MAX_FETCH_MS);
    expect(req.aborted()).toBe(true);
    expect(result.error).toBeInstanceOf(PastDeadline);
    expect(ends()).toBe(1);
  });

  it("is bounded by the first reader without a fallback that joins, however soon or late its deadline", async () => {
    for (const deadline of [3_000, MAX_FETCH_MS - 1_000]) {
      const time = fakeClock();
      const req = request<string>();
      const { fetch } = start(time, req.run);
      fetch.needUntil(time.at(deadline));
      const reader = wait(time, fetch, time.at(deadline));

      await time.advanceTo(deadline - 1);
      expect(req.aborted()).toBe(false);
      await time.advanceTo(deadline);
      expect(req.aborted()).toBe(true);
      expect(reader.error).toBeInstanceOf(PastDeadline);
    }
  });

  it("once taken over, is not shortened by a later reader with an earlier deadline", async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch } = start(time, req.run);
    fetch.needUntil(time.at(5_000));
    const first = wait(time, fetch, time.at(5_000));
    fetch.needUntil(time.at(2_000));
    wait(time, fetch, time.at(2_000));

    await time.advanceTo(2_000);
    expect(req.aborted()).toBe(false);
    req.resolve("value");
    await time.advanceTo(3_000);
    expect(first.value).toBe("value");
  });

  it("is not cut short by a reader that has a value to fall back on, which registers no need", async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch } = start(time, req.run);
    const stale = wait(time, fetch, time.at(1_000));

    await time.advanceTo(1_000);
    expect(stale.error).toBeInstanceOf(PastDeadline);
    expect(req.aborted()).toBe(false);
    req.resolve("fresh");
    await time.advanceTo(2_000);
    await expect(fetch.promise).resolves.toBe("fresh");
  });
});

describe(`every fetch, however many readers need it`, () => {
  it(`is abandoned ${MAX_FETCH_MS} ms after it started, even while readers keep needing it longer`, async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch } = start(time, req.run, time.at(3_000));
    for (let offset = 0; offset < MAX_FETCH_MS; offset += 1_000) {
      await time.advanceTo(offset);
      fetch.needUntil(time.at(offset + 3_000));
    }
    await time.advanceTo(MAX_FETCH_MS - 1);
    expect(req.aborted()).toBe(false);
    await time.advanceTo(MAX_FETCH_MS);
    expect(req.aborted()).toBe(true);
  });
});

describe("a fetch started by an invocation", () => {
  it("is abandoned at that invocation's deadline when it gives up, so the next one starts anew", async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch, ends } = start(time, req.run, time.at(2_000));
    const reader = wait(time, fetch, time.at(2_000));

    await time.advanceTo(1_999);
    expect(req.aborted()).toBe(false);
    await time.advanceTo(2_000);
    expect(reader.error).toBeInstanceOf(PastDeadline);
    expect(req.aborted()).toBe(true);
    expect(ends()).toBe(1);
  });

  it("ends in the same tick as the last reader that gives up, before anyone can join a dead request", async () => {
    const time = fakeClock();
    const req = request<string>();
    let ends = 0;
    const fetch = startSharedFetch(req.run, {
      need: undefined,
      onEnd: () => {
        ends += 1;
      },
      abandonedError: () => new PastDeadline(),
      clock: time.clock,
    });
    // The reader's timer is set before the fetch's bound moves to the same time, so it fires first.
    const waiting = waitForSharedFetch(fetch, time.at(2_000), () => new PastDeadline(), time.clock);
    fetch.needUntil(time.at(2_000));
    const atGiveUp = waiting.catch(() => ({ aborted: req.aborted(), ends }));

    await time.advanceTo(2_000);
    await expect(atGiveUp).resolves.toEqual({ aborted: true, ends: 1 });
  });

  it("is kept for a later reader with a later deadline, and not aborted at the earlier one", async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch } = start(time, req.run, time.at(2_000));
    const first = wait(time, fetch, time.at(2_000));
    fetch.needUntil(time.at(5_000));
    const second = wait(time, fetch, time.at(5_000));

    await time.advanceTo(2_000);
    expect(first.error).toBeInstanceOf(PastDeadline);
    expect(req.aborted()).toBe(false);
    req.resolve("value");
    await time.advanceTo(3_000);
    expect(second.value).toBe("value");
  });

  it("is not shortened by a later reader with an earlier deadline", async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch } = start(time, req.run, time.at(5_000));
    const first = wait(time, fetch, time.at(5_000));
    fetch.needUntil(time.at(2_000));
    const second = wait(time, fetch, time.at(2_000));

    await time.advanceTo(2_000);
    expect(second.error).toBeInstanceOf(PastDeadline);
    expect(req.aborted()).toBe(false);
    await time.advanceTo(5_000);
    expect(first.error).toBeInstanceOf(PastDeadline);
    expect(req.aborted()).toBe(true);
  });
});

describe("a fetch that settles", () => {
  it("ends once, clears its timer, and is never aborted afterwards", async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch, ends } = start(time, req.run, time.at(2_000));
    const reader = wait(time, fetch, time.at(2_000));

    req.resolve("value");
    await time.advanceTo(10);
    expect(reader.value).toBe("value");
    expect(ends()).toBe(1);
    expect(time.pending()).toBe(0);
    await time.advanceTo(60_000);
    expect(req.aborted()).toBe(false);
    expect(ends()).toBe(1);
  });

  it("is waited for without limit by a reader whose bound is Infinity", async () => {
    const time = fakeClock();
    const req = request<string>();
    const { fetch } = start(time, req.run);
    const reader = wait(time, fetch, Number.POSITIVE_INFINITY);

    req.resolve("value");
    await time.advanceTo(10);
    expect(reader.value).toBe("value");
  });
});
