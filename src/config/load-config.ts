/**
 * Loads the Starfleet configuration: every YAML file of the configuration folder, merged by top-level key,
 * then validated. Synchronous because it runs once at Lambda cold start, before any handler code, and a
 * config read there has nothing to overlap with.
 *
 * Stricter than Starfleet's Python, on purpose: files are read in sorted order (not directory order),
 * `.yml` counts, an empty file is fine, a top-level key defined twice is an error (Python silently keeps
 * one), and the folder can be moved with `STARFLEET_CONFIG_DIR`.
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_SCHEMA, loadAll, YAMLException } from "js-yaml";
import { StarfleetConfigError, type StarfleetConfigIssue } from "../errors.js";
import type { LoadStarfleetConfigOptions, StarfleetConfig } from "../types/config.js";
import { deepFreeze } from "../util/deep-freeze.js";
import { type ConfigFolder, findConfigFolder } from "./config-folder.js";
import { describeYaml, isYamlMapping, validateStarfleetConfig } from "./validate-config.js";

/** The merged top-level keys of every file, with the file each came from. */
interface ConfigFolderContents {
  readonly document: Record<string, unknown>;
  readonly sources: ReadonlyMap<string, string>;
  readonly issues: readonly StarfleetConfigIssue[];
  /** A file could not be read or parsed, so keys may be missing through no fault of the others. */
  readonly incomplete: boolean;
}

const HOW_TO_CHOOSE_THE_FOLDER =
  "Pass loadStarfleetConfig({ directory }), set the STARFLEET_CONFIG_DIR environment variable, or ship a " +
  "configuration_files folder beside the handler (in the Lambda package root).";

// Successful loads of the default folder, by resolved path: the default folder is read once per container.
const memoByDirectory = new Map<string, StarfleetConfig>();

/**
 * Loads, merges and validates the Starfleet configuration, and returns it deep-frozen with the `STARFLEET`
 * defaults applied.
 *
 * The folder is `options.directory`, else `$STARFLEET_CONFIG_DIR`, else
 * `$LAMBDA_TASK_ROOT/configuration_files`, else `./configuration_files` (empty values count as unset).
 * Every `*.yaml` and `*.yml` file directly in it is read, in sorted order; dot-files (such as macOS `._x.yaml`
 * resource forks) are skipped, like a shell `*.yaml` glob does. The default folder's result is kept for the
 * life of the process; an explicit `directory` is read on every call. `!!binary` values are the one part of
 * the result that cannot be frozen.
 *
 * @throws {StarfleetConfigError} listing every problem found: folder missing, YAML errors (file, line,
 * column), a top-level key in two files, invalid `STARFLEET` fields.
 *
 * @example
 * ```ts
 * import { loadStarfleetConfig } from "middy-starfleet-secrets";
 *
 * const { STARFLEET } = loadStarfleetConfig();
 * if (STARFLEET.SecretsManager) console.log(STARFLEET.SecretsManager.SecretRegion);
 * const tests = loadStarfleetConfig({ directory: "test/fixtures/configuration_files" });
 * ```
 */
export function loadStarfleetConfig(options: LoadStarfleetConfigOptions = {}): StarfleetConfig {
  if (options.directory)
    return loadConfigFolder(findConfigFolder({ directory: options.directory, origin: "options.directory" }));
  const location = findConfigFolder(undefined);
  const memoized = memoByDirectory.get(location.directory);
  if (memoized !== undefined) return memoized;
  const config = loadConfigFolder(location);
  memoByDirectory.set(location.directory, config);
  return config;
}

/** Loads, merges and validates the configuration in `location` (a folder found by {@link findConfigFolder}). */
export function loadConfigFolder(location: ConfigFolder): StarfleetConfig {
  const contents = readConfigFolder(location);
  const issues = [...contents.issues];
  // A STARFLEET stanza in a file that failed to parse is not missing; its parse error says what to fix.
  if (!contents.incomplete || Object.hasOwn(contents.document, "STARFLEET")) {
    const result = validateStarfleetConfig(contents.document, contents.sources);
    if (result.valid && issues.length === 0) return deepFreeze(result.config);
    if (!result.valid) issues.push(...result.issues);
  }
  throw new StarfleetConfigError(issues, location.directory);
}

function readConfigFolder(location: ConfigFolder): ConfigFolderContents {
  const files = listYamlFiles(location);
  const merged = new Map<string, unknown>();
  const sources = new Map<string, string>();
  const issues: StarfleetConfigIssue[] = [];
  let incomplete = false;
  for (const file of files) {
    const parsed = parseYamlFile(file);
    if (!parsed.ok) {
      issues.push(parsed.issue);
      incomplete ||= parsed.incomplete;
      continue;
    }
    for (const [key, value] of Object.entries(parsed.mapping)) {
      const earlier = sources.get(key);
      if (earlier === undefined) {
        merged.set(key, value);
        sources.set(key, file);
      } else {
        issues.push({ file, path: key, message: duplicateKeyMessage(key, earlier, file) });
      }
    }
  }
  // fromEntries, not assignment: a top-level key named __proto__ stays a key.
  return { document: Object.fromEntries(merged), sources, issues, incomplete };
}

function duplicateKeyMessage(key: string, first: string, second: string): string {
  return (
    `Top-level key ${key} is defined in both ${path.basename(first)} and ${path.basename(second)}. ` +
    "Each top-level key must be defined in exactly one file (Starfleet's Python would silently keep one " +
    "of them): merge the two stanzas into one file."
  );
}

/**
 * Every `*.yaml` and `*.yml` entry of the folder, as full paths in sorted order, whatever kind of entry it
 * is: one that is not a readable file is reported with the other problems. Throws when there are none.
 */
function howToChoose(location: ConfigFolder): string {
  return location.howToChoose ?? HOW_TO_CHOOSE_THE_FOLDER;
}

function listYamlFiles(location: ConfigFolder): string[] {
  const { directory } = location;
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch (error) {
    throw new StarfleetConfigError([{ path: "", message: folderErrorMessage(location, error) }], directory);
  }
  const yamlNames = names.filter(isYamlName).sort();
  if (yamlNames.length === 0) {
    throw new StarfleetConfigError(
      [
        {
          path: "",
          message:
            `The configuration folder ${directory} has no .yaml or .yml files. Put Starfleet's configuration ` +
            "files (with the STARFLEET stanza) there, or point at the folder that holds them. " +
            howToChoose(location),
        },
      ],
      directory,
    );
  }
  return yamlNames.map((name) => path.join(directory, name));
}

function isYamlName(name: string): boolean {
  return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
}

const NOT_A_YAML_FILE =
  "Remove it, or rename it so that its name does not end in .yaml or .yml (every such entry of the folder " +
  "is read as configuration).";

/**
 * Why a YAML-named entry cannot be read as a file, or `undefined` when it can. Looks without opening it:
 * opening a FIFO would wait for a writer forever.
 */
function notAFile(file: string): string | undefined {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") {
      return `The file is a symbolic link to a file that does not exist (ENOENT). Fix the link. ${NOT_A_YAML_FILE}`;
    }
    if (code === "ELOOP")
      return `Could not read the file (ELOOP): its symbolic links form a loop. Fix the link.`;
    return `Could not read the file (${code}). Make it a readable file, or remove it.`;
  }
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return `The entry is a folder, not a file. ${NOT_A_YAML_FILE}`;
  return `The entry is not a regular file (a FIFO, socket or device), so it was not read. ${NOT_A_YAML_FILE}`;
}

// Node's fs functions fail with a system error that always has a code (ENOENT, EACCES, ...).
function errorCode(error: unknown): string {
  return String((error as NodeJS.ErrnoException).code);
}

function folderErrorMessage(location: ConfigFolder, error: unknown): string {
  const { directory, origin } = location;
  const code = errorCode(error);
  if (code === "ENOENT") {
    return `The configuration folder ${directory} (from ${origin}) does not exist. ${howToChoose(location)}`;
  }
  if (code === "ENOTDIR") {
    return (
      `The configuration folder ${directory} (from ${origin}) is a file, not a folder. Point at the folder ` +
      `that holds the YAML files. ${howToChoose(location)}`
    );
  }
  if (code === "EACCES" || code === "EPERM") {
    return (
      `The configuration folder ${directory} (from ${origin}) is not readable (${code}). Make the folder ` +
      "readable and listable by the user the function runs as."
    );
  }
  return `The configuration folder ${directory} (from ${origin}) could not be read (${code}).`;
}

type ParsedFile =
  | { readonly ok: true; readonly mapping: Record<string, unknown> }
  | { readonly ok: false; readonly issue: StarfleetConfigIssue; readonly incomplete: boolean };

function parseYamlFile(file: string): ParsedFile {
  const problem = notAFile(file);
  if (problem !== undefined)
    return { ok: false, incomplete: true, issue: { file, path: "", message: problem } };
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return {
      ok: false,
      incomplete: true,
      issue: { file, path: "", message: `Could not read the file (${errorCode(error)}).` },
    };
  }
  let documents: unknown[];
  try {
    // js-yaml 4's DEFAULT_SCHEMA is safe: plain YAML types only, no JavaScript functions or regexps.
    // loadAll rather than load, to tell "several documents" apart from a syntax error.
    documents = loadAll(text, null, { filename: file, schema: DEFAULT_SCHEMA });
  } catch (error) {
    return { ok: false, incomplete: true, issue: { file, path: "", message: yamlErrorMessage(error) } };
  }
  const [document = null, ...others] = documents;
  if (others.length > 0) {
    return {
      ok: false,
      incomplete: true,
      issue: {
        file,
        path: "",
        message:
          `The file holds ${documents.length} YAML documents (separated by ---); Starfleet reads one per file. ` +
          "Remove the --- separators or move each document to its own file.",
      },
    };
  }
  // An empty file, or one with only comments, holds a null document: it contributes nothing.
  if (document === null) return { ok: true, mapping: {} };
  if (!isYamlMapping(document)) {
    return {
      ok: false,
      incomplete: false,
      issue: {
        file,
        path: "",
        message:
          "The file must hold a mapping of top-level keys (such as STARFLEET:), but holds " +
          `${describeYaml(document)}. Write each stanza as \`Name:\` at the start of a line, with its ` +
          "settings indented below.",
      },
    };
  }
  return { ok: true, mapping: document };
}

// js-yaml's own message adds a snippet of the file, which could quote anything in it: keep the reason only.
function yamlErrorMessage(error: unknown): string {
  if (!(error instanceof YAMLException)) {
    // js-yaml reports its failures as YAMLException; anything else still becomes an issue, so callers
    // only ever have StarfleetConfigError to handle.
    return "The file could not be parsed as YAML.";
  }
  // js-yaml counts lines and columns from 0; editors count from 1.
  return `YAML syntax error: ${error.reason} (line ${error.mark.line + 1}, column ${error.mark.column + 1}).`;
}
