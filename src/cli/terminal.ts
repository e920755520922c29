/**
 * Talking to an operator at a terminal: a value pasted without echo (`--stdin`, as `read -s` reads), and a
 * yes/no question before a destructive command. Both read raw keystrokes (see {@link Terminal}), so they handle
 * the keys a line editor would: Enter, Backspace, Ctrl-C, Ctrl-D. Escape sequences (arrow keys, a terminal's
 * paste markers) are dropped.
 */
import { CliError } from "./cli-error.js";
import type { CliIo, Terminal, TextSink } from "./io.js";

const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const ERASE = new Set(["\u007f", "\b"]);
// CSI sequences (ESC [ parameters final-byte: arrows, paste markers), SS3 ones (ESC O x: F1-F4), and
// two-character escapes (Alt+key).
const ESCAPE_SEQUENCE = new RegExp(`${"\u001b"}(?:\\[[0-?]*[ -/]*[@-~]|O.|[^[O])?`, "g");

/** The keys in a piece of raw input, one character each, escape sequences dropped; Enter reads as "\n". */
function keysOf(text: string): string[] {
  return [...text.replace(ESCAPE_SEQUENCE, "").replace(/\r\n?/g, "\n")];
}

function cancelled(): CliError {
  return new CliError("Cancelled (Ctrl-C): nothing was written.", { code: "CANCELLED" });
}

/**
 * Reads a value typed or pasted at the terminal without showing it, up to Ctrl-D; one final newline is the
 * caller's to drop. Reading stops once the value is longer than `limit` bytes, which the caller refuses.
 *
 * @throws {CliError} `CANCELLED` on Ctrl-C.
 */
export async function readHidden(terminal: Terminal, stderr: TextSink, limit: number): Promise<string> {
  const typed: string[] = [];
  let bytes = 0;
  let interrupted = false;
  await terminal.readRaw(function takeValueKeys(text) {
    for (const key of keysOf(text)) {
      if (key === CTRL_C) interrupted = true;
      if (key === CTRL_C || key === CTRL_D) return true;
      if (ERASE.has(key)) {
        bytes -= Buffer.byteLength(typed.pop() ?? "");
      } else if (key === "\n" || key === "\t" || key >= " ") {
        typed.push(key);
        bytes += Buffer.byteLength(key);
        if (bytes > limit) return true;
      }
    }
    return false;
  });
  // Raw mode echoed nothing, not even the Enter that ended the last line.
  stderr.write("\n");
  if (interrupted) throw cancelled();
  return typed.join("");
}

/**
 * Asks a yes/no question; only "y" or "yes" (any case) is yes. The answer is echoed as typed.
 *
 * @throws {CliError} `CANCELLED` at Ctrl-C, as every prompt does.
 */
async function ask(terminal: Terminal, stderr: TextSink, question: string): Promise<boolean> {
  let answer = "";
  let refused = false;
  let interrupted = false;
  // Raw mode first, then the question: a key typed at once is never echoed by the terminal itself.
  const reading = terminal.readRaw(function takeAnswerKeys(text) {
    for (const key of keysOf(text)) {
      if (key === CTRL_C) interrupted = true;
      if (key === CTRL_D) refused = true;
      if (key === "\n" || key === CTRL_C || key === CTRL_D) return true;
      if (ERASE.has(key)) {
        if (answer !== "") stderr.write("\b \b");
        answer = answer.slice(0, -1);
      } else if (key >= " ") {
        answer += key;
        stderr.write(key);
      }
    }
    return false;
  });
  stderr.write(`${question} [y/N] `);
  await reading;
  stderr.write("\n");
  if (interrupted) throw cancelled();
  return !refused && /^y(es)?$/i.test(answer.trim());
}

/**
 * Asks before a destructive command when stdin is a terminal and `--yes` was not given, after printing
 * `preview` (the masked diff) to stdout. Without a terminal (a script, a pipe), it does not ask: such runs
 * behave as they always have. Returns whether it asked, so the preview is not printed twice.
 *
 * @throws {CliError} `CANCELLED` when the answer is not yes.
 */
export async function confirmOrStop(
  io: CliIo,
  yes: boolean,
  preview: () => string,
  question: string,
): Promise<boolean> {
  if (yes || io.terminal === undefined) return false;
  io.stdout.write(preview());
  if (!(await ask(io.terminal, io.stderr, question))) {
    throw new CliError("Not confirmed: nothing was written.", { code: "CANCELLED" });
  }
  return true;
}
