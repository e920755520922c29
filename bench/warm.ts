/**
 * Figure 1: warm invocation overhead. Every handler has already made its first invocation, so this is the
 * price of the middleware on each of the container's later invocations (tinybench, one invocation per
 * sample, a fresh Lambda context each time, as the runtime passes one).
 */
import { Bench } from "tinybench";
import { lambdaContext } from "./fixture.ts";
import { invokeChecked, type LoadedLibrary } from "./in-process.ts";

export interface WarmFigure {
  readonly label: string;
  readonly id: string;
  /** Mean and median time per invocation, in nanoseconds. */
  readonly meanNs: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  /** Relative margin of error of the mean, in %. */
  readonly rme: number;
  readonly samples: number;
  /** Mean time above the floor, in ns, and mean divided by the floor's mean. */
  readonly overheadNs: number;
  readonly ratio: number;
}

export interface WarmOptions {
  /** Time budget per library, in ms. */
  readonly timeMs: number;
  /** Rounds; each library keeps its fastest round, which damps a noisy neighbour on a small machine. */
  readonly rounds: number;
}

async function oneRound(libraries: readonly LoadedLibrary[], timeMs: number) {
  const bench = new Bench({
    time: timeMs,
    warmupTime: Math.min(300, timeMs / 3),
    timestampProvider: "hrtimeNow",
    throws: true,
  });
  const event = {};
  for (const { library, handler } of libraries) {
    bench.add(library.id, () => handler(event, lambdaContext()));
  }
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== "completed")
      throw new Error(`warm: ${task.name} did not complete (${result.state})`);
    return { id: task.name, latency: result.latency };
  });
}

/** The first library given is the floor. */
export async function measureWarm(
  libraries: readonly LoadedLibrary[],
  options: WarmOptions,
): Promise<WarmFigure[]> {
  for (const library of libraries) await invokeChecked(library);
  const best = new Map<string, Awaited<ReturnType<typeof oneRound>>[number]["latency"]>();
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 ? [...libraries].reverse() : libraries;
    for (const { id, latency } of await oneRound(order, options.timeMs)) {
      const previous = best.get(id);
      if (!previous || latency.mean < previous.mean) best.set(id, latency);
    }
  }
  for (const library of libraries) await invokeChecked(library);

  const floor = best.get(libraries[0]?.library.id ?? "");
  if (!floor) throw new Error("warm: no floor");
  return libraries.map(({ library }) => {
    const latency = best.get(library.id);
    if (!latency) throw new Error(`warm: no result for ${library.id}`);
    return {
      label: library.label,
      id: library.id,
      meanNs: latency.mean * 1e6,
      p50Ns: latency.p50 * 1e6,
      p99Ns: latency.p99 * 1e6,
      rme: latency.rme,
      samples: latency.samplesCount,
      overheadNs: (latency.mean - floor.mean) * 1e6,
      ratio: latency.mean / floor.mean,
    };
  });
}
