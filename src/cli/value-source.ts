/**
 * Where `set` takes the new value from. Values never pass through the command line, which ends up in shell
 * history and process listings: a file (a PEM key), stdin (a token), or `--json` for values that are not
 * secret by themselves (`{}`, a list of org names).
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { CliError, usageError } from "./cli-error.js";
import { type CliIo, readAtMost } from "./io.js";
import { type JsonValue, jsonDepth, MAX_JSON_DEPTH, parseJson } from "./secret-json.js";
import { MAX_SECRET_BYTES } from "./secret-shape.js";
import { readHidden } from "./terminal.js";

/** The new value's source, from `--from-file FILE`, `--stdin` or `--json VALUE`. */
export type ValueSource =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "stdin" }
  | { readonly kind: "json"; readonly text: string };

// fatal: a binary file (a DER key, a .p12) is refused instead of being stored as replacement characters.
const utf8 = new TextDecoder("utf-8", { fatal: true });

const STORE_BINARY_AS_TEXT =
  " Store binary data as text first, for example base64-encoded: " +
  "`base64 -i FILE | starfleet-secrets set WORKER KEY --stdin`.";

/** The value as text: UTF-8, and no larger than the whole secret may be. */
function decodeText(bytes: Uint8Array, what: string, binaryHint = STORE_BINARY_AS_TEXT): string {
  if (bytes.length > MAX_SECRET_BYTES) {
    throw new CliError(
      `${what} is larger than Secrets Manager's limit of ${MAX_SECRET_BYTES} bytes for the whole secret ` +
        "(reading stopped there); store a smaller value.",
      { exitCode: 2, code: "TOO_LARGE" },
    );
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CliError(`${what} is not UTF-8 text.${binaryHint}`, { exitCode: 2, code: "NOT_TEXT" });
  }
}

/**
 * The text of a file named by `option` (`--from-file`, `--seed`): UTF-8, not empty, and no larger than a
 * whole secret may be.
 *
 * @throws {CliError} exit status 2: an unreadable, empty, too large or non-UTF-8 file.
 */
export async function readTextFile(
  file: string,
  cwd: string,
  option: string,
  binaryHint?: string,
): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readAtMost(createReadStream(path.resolve(cwd, file)), MAX_SECRET_BYTES);
  } catch (error) {
    // File system errors always have a code (ENOENT, EACCES, EISDIR, ...).
    const code = String((error as NodeJS.ErrnoException).code);
    throw new CliError(`${option}: cannot read ${file} (${code}).`, {
      exitCode: 2,
      code: "FILE",
      cause: error,
    });
  }
  const text = decodeText(bytes, `${option} ${file}`, binaryHint);
  if (text === "") throw new CliError(`${option}: ${file} is empty.`, { exitCode: 2, code: "EMPTY_VALUE" });
  return text;
}

/** stdin's bytes: piped as they come, or typed at a terminal without echo (as `read -s` reads). */
async function stdinBytes(io: CliIo): Promise<Buffer> {
  if (io.terminal === undefined) return readAtMost(io.stdin, MAX_SECRET_BYTES);
  // The terminal is in raw mode before this is printed, so nothing typed after it is echoed.
  const reading = readHidden(io.terminal, io.stderr, MAX_SECRET_BYTES);
  io.stderr.write("Paste the value (it will not be shown), then press Enter and Ctrl-D; Ctrl-C cancels.\n");
  return Buffer.from(await reading);
}

async function fromStdin(io: CliIo): Promise<string> {
  const text = decodeText(await stdinBytes(io), "stdin");
  // `echo token |` and typing a value then Enter both add one newline that is not part of the value.
  const value = text.replace(/\r?\n$/, "");
  if (value === "")
    throw new CliError("--stdin: nothing was read from stdin.", { exitCode: 2, code: "EMPTY_VALUE" });
  return value;
}

// Set under an entry and a key, the value sits two levels down in the secret.
const MAX_VALUE_DEPTH = MAX_JSON_DEPTH - 2;

function fromJson(text: string): JsonValue {
  const depth = jsonDepth(text);
  if (depth > MAX_VALUE_DEPTH) {
    throw usageError(
      `--json: the value is nested ${depth} levels deep; at most ${MAX_VALUE_DEPTH} are allowed`,
      "set",
    );
  }
  try {
    return parseJson(text);
  } catch {
    // V8's message quotes the input, which may be the secret: say what is wrong without it.
    throw usageError(
      "--json: the value is not valid JSON (a string needs its quotes, as in --json '\"text\"'; for " +
        "plain text use --stdin or --from-file)",
      "set",
    );
  }
}

/**
 * Reads the text of a file or of stdin, as `set` would store it, for `put` to parse as the whole secret.
 *
 * @throws {CliError} exit status 2: an unreadable, empty, too large or non-UTF-8 file or stdin.
 */
export function readValueText(source: Exclude<ValueSource, { kind: "json" }>, io: CliIo): Promise<string> {
  // A file is stored exactly as it is, final newline included: PEM files end with one and every PEM parser
  // accepts it, and "exactly the file" is the rule least likely to surprise.
  return source.kind === "file" ? readTextFile(source.path, io.cwd, "--from-file") : fromStdin(io);
}

/**
 * Reads the new value. A file or stdin gives a JSON string; `--json` gives whatever the JSON says.
 *
 * @throws {CliError} exit status 2: an unreadable, empty, too large or non-UTF-8 file or stdin, empty
 * stdin, invalid JSON.
 */
export async function readNewValue(source: ValueSource, io: CliIo): Promise<JsonValue> {
  return source.kind === "json" ? fromJson(source.text) : readValueText(source, io);
}
