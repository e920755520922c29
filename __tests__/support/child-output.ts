/** Collecting what a child process prints, for tests that run one. */
import type { ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";

/** What a child process has printed so far. */
export function outputOf(child: ChildProcessByStdio<Writable | null, Readable, Readable>): () => {
  stdout: string;
  stderr: string;
} {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return () => ({ stdout, stderr });
}
