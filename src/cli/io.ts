/**
 * What the CLI talks to, gathered in one object so `runCli` can run against a real terminal (main.ts) or
 * against buffers (tests).
 */
import { isatty } from "node:tty";

/** Somewhere to write text: `process.stdout` and `process.stderr` fit. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * The terminal stdin is, read keystroke by keystroke: the terminal is put in raw mode (nothing echoed, no line
 * editing; Enter, Ctrl-C and Ctrl-D arrive as the characters "\r", "\u0003" and "\u0004") while it is read.
 */
export interface Terminal {
  /**
   * Puts the terminal in raw mode, hands each piece of text typed or pasted to `take` until it returns true,
   * then restores the terminal. stdin stays open for the next read (a confirmation after a value). A terminal
   * that closes meanwhile reads as Ctrl-D.
   */
  readRaw(take: (text: string) => boolean): Promise<void>;
}

/** The process around one CLI run. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Read by `--stdin` when it is not a terminal. */
  readonly stdin: AsyncIterable<string | Uint8Array>;
  /** Present when stdin is a terminal: `--stdin` reads without echo, destructive commands ask first. */
  readonly terminal?: Terminal;
  /**
   * The environment the CLI reads itself (`STARFLEET_CONFIG_DIR`, `LAMBDA_TASK_ROOT`). The AWS SDK reads
   * credentials, profiles and `AWS_ENDPOINT_URL_SECRETS_MANAGER` from `process.env` on its own.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal: `show --reveal` warns. */
  readonly isTTY: { readonly stdout: boolean };
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

/** The process's stdin as a {@link Terminal}. */
function processTerminal(): Terminal {
  return {
    readRaw(take) {
      const stdin = process.stdin;
      return new Promise((resolve) => {
        function finish(): void {
          stdin.off("data", onData);
          stdin.off("end", onEnd);
          stdin.setRawMode(false);
          // Paused, stdin no longer keeps the process alive, and the next read resumes it.
          stdin.pause();
          resolve();
        }
        function onData(text: string): void {
          if (take(text)) finish();
        }
        function onEnd(): void {
          take("\u0004");
          finish();
        }
        stdin.setEncoding("utf8");
        stdin.setRawMode(true);
        stdin.on("data", onData);
        stdin.on("end", onEnd);
        stdin.resume();
      });
    },
  };
}

/**
 * The io of the running process.
 */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // A getter: creating process.stdin opens a handle on fd 0, which only `--stdin` needs.
    get stdin() {
      return process.stdin;
    },
    ...(isatty(0) ? { terminal: processTerminal() } : {}),
    env: process.env,
    isTTY: { stdout: isatty(1) },
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
