/**
 * `--help` texts, the tool's and each command's, rendered from the command table so that they list exactly
 * the commands and options the parser accepts.
 */
import {
  COMMAND_TABLE,
  COMMANDS,
  type CommandName,
  GLOBAL_OPTIONS,
  type OptionSpec,
  TOOL_OPTIONS,
} from "./command-table.js";

function flagsOf(name: string, spec: OptionSpec): string {
  const long = spec.value === undefined ? `--${name}` : `--${name} ${spec.value}`;
  return spec.short === undefined ? long : `-${spec.short}, ${long}`;
}

/** Options as aligned two-column lines, continuation lines under the first. */
function optionLines(options: Readonly<Record<string, OptionSpec>>, width: number): string {
  return Object.entries(options)
    .flatMap(([name, spec]) =>
      spec.help.map((line, index) => `  ${(index === 0 ? flagsOf(name, spec) : "").padEnd(width)}${line}`),
    )
    .join("\n");
}

function widthOf(...tables: Readonly<Record<string, OptionSpec>>[]): number {
  const flags = tables.flatMap((options) =>
    Object.entries(options).map(([name, spec]) => flagsOf(name, spec)),
  );
  return Math.max(...flags.map((flag) => flag.length)) + 3;
}

const GLOBAL_WIDTH = widthOf(GLOBAL_OPTIONS, TOOL_OPTIONS);
const GLOBAL_SECTION = `Options for every command:\n${optionLines(GLOBAL_OPTIONS, GLOBAL_WIDTH)}`;

const EXIT_STATUS = `Exit status:
  0  success
  1  a check failed, or the operation failed (nothing was written)
  2  usage or configuration error`;

function examplesOf(lines: readonly string[]): string {
  return `Examples:\n${lines.map((line) => `  ${line}`).join("\n")}\n`;
}

const commandWidth = Math.max(...COMMANDS.map((name) => name.length)) + 4;

const TOOL_HELP = `starfleet-secrets: set up, inspect and edit Starfleet's shared AWS Secrets Manager secret safely,
or serve it from this machine to run workers without AWS.

Usage: starfleet-secrets COMMAND [ARGUMENTS] [OPTIONS]

Commands:
${COMMANDS.map((name) => `  ${name.padEnd(commandWidth - 2)} ${COMMAND_TABLE[name].summary}`).join("\n")}

${GLOBAL_SECTION}
${optionLines(TOOL_OPTIONS, GLOBAL_WIDTH)}

The secret is the one named by STARFLEET.SecretsManager in the Starfleet configuration, or by --secret-id
and --region (then no configuration is needed). AWS credentials come from the standard chain (environment,
AWS_PROFILE or --profile, SSO, instance role); AWS_ENDPOINT_URL_SECRETS_MANAGER or --endpoint-url points the
tool at another endpoint. Edits never lose a concurrent edit: each write is checked against the version it
was computed from, and redone on the newer version if someone else wrote first. When a bad value reaches the
workers: history shows what changed, rollback makes the previous version current again, and put replaces a
broken value whole.

${EXIT_STATUS}

${examplesOf([
  "starfleet-secrets init",
  "starfleet-secrets policy > starfleet-secret-policy.json",
  "starfleet-secrets set GitHubSyncWorker my-org --from-file my-org.private-key.pem",
  "starfleet-secrets set STARFLEET SlackToken --stdin < slack-token.txt",
  "starfleet-secrets check --worker GitHubSyncWorker",
  "starfleet-secrets history",
  "starfleet-secrets rollback --dry-run",
  "starfleet-secrets put --from-file fixed-secret.json",
  "starfleet-secrets show --profile starfleet-ops --secret-id Starfleet --region us-east-2",
  "starfleet-secrets check --endpoint-url http://127.0.0.1:4584 --secret-id Starfleet --region us-east-2",
])}
Run starfleet-secrets COMMAND --help for a command's options.
`;

function commandHelp(name: CommandName): string {
  const spec = COMMAND_TABLE[name];
  const [first, ...others] = spec.usage;
  const usage = [
    `Usage: starfleet-secrets ${first}`,
    ...others.map((line) => `       starfleet-secrets ${line}`),
  ];
  const sections = [
    usage.join("\n"),
    spec.about,
    `Options:\n${optionLines(spec.options, widthOf(spec.options))}`,
    ...(spec.notes === undefined ? [] : [spec.notes]),
    GLOBAL_SECTION,
    EXIT_STATUS,
    examplesOf(spec.examples),
  ];
  return sections.join("\n\n");
}

/**
 * The help text for the tool, or for one command.
 */
export function helpText(command?: CommandName): string {
  return command === undefined ? TOOL_HELP : commandHelp(command);
}
