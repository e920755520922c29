/**
 * Figure 3: cold start. A fresh Node process imports the handler, wraps it and completes the first
 * invocation, fetching the secret over HTTP from the local endpoint. Medians over the child runs.
 */
import type { FirstInvocations } from "./first-invocations.ts";
import { median } from "./fixture.ts";

export interface ColdStartFigure {
  readonly id: string;
  readonly label: string;
  readonly runs: number;
  /** Medians in ms: spawn to exit (parent), and from the child's process start. */
  readonly wallMs: number;
  readonly nodeReadyMs: number;
  readonly importedMs: number;
  readonly firstResultMs: number;
  /** Median first result minus the floor's. */
  readonly overFloorMs: number;
  /** Median absolute deviation of the first results: how far a typical run lands from the median. */
  readonly firstResultSpreadMs: number;
  /** The fastest run's first result: other work on the machine only ever adds to a run. */
  readonly bestFirstResultMs: number;
  /** Module files resolved in the traced run, and whether the AWS SDK's Secrets Manager client was one. */
  readonly modulesLoaded: number;
  readonly sdkLoaded: boolean;
}

const SDK_MODULE = "client-secrets-manager";

/** The first entry is the floor. */
export function coldStartFigures(collected: readonly FirstInvocations[]): ColdStartFigure[] {
  const floor = collected[0];
  if (!floor) throw new Error("cold start: no floor");
  const floorFirstResult = median(floor.runs.map((run) => run.firstResultMs));
  return collected.map(({ library, runs, modules }) => {
    const firstResultMs = median(runs.map((run) => run.firstResultMs));
    const firstResultSpreadMs = median(runs.map((run) => Math.abs(run.firstResultMs - firstResultMs)));
    return {
      id: library.id,
      label: library.label,
      runs: runs.length,
      wallMs: median(runs.map((run) => run.wallMs)),
      nodeReadyMs: median(runs.map((run) => run.nodeReadyMs)),
      importedMs: median(runs.map((run) => run.importedMs)),
      firstResultMs,
      overFloorMs: firstResultMs - floorFirstResult,
      firstResultSpreadMs,
      bestFirstResultMs: Math.min(...runs.map((run) => run.firstResultMs)),
      modulesLoaded: modules.filter((url) => url.startsWith("file:")).length,
      sdkLoaded: modules.some((url) => url.includes(SDK_MODULE)),
    };
  });
}

/** Throws unless the worker without Secrets Manager configured loaded no part of the Secrets Manager SDK. */
export function assertSdkNotLoaded(
  figure: ColdStartFigure | undefined,
  collected: FirstInvocations | undefined,
): void {
  if (!figure || !collected) throw new Error("cold start: the unconfigured run is missing");
  if (figure.sdkLoaded) {
    const offenders = collected.modules.filter((url) => url.includes(SDK_MODULE)).slice(0, 3);
    throw new Error(`${figure.label} loaded the Secrets Manager SDK: ${offenders.join(", ")}`);
  }
}
