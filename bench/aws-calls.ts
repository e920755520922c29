/**
 * Figure 2: calls to AWS. For each library, from an empty cache: 100 invocations at once (a burst on a
 * Lambda Managed Instance, or concurrent first invocations sharing one process), then 1,000 one after the
 * other. Counts the GetSecretValue calls the mocked client received. The mock answers after a small
 * latency, as Secrets Manager does, so concurrent invocations really overlap.
 */
import { isDeepStrictEqual } from "node:util";
import { lambdaContext } from "./fixture.ts";
import { invokeChecked, type LoadedLibrary, type MockedSecretsManager } from "./in-process.ts";

export const CONCURRENT_INVOCATIONS = 100;
export const SEQUENTIAL_INVOCATIONS = 1_000;
export const MOCK_LATENCY_MS = 20;

export interface CallsFigure {
  readonly id: string;
  readonly label: string;
  /** GetSecretValue calls made by the concurrent burst, then by the sequential invocations. */
  readonly concurrentCalls: number;
  readonly sequentialCalls: number;
  /** Wall time of the sequential phase, in ms (Powertools refetches when it outlasts maxAge). */
  readonly sequentialMs: number;
}

export async function measureCalls(
  libraries: readonly LoadedLibrary[],
  mock: MockedSecretsManager,
): Promise<CallsFigure[]> {
  const figures: CallsFigure[] = [];
  mock.latencyMs = MOCK_LATENCY_MS;
  try {
    for (const loaded of libraries) {
      const { library, handler } = loaded;
      await loaded.clearCache();
      mock.resetCalls();

      const results = await Promise.all(
        Array.from({ length: CONCURRENT_INVOCATIONS }, () => handler({}, lambdaContext())),
      );
      if (!results.every((result) => isDeepStrictEqual(result, library.expected))) {
        throw new Error(`calls: ${library.label} returned something else than the worker's entry`);
      }
      const concurrentCalls = mock.calls();

      mock.resetCalls();
      const started = performance.now();
      for (let i = 0; i < SEQUENTIAL_INVOCATIONS; i++) await handler({}, lambdaContext());
      const sequentialMs = performance.now() - started;
      const sequentialCalls = mock.calls();
      await invokeChecked(loaded);

      figures.push({ id: library.id, label: library.label, concurrentCalls, sequentialCalls, sequentialMs });
    }
  } finally {
    mock.latencyMs = 0;
  }
  return figures;
}
