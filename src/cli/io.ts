/**
 * What the CLI talks to, gathered in one object so `runCli` can run against a real terminal (main.ts) or
 * against buffers (tests).
 */
import { isatty } from "node:tty";

/** Somewhere to write text: `process.stdout` and `process.stderr` fit. */
export interface TextSink {
  write(text: string): unknown;
}

/** The process around one CLI run. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Read only by `set --stdin`. */
  readonly stdin: AsyncIterable<string | Uint8Array>;
  /**
   * The environment the CLI reads itself (`STARFLEET_CONFIG_DIR`, `LAMBDA_TASK_ROOT`). The AWS SDK reads
   * credentials, profiles and `AWS_ENDPOINT_URL_SECRETS_MANAGER` from `process.env` on its own.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdin and stdout are terminals: `show --reveal` warns, `set --stdin` prompts. */
  readonly isTTY: { readonly stdin: boolean; readonly stdout: boolean };
  /** The folder relative paths (`--config`, `--from-file`) are resolved against. */
  readonly cwd: string;
  /**
   * Resolves with the signal's name when the user asks a long-running command (`local`) to stop: Ctrl-C
   * (SIGINT) or SIGTERM. Only that command calls it, so no other command changes how Ctrl-C behaves.
   */
  waitForStop(): Promise<string>;
}

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** The next SIGINT or SIGTERM, after which both have their default behaviour again. */
function nextStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      for (const name of STOP_SIGNALS) process.off(name, stop);
      resolve(signal);
    };
    for (const name of STOP_SIGNALS) process.on(name, stop);
  });
}

/**
 * The io of the running process.
 */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // A getter: creating process.stdin opens a handle on fd 0, which only `set --stdin` needs.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    isTTY: { stdin: isatty(0), stdout: isatty(1) },
    cwd: process.cwd(),
    waitForStop: nextStopSignal,
  };
}

/**
 * Reads a stream to its end, as bytes, but stops once it has more than `limit` (`/dev/zero` never ends):
 * a result longer than `limit` means the stream was too long.
 */
export async function readAtMost(stream: AsyncIterable<string | Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.from(chunk);
    chunks.push(bytes);
    length += bytes.length;
    if (length > limit) break;
  }
  return Buffer.concat(chunks);
}
