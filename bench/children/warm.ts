// Child of warm.ts: one handler beside the floor, with no other handler loaded, timed in batches that take
// turns with the floor's. Prints { floorNs, handlerNs, ratio } for the parent.
import { type HandlerId, lambdaContext, median } from "../fixture.ts";
import { invokeChecked, type LoadedLibrary, loadInProcess } from "../in-process.ts";

const [id, pairs, batch] = process.argv.slice(2);
const PAIRS = Number(pairs);
const BATCH = Number(batch);
// Enough turns for V8 to have optimised both handlers before anything counts.
const WARMUP_PAIRS = 50;

console.debug = () => {};
const { libraries } = await loadInProcess(["bare", id as HandlerId]);
const [floor, handler] = libraries as [LoadedLibrary, LoadedLibrary];
const event = {};

/** Nanoseconds per invocation over one batch of invocations, one after the other. */
async function timeBatch({ handler: invoke }: LoadedLibrary): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < BATCH; index++) await invoke(event, lambdaContext());
  return Number(process.hrtime.bigint() - started) / BATCH;
}

for (const library of libraries) await invokeChecked(library);
const floorNs: number[] = [];
const handlerNs: number[] = [];
for (let pair = 0; pair < WARMUP_PAIRS + PAIRS; pair++) {
  // Each goes first in every other pair, so neither always runs just after a slow moment of the other's.
  const [first, second] = pair % 2 ? [handler, floor] : [floor, handler];
  const firstNs = await timeBatch(first);
  const secondNs = await timeBatch(second);
  if (pair < WARMUP_PAIRS) continue;
  floorNs.push(pair % 2 ? secondNs : firstNs);
  handlerNs.push(pair % 2 ? firstNs : secondNs);
}
for (const library of libraries) await invokeChecked(library);

process.stdout.write(
  JSON.stringify({
    floorNs: median(floorNs),
    handlerNs: median(handlerNs),
    ratio: median(handlerNs.map((ns, index) => ns / (floorNs[index] as number))),
  }),
);
process.exit(0);
