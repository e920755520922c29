/**
 * Command-line parsing: `starfleet-secrets [GLOBAL OPTIONS] COMMAND [ARGS] [OPTIONS]`. Built on
 * `node:util` parseArgs in its lenient mode, with every check done here, so that each mistake gives one
 * line that names the option or argument at fault and never echoes a value (a secret pasted as an argument
 * must not be printed back).
 */
import { parseArgs } from "node:util";
import { usageError } from "./cli-error.js";
import type { CommandName, OptionSpec } from "./command-table.js";
import {
  COMMAND_TABLE,
  COMMANDS,
  DEFAULT_HISTORY_ITEMS,
  DEFAULT_LOCAL_PORT,
  GLOBAL_OPTIONS,
  TOOL_OPTIONS,
} from "./command-table.js";
import type { GlobalOptions } from "./target.js";
import type { ValueSource } from "./value-source.js";

/** A parsed command, ready to run. */
export type Invocation =
  | {
      readonly command: "check";
      readonly globals: GlobalOptions;
      readonly workers: readonly string[];
      readonly json: boolean;
    }
  | {
      readonly command: "policy";
      readonly globals: GlobalOptions;
      readonly account: string | undefined;
      /** The --role values of --resource-policy (at least one); undefined without --resource-policy. */
      readonly resourcePolicyRoles: readonly string[] | undefined;
    }
  | { readonly command: "init"; readonly globals: GlobalOptions; readonly kmsKeyId: string | undefined }
  | {
      readonly command: "set";
      readonly globals: GlobalOptions;
      readonly entry: string;
      readonly key: string | undefined;
      readonly source: ValueSource;
      readonly dryRun: boolean;
    }
  | {
      readonly command: "unset";
      readonly globals: GlobalOptions;
      readonly entry: string;
      readonly key: string | undefined;
      readonly dryRun: boolean;
      readonly yes: boolean;
    }
  | {
      readonly command: "show";
      readonly globals: GlobalOptions;
      readonly entry: string | undefined;
      readonly reveal: boolean;
    }
  | {
      readonly command: "history";
      readonly globals: GlobalOptions;
      readonly maxItems: number;
      readonly json: boolean;
    }
  | {
      readonly command: "rollback";
      readonly globals: GlobalOptions;
      /** The version to make current; undefined: the one labelled AWSPREVIOUS. */
      readonly to: string | undefined;
      readonly dryRun: boolean;
      readonly yes: boolean;
    }
  | {
      readonly command: "put";
      readonly globals: GlobalOptions;
      readonly source: Exclude<ValueSource, { readonly kind: "json" }>;
      readonly dryRun: boolean;
      readonly yes: boolean;
    }
  | {
      readonly command: "local";
      readonly globals: GlobalOptions;
      readonly seed: string | undefined;
      readonly port: number;
      readonly persist: string | undefined;
    };

/** What the command line asks for. */
export type CommandLine =
  | { readonly kind: "help"; readonly command?: CommandName }
  | { readonly kind: "version" }
  | { readonly kind: "run"; readonly invocation: Invocation };

type Values = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/**
 * Whether a mistyped command or option name may be quoted back: lower-case words, as every real one is.
 * Anything else may be a secret pasted in the wrong place (tokens and keys have digits or capitals).
 */
function quotable(text: string): string | undefined {
  return /^-{0,2}[a-z][a-z-]{0,30}$/.test(text) ? text : undefined;
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/** Where the command is: the first argument that is neither an option nor a global option's value. */
function findCommand(argv: readonly string[]): number {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === "--") return index + 1 < argv.length ? index + 1 : -1;
    if (!arg.startsWith("-") || arg === "-") return index;
    const spec = GLOBAL_OPTIONS[arg.slice(2)];
    if (arg.startsWith("--") && spec?.type === "string") index++;
  }
  return -1;
}

/** What node:util parseArgs takes of an option: it refuses keys set to undefined. */
function parserOption({ type, multiple, short }: OptionSpec) {
  return { type, ...(multiple === undefined ? {} : { multiple }), ...(short === undefined ? {} : { short }) };
}

function parseOptions(
  args: readonly string[],
  specs: Readonly<Record<string, OptionSpec>>,
  command?: string,
) {
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, parserOption(spec)])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    const shown = quotable(token.rawName);
    if (spec === undefined) {
      throw usageError(shown ? `unknown option ${shown}` : "unknown option", command);
    }
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw usageError(`${token.rawName} does not take a value`, command);
      values[token.name] = true;
      continue;
    }
    // `--json --dry-run` would otherwise take "--dry-run" as the JSON: a forgotten value, not a value.
    if (
      token.value === undefined ||
      token.value === "" ||
      (!token.inlineValue && token.value.startsWith("--"))
    ) {
      throw usageError(`${token.rawName} needs a value`, command);
    }
    if (spec.multiple) {
      const list = values[token.name];
      values[token.name] = Array.isArray(list) ? [...list, token.value] : [token.value];
    } else if (values[token.name] !== undefined) {
      throw usageError(`${token.rawName} is given more than once`, command);
    } else {
      values[token.name] = token.value;
    }
  }
  return { values: values as Values, positionals };
}

/** `--endpoint-url`, checked as the AWS CLI would: an http or https URL. */
function endpointUrlOf(values: Values): string | undefined {
  const text = values["endpoint-url"] as string | undefined;
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "") {
    // Not quoted: a value typed in the wrong place may be a secret.
    throw usageError(
      "--endpoint-url must be an http or https URL, such as https://secretsmanager.us-east-2.amazonaws.com " +
        "or http://127.0.0.1:4584",
    );
  }
  return text;
}

function globalsOf(values: Values): GlobalOptions {
  return {
    config: values.config as string | undefined,
    secretId: values["secret-id"] as string | undefined,
    region: values.region as string | undefined,
    profile: values.profile as string | undefined,
    endpointUrl: endpointUrlOf(values),
  };
}

function checkPositionals(command: CommandName, positionals: readonly string[]): void {
  const { names, required } = COMMAND_TABLE[command].positionals;
  const missing = names[positionals.length];
  if (positionals.length < required && missing !== undefined) {
    throw usageError(`${command} needs a ${missing} argument`, command);
  }
  if (positionals.length > names.length) {
    // Not quoted: an extra argument is most often a value typed where --stdin or --from-file belongs.
    const accepted = names.length === 0 ? "no arguments" : `at most ${names.join(" and ")}`;
    throw usageError(`${command} takes ${accepted}; got ${positionals.length} arguments`, command);
  }
  if (positionals.some((positional) => positional === "")) {
    throw usageError(`${command}: an empty name is not allowed`, command);
  }
}

function valueSourceOf(values: Values, command: "set" | "put"): ValueSource {
  const sources: ValueSource[] = [];
  if (typeof values["from-file"] === "string") sources.push({ kind: "file", path: values["from-file"] });
  if (values.stdin === true) sources.push({ kind: "stdin" });
  if (typeof values.json === "string") sources.push({ kind: "json", text: values.json });
  const [source] = sources;
  const names =
    command === "set" ? ["--from-file FILE", "--stdin", "--json VALUE"] : ["--from-file FILE", "--stdin"];
  if (source === undefined) {
    throw usageError(
      `${command} needs the value: ${names.slice(0, -1).join(", ")} or ${names.at(-1)}`,
      command,
    );
  }
  if (sources.length > 1) {
    const flags = names.map((name) => name.split(" ")[0]);
    throw usageError(
      `${command} takes one of ${flags.slice(0, -1).join(", ")} and ${flags.at(-1)}, not several`,
      command,
    );
  }
  return source;
}

/** `--to`: a version id as Secrets Manager makes them (a UUID; 32 to 64 characters), never quoted back. */
function versionIdOf(values: Values): string | undefined {
  const to = values.to as string | undefined;
  if (to !== undefined && !/^[A-Za-z0-9-]{32,64}$/.test(to)) {
    throw usageError(
      "--to must be a version id as `starfleet-secrets history` lists them (32 to 64 letters, digits and hyphens)",
      "rollback",
    );
  }
  return to;
}

/** `--max-items`: how many versions `history` shows. */
function maxItemsOf(values: Values): number {
  const text = values["max-items"] as string | undefined;
  if (text === undefined) return DEFAULT_HISTORY_ITEMS;
  if (!/^[1-9]\d{0,3}$/.test(text))
    throw usageError("--max-items must be a whole number from 1 to 9999", "history");
  return Number(text);
}

/** The roles of `policy --resource-policy`; undefined for the workers' IAM policy. */
function resourcePolicyRolesOf(values: Values): readonly string[] | undefined {
  const roles = values.role as readonly string[] | undefined;
  if (values["resource-policy"] !== true) {
    if (roles !== undefined) throw usageError("--role goes with --resource-policy", "policy");
    return undefined;
  }
  if (values.account !== undefined) {
    throw usageError("--resource-policy takes the account from the --role ARNs, not --account", "policy");
  }
  if (roles === undefined) {
    throw usageError(
      "--resource-policy needs at least one --role ARN: the workers' roles, and the roles operators read " +
        "or edit the secret with",
      "policy",
    );
  }
  return roles;
}

function portOf(values: Values): number {
  const text = values.port as string | undefined;
  if (text === undefined) return DEFAULT_LOCAL_PORT;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port <= 65_535)) throw usageError("--port must be a whole number from 0 to 65535", "local");
  return port;
}

/** `local`'s port, and the files it reads. */
function localOptionsOf(values: Values) {
  const files = { seed: values.seed as string | undefined, persist: values.persist as string | undefined };
  return { ...files, port: portOf(values) };
}

function invocationOf(command: CommandName, values: Values, positionals: readonly string[]): Invocation {
  const globals = globalsOf(values);
  const [first, second] = positionals;
  const dryRun = values["dry-run"] === true;
  const yes = values.yes === true;
  switch (command) {
    case "check":
      return {
        command,
        globals,
        workers: (values.worker as readonly string[] | undefined) ?? [],
        json: values.json === true,
      };
    case "policy":
      return {
        command,
        globals,
        account: values.account as string | undefined,
        resourcePolicyRoles: resourcePolicyRolesOf(values),
      };
    case "init":
      return { command, globals, kmsKeyId: values["kms-key-id"] as string | undefined };
    case "set":
      return {
        command,
        globals,
        entry: first as string,
        key: second,
        source: valueSourceOf(values, command),
        dryRun,
      };
    case "unset":
      return { command, globals, entry: first as string, key: second, dryRun, yes };
    case "show":
      return { command, globals, entry: first, reveal: values.reveal === true };
    case "history":
      return { command, globals, maxItems: maxItemsOf(values), json: values.json === true };
    case "rollback":
      return { command, globals, to: versionIdOf(values), dryRun, yes };
    case "put":
      return {
        command,
        globals,
        source: valueSourceOf(values, command) as Extract<Invocation, { command: "put" }>["source"],
        dryRun,
        yes,
      };
    case "local":
      return { command, globals, ...localOptionsOf(values) };
  }
}

/** `--help` wins over every mistake next to it: someone asking for help is about to fix them. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/**
 * Parses the arguments after `starfleet-secrets`.
 *
 * @throws {CliError} exit status 2, one line: unknown command or option, missing or extra argument,
 * missing option value, conflicting options.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const commandIndex = findCommand(argv);
  if (commandIndex === -1) {
    const { values } = parseOptions(argv, { ...GLOBAL_OPTIONS, ...TOOL_OPTIONS });
    if (values.help === true) return { kind: "help" };
    if (values.version === true) return { kind: "version" };
    throw usageError(`missing command: one of ${COMMANDS.join(", ")}`);
  }
  const name = argv[commandIndex] as string;
  const rest = argv.filter((_arg, index) => index !== commandIndex);
  if (name === "help") {
    const { positionals } = parseOptions(rest, GLOBAL_OPTIONS);
    const [topic] = positionals;
    if (topic === undefined) return { kind: "help" };
    if (isCommand(topic)) return { kind: "help", command: topic };
    throw usageError(`help: unknown command${quotable(topic) ? ` ${topic}` : ""}`);
  }
  if (!isCommand(name)) {
    const shown = quotable(name);
    throw usageError(shown ? `unknown command ${JSON.stringify(shown)}` : "unknown command");
  }
  if (asksForHelp(rest)) return { kind: "help", command: name };
  const { values, positionals } = parseOptions(
    rest,
    { ...GLOBAL_OPTIONS, ...COMMAND_TABLE[name].options },
    name,
  );
  checkPositionals(name, positionals);
  return { kind: "run", invocation: invocationOf(name, values, positionals) };
}
