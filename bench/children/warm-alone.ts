// Child of warm-alone.ts: the warm figures of the floor and one handler, with no other handler loaded.
import type { HandlerId } from "../fixture.ts";
import { loadInProcess } from "../in-process.ts";
import { measureWarm } from "../warm.ts";

const [id, timeMs, rounds] = process.argv.slice(2);
console.debug = () => {};
const { libraries } = await loadInProcess(["bare", id as HandlerId]);
const figures = await measureWarm(libraries, { timeMs: Number(timeMs), rounds: Number(rounds) });
process.stdout.write(JSON.stringify(figures));
process.exit(0);
