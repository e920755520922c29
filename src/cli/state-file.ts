/**
 * `local --persist FILE`: the local endpoint's secrets, read from FILE at start and written back after each
 * change. Each write goes to a temporary file renamed over FILE, so a stop at any moment leaves either the
 * old state or the new one, never half of one.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseStateText, stateText } from "../local/persist.js";
import type { SecretRecord } from "../local/secret-model.js";
import { CliError } from "./cli-error.js";

/** A state file. */
export interface StateFile {
  /** The saved secrets; none when the file does not exist yet. */
  load(): SecretRecord[];
  /**
   * Writes `records` when they differ from what the file holds.
   *
   * @throws {Error} the file system's error (its `code` says why).
   */
  save(records: readonly SecretRecord[]): void;
}

/**
 * The state file `file` (as given on the command line), resolved against `cwd`.
 *
 * @throws {CliError} from `load`, exit status 2: the file cannot be read (`FILE`), or is not a state file
 * this tool wrote (`INVALID_STATE`).
 */
export function openStateFile(file: string, cwd: string): StateFile {
  const where = path.resolve(cwd, file);
  let written: string | undefined;
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(where, "utf8");
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return [];
        throw new CliError(`--persist: cannot read ${file} (${code}).`, {
          exitCode: 2,
          code: "FILE",
          cause: error,
        });
      }
      const parsed = parseStateText(text);
      if ("problem" in parsed) {
        throw new CliError(
          `--persist: ${file} cannot be used: ${parsed.problem}. Name another file, or delete this one to ` +
            "start afresh.",
          { exitCode: 2, code: "INVALID_STATE" },
        );
      }
      written = text;
      return parsed.records;
    },
    save(records) {
      const text = stateText(records);
      if (text === written) return;
      const temporary = `${where}.${process.pid}.tmp`;
      try {
        // Owner-only: the file holds the secrets' values.
        writeFileSync(temporary, text, { mode: 0o600 });
        renameSync(temporary, where);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
      written = text;
    },
  };
}
