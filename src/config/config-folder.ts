import path from "node:path";

/** A configuration folder, and where its path came from (messages name it, so a user knows what to change). */
export interface ConfigFolder {
  readonly directory: string;
  readonly origin: string;
  /**
   * How to choose another folder, in the words of whoever reads it (the CLI names its flags); default the
   * library's (`loadStarfleetConfig({ directory })`, `STARFLEET_CONFIG_DIR`, the Lambda package).
   */
  readonly howToChoose?: string;
}

/**
 * Which configuration folder to read: the one given, else `$STARFLEET_CONFIG_DIR`, else
 * `$LAMBDA_TASK_ROOT/configuration_files` (where a deployed function has it), else `./configuration_files`.
 * Empty values count as unset. The library and the CLI both choose by this rule; the CLI passes its own
 * environment and working folder.
 */
export function findConfigFolder(
  given: ConfigFolder | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): ConfigFolder {
  if (given?.directory) return { directory: path.resolve(cwd, given.directory), origin: given.origin };
  if (env.STARFLEET_CONFIG_DIR) {
    return { directory: path.resolve(cwd, env.STARFLEET_CONFIG_DIR), origin: "STARFLEET_CONFIG_DIR" };
  }
  if (env.LAMBDA_TASK_ROOT) {
    return {
      directory: path.resolve(cwd, env.LAMBDA_TASK_ROOT, "configuration_files"),
      origin: "LAMBDA_TASK_ROOT/configuration_files",
    };
  }
  return {
    directory: path.resolve(cwd, "configuration_files"),
    origin: "configuration_files in the working directory",
  };
}
