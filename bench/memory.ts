/**
 * Figure 5: memory. V8 heap in use after the first invocation and a full GC, in the same child processes
 * as the cold-start figure (run with --expose-gc). Medians; the floor is the bare Middy handler.
 */
import type { FirstInvocations } from "./first-invocations.ts";
import { median } from "./fixture.ts";

export interface MemoryFigure {
  readonly id: string;
  readonly label: string;
  /** Median heap used, and its excess over the floor's, in bytes. */
  readonly heapUsed: number;
  readonly overFloor: number;
}

/** The first entry is the floor. */
export function memoryFigures(collected: readonly FirstInvocations[]): MemoryFigure[] {
  const floor = collected[0];
  if (!floor) throw new Error("memory: no floor");
  const floorHeap = median(floor.runs.map((run) => run.heapUsed));
  return collected.map(({ library, runs }) => {
    const heapUsed = median(runs.map((run) => run.heapUsed));
    return { id: library.id, label: library.label, heapUsed, overFloor: heapUsed - floorHeap };
  });
}
