/**
 * Figure 1: warm invocation overhead. Every handler has already made its first invocation, so this is the
 * price of the middleware on each of the container's later invocations (a fresh Lambda context each time,
 * as the runtime passes one).
 *
 * Each handler runs in a process of its own beside the floor (children/warm.ts), as in a Lambda function
 * where one handler is loaded: in one process, handlers share @middy/core's runner, whose call sites slow
 * down once they have seen several middlewares, so whichever handler is measured there second loses a few
 * tenths of a microsecond that no deployment pays. In its process, the handler and the floor take turns in
 * short batches, and the handler's figure is its ratio to that floor (the median over the pairs of
 * batches): other work on the machine slows both alike. Handlers take turns over several passes, in a
 * reversed order every other pass, and each keeps the median of its passes.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { BENCH_DIR, type HandlerId, LIBRARIES, median } from "./fixture.ts";

const run = promisify(execFile);
const CHILD = path.join(BENCH_DIR, "children", "warm.ts");

export interface WarmOptions {
  /** Pairs of batches (floor, handler) timed in each process. */
  readonly pairs: number;
  /** Invocations per batch. */
  readonly batch: number;
  /** Processes per handler, taking turns with the other handlers'. */
  readonly passes: number;
}

export interface WarmFigure {
  readonly id: HandlerId;
  readonly label: string;
  /** Median time per invocation of the handler, and of the floor in the same processes, in nanoseconds. */
  readonly ns: number;
  readonly floorNs: number;
  /** The handler's time over the floor's in its own process: the median of its passes, and their range. */
  readonly ratio: number;
  readonly ratioLow: number;
  readonly ratioHigh: number;
}

interface Pass {
  readonly floorNs: number;
  readonly handlerNs: number;
  readonly ratio: number;
}

export async function measureWarm(ids: readonly HandlerId[], options: WarmOptions): Promise<WarmFigure[]> {
  const passes = new Map<HandlerId, Pass[]>(ids.map((id) => [id, []]));
  for (let pass = 0; pass < options.passes; pass++) {
    for (const id of pass % 2 ? [...ids].reverse() : ids) {
      const { stdout } = await run(process.execPath, [
        CHILD,
        id,
        String(options.pairs),
        String(options.batch),
      ]);
      passes.get(id)?.push(JSON.parse(stdout) as Pass);
    }
  }
  return ids.map((id) => {
    const runs = passes.get(id) ?? [];
    const ratios = runs.map((result) => result.ratio);
    return {
      id,
      label: LIBRARIES[id].label,
      ns: median(runs.map((result) => result.handlerNs)),
      floorNs: median(runs.map((result) => result.floorNs)),
      ratio: median(ratios),
      ratioLow: Math.min(...ratios),
      ratioHigh: Math.max(...ratios),
    };
  });
}
