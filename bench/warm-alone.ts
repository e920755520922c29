/**
 * The warm figure of our handler with and without a `schema`, each measured in a process of its own beside
 * the floor. In one process, a handler loaded after another instance of this library's middleware
 * measures slower whichever it is (the shared code has seen more shapes), so the two are compared apart.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { BENCH_DIR, type HandlerId } from "./fixture.ts";
import type { WarmFigure, WarmOptions } from "./warm.ts";

const run = promisify(execFile);
const CHILD = path.join(BENCH_DIR, "children", "warm-alone.ts");

/** A handler's warm figure and its own process's floor. */
export interface WarmPair {
  readonly floor: WarmFigure;
  readonly handler: WarmFigure;
}

export async function measureWarmAlone(
  ids: readonly HandlerId[],
  { timeMs, rounds }: WarmOptions,
): Promise<WarmPair[]> {
  const pairs: WarmPair[] = [];
  for (const id of ids) {
    const { stdout } = await run(process.execPath, [CHILD, id, String(timeMs), String(rounds)]);
    const [floor, handler] = JSON.parse(stdout) as [WarmFigure, WarmFigure];
    pairs.push({ floor, handler });
  }
  return pairs;
}
