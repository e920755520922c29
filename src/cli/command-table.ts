/**
 * The commands and their options, in one table that both the parser (args.ts) and `--help` (help.ts) read,
 * so an option cannot be accepted without being documented, nor documented without being accepted.
 */

/** An option: how the parser reads it and how `--help` describes it. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder in `--help` (`DIR`, `ARN`); string options only. */
  readonly value?: string;
  /** The description, one element per printed line. */
  readonly help: readonly string[];
}

/** A command: its arguments, its options, and the text around them in `--help`. */
export interface CommandSpec {
  /** The one line the tool's `--help` gives it. */
  readonly summary: string;
  /** Usage lines, each after `starfleet-secrets `. */
  readonly usage: readonly string[];
  /** Positional argument names for messages, and how many are required. */
  readonly positionals: { readonly names: readonly string[]; readonly required: number };
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Paragraphs before the options. */
  readonly about: string;
  /** Paragraphs after the options, when some rules read better once the options are known. */
  readonly notes?: string;
  readonly examples: readonly string[];
}

/** The options every command takes. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  config: {
    type: "string",
    value: "DIR",
    help: [
      "The Starfleet configuration folder (default: $STARFLEET_CONFIG_DIR, else",
      "$LAMBDA_TASK_ROOT/configuration_files, else ./configuration_files)",
    ],
  },
  "secret-id": {
    type: "string",
    value: "ID",
    help: [
      "The secret's name or ARN, instead of STARFLEET.SecretsManager.SecretId; with --region, no",
      "configuration folder is needed (without one, the Slack rules are skipped)",
    ],
  },
  region: {
    type: "string",
    value: "REGION",
    help: ["The secret's region, instead of STARFLEET.SecretsManager.SecretRegion"],
  },
  profile: {
    type: "string",
    value: "NAME",
    help: [
      "The AWS profile to take credentials from, as AWS_PROFILE (~/.aws/config and",
      "~/.aws/credentials); the region stays the secret's",
    ],
  },
  "endpoint-url": {
    type: "string",
    value: "URL",
    help: [
      "Send Secrets Manager requests to URL, as AWS_ENDPOINT_URL_SECRETS_MANAGER (a VPC endpoint,",
      "a local test endpoint)",
    ],
  },
  help: { type: "boolean", short: "h", help: ["Show help"] },
};

/** Options that only stand alone, before any command. */
export const TOOL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  version: { type: "boolean", help: ["Print the version"] },
};

/** The commands, in the order `--help` lists them. */
export const COMMANDS = [
  "check",
  "policy",
  "init",
  "set",
  "unset",
  "show",
  "history",
  "rollback",
  "put",
  "local",
] as const;

/** A command name. */
export type CommandName = (typeof COMMANDS)[number];

/** How many versions `history` shows without `--max-items`. */
export const DEFAULT_HISTORY_ITEMS = 10;
/** The port `local` serves on without --port: fixed, so workers' settings need not change between runs. */
export const DEFAULT_LOCAL_PORT = 4584;

const DRY_RUN: OptionSpec = { type: "boolean", help: ["Show the change as a masked diff; write nothing"] };

const YES: OptionSpec = {
  type: "boolean",
  help: ["Do not ask for confirmation (asked only when stdin is a terminal)"],
};

const STDIN: OptionSpec = {
  type: "boolean",
  help: [
    "The value is everything read from stdin, minus one final newline; typed or pasted at a",
    "terminal, it is not shown (end it with Enter and Ctrl-D)",
  ],
};

/** Every command's arguments, options and help. */
export const COMMAND_TABLE: Readonly<Record<CommandName, CommandSpec>> = {
  check: {
    summary: "Validate the configuration and the secret; list its entries (never values)",
    usage: ["check [--worker NAME ...] [--json]"],
    positionals: { names: [], required: 0 },
    about: `Validates the Starfleet configuration, reads the secret and checks its shape: a JSON object, with a
"STARFLEET" object, and a string STARFLEET.SlackToken when Slack is enabled. Lists each entry's name and
value type (never values), and whether each worker named with --worker has an entry.`,
    options: {
      worker: {
        type: "string",
        multiple: true,
        value: "NAME",
        help: ["A worker's entry name in the secret that must be present (repeatable)"],
      },
      json: {
        type: "boolean",
        help: [
          "Print a machine-readable report:",
          "{ ok, secretId, region, entries: [{ name, type }], workers: [{ name, present }],",
          "  problems: [{ code, message }] }",
        ],
      },
    },
    examples: [
      "starfleet-secrets check",
      "starfleet-secrets check --worker GitHubSyncWorker --worker SecurityGroupWorker",
      "starfleet-secrets check --json | jq .problems",
    ],
  },
  policy: {
    summary: "Print the IAM policy that lets workers read the secret, or the secret's own resource policy",
    usage: ["policy [--account ID]", "policy --resource-policy --role ARN [--role ARN ...]"],
    positionals: { names: [], required: 0 },
    about: `Prints the IAM policy document that workers' roles need: secretsmanager:GetSecretValue on the secret, plus
kms:Decrypt on its key when the secret is encrypted with a customer-managed KMS key. The secret's exact ARN
comes from DescribeSecret; when that cannot be read (the secret does not exist yet, or you may not describe
it), the ARN is built as arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-?????? (AWS appends six
characters to the name), which needs --account. Notes go to stderr, the policy alone to stdout.

With --resource-policy, prints instead a resource policy to attach to the secret: the roles named with
--role may call secretsmanager:GetSecretValue, and every other principal is denied it (a Deny unless
aws:PrincipalArn is one of the roles), even one whose own IAM policies allow it on every secret. Use it
when anyone but the workers in the account may read secrets broadly: administrators, CI, other
applications. A role's sessions (a Lambda function's, an SSO login's) carry the role's ARN, so naming the
role covers them. The policy names no secret ("Resource": "*" is the secret it is attached to), so this
reads neither the configuration nor AWS.

Do not lock yourself out: check, show, set and unset read the secret, so also name the roles operators
run them with (for IAM Identity Center, the AWSReservedSSO_... role, path included). Only GetSecretValue is
denied: whoever manages the secret can still write it, and can remove the policy with
aws secretsmanager delete-resource-policy.

Each --role is a role's ARN with its path, as aws iam get-role prints it (not the
arn:aws:sts::...:assumed-role/... ARN of aws sts get-caller-identity), without wildcards; all in one
account, the secret's. Each role must exist when the policy is attached.`,
    options: {
      account: {
        type: "string",
        value: "ID",
        help: ["The 12-digit AWS account id, for when DescribeSecret cannot be read"],
      },
      "resource-policy": {
        type: "boolean",
        help: ["Print the secret's resource policy instead (needs --role)"],
      },
      role: {
        type: "string",
        multiple: true,
        value: "ARN",
        help: ["A role that may read the secret, with --resource-policy (repeatable)"],
      },
    },
    examples: [
      "starfleet-secrets policy > starfleet-secret-policy.json",
      "aws iam create-policy --policy-name StarfleetSecretRead \\",
      '  --policy-document "$(starfleet-secrets policy --account 123456789012)"',
      "starfleet-secrets policy --resource-policy \\",
      "  --role arn:aws:iam::123456789012:role/GitHubSyncWorkerRole \\",
      "  --role arn:aws:iam::123456789012:role/SecurityGroupWorkerRole \\",
      "  --role arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/us-east-2/AWSReservedSSO_StarfleetOperator_0123456789abcdef \\",
      "  > starfleet-secret-resource-policy.json",
      "aws secretsmanager put-resource-policy --secret-id Starfleet --region us-east-2 --block-public-policy \\",
      "  --resource-policy file://starfleet-secret-resource-policy.json",
    ],
  },
  init: {
    summary: 'Create the secret as {"STARFLEET": {}} if it does not exist',
    usage: ["init [--kms-key-id KEY]"],
    positionals: { names: [], required: 0 },
    about: `Creates the secret with the value {"STARFLEET": {}}, as Starfleet's guide says, when it does not exist.
An existing secret is never overwritten: init then says so and changes nothing.`,
    options: {
      "kms-key-id": {
        type: "string",
        value: "KEY",
        help: [
          "Encrypt the secret with this customer-managed KMS key (id, ARN or alias) instead of",
          "aws/secretsmanager",
        ],
      },
    },
    examples: [
      "starfleet-secrets init",
      "starfleet-secrets init --secret-id Starfleet --region us-east-2 --kms-key-id alias/starfleet",
    ],
  },
  set: {
    summary: "Set an entry (a worker's, or STARFLEET), or one key inside it",
    usage: ["set WORKER [KEY] (--from-file FILE | --stdin | --json VALUE) [--dry-run]"],
    positionals: { names: ["WORKER", "KEY"], required: 1 },
    about: `Sets the entry WORKER (a worker's entry name, or STARFLEET), or the key KEY inside it, leaving every other
entry as it was. Prints the change as a masked diff.`,
    options: {
      "from-file": {
        type: "string",
        value: "FILE",
        help: [
          "The value is the file's text, stored exactly as in the file (a PEM key keeps its real",
          "newlines, final newline included: no hand-escaping)",
        ],
      },
      stdin: STDIN,
      json: {
        type: "string",
        value: "VALUE",
        help: [
          "The value is VALUE parsed as JSON ('{}', '[\"org-a\", \"org-b\"]', '\"text\"'); keep secrets",
          "out of the command line, which shell history and process lists record",
        ],
      },
      "dry-run": DRY_RUN,
    },
    notes: `Refuses to write a secret Starfleet could not use (STARFLEET not an object; breaking STARFLEET.SlackToken
while Slack is enabled; over Secrets Manager's 65,536 bytes). The new version is written staged AWSPENDING,
then made AWSCURRENT only if nobody else wrote in between; otherwise the edit is redone on their version
after a short random pause (up to 10 attempts: ten concurrent edits all land). A value from
--from-file or --stdin may be at most 65,536 bytes.`,
    examples: [
      "starfleet-secrets set GitHubSyncWorker my-org --from-file my-org.private-key.pem",
      "starfleet-secrets set STARFLEET SlackToken --stdin < slack-token.txt",
      `starfleet-secrets set SecurityGroupWorker --json '{"TicketingUser": "starfleet-sg-bot"}' --dry-run`,
    ],
  },
  unset: {
    summary: "Remove an entry, or one key inside it",
    usage: ["unset WORKER [KEY] [--dry-run] [--yes]"],
    positionals: { names: ["WORKER", "KEY"], required: 1 },
    about: `Removes the entry WORKER, or the key KEY inside it, leaving everything else as it was. Removing STARFLEET,
or STARFLEET.SlackToken while Slack is enabled, is refused. Naming something that is not there is an error
(exit status 1), so a typo does not pass for success. Removing a whole entry asks first when stdin is a
terminal.`,
    options: { "dry-run": DRY_RUN, yes: YES },
    examples: [
      "starfleet-secrets unset GitHubSyncWorker my-old-org",
      "starfleet-secrets unset RetiredWorker --dry-run",
      "starfleet-secrets unset RetiredWorker --yes",
    ],
  },
  show: {
    summary: "Print the secret's structure with every value masked",
    usage: ["show [WORKER] [--reveal]"],
    positionals: { names: ["WORKER"], required: 0 },
    about: `Prints the secret (or one entry) as JSON with every value masked: "<string (1679 chars)>", "<number>".
Object keys and array lengths are shown. A one-line summary goes to stderr.`,
    options: {
      reveal: { type: "boolean", help: ["Print the real values (warns when stdout is a terminal)"] },
    },
    examples: [
      "starfleet-secrets show",
      "starfleet-secrets show GitHubSyncWorker",
      "starfleet-secrets show SecurityGroupWorker --reveal | jq -r .TicketingUser",
    ],
  },
  history: {
    summary: "List the secret's versions, newest first, and the entries each one changed (never values)",
    usage: ["history [--max-items N] [--json]"],
    positionals: { names: [], required: 0 },
    about: `Lists the secret's versions newest first (ListSecretVersionIds, versions without a label included): the
version id, its staging labels (AWSCURRENT is what workers read, AWSPREVIOUS the one before; a version
without a label is an older one, or an edit that lost a race and was redone), its creation date, and the
paths added (+), removed (-) or changed (~) against the version before it: names only, never values. A
version that is not a usable secret says why (not JSON, with the line and column). Each version shown is
read with one GetSecretValue call.`,
    options: {
      "max-items": {
        type: "string",
        value: "N",
        help: [`Show the N newest versions (default ${DEFAULT_HISTORY_ITEMS})`],
      },
      json: {
        type: "boolean",
        help: [
          "Print a machine-readable list: { secretId, region, total, versions: [{ versionId,",
          "  stages, createdDate, problem: { code, message } | null,",
          "  changes: { added, removed, changed } | null }] }",
        ],
      },
    },
    examples: [
      "starfleet-secrets history",
      "starfleet-secrets history --max-items 30",
      "starfleet-secrets history --json | jq -r '.versions[] | select(.stages == []) | .versionId'",
    ],
  },
  rollback: {
    summary: "Make the previous version (or a version given) AWSCURRENT again",
    usage: ["rollback [--to VERSION] [--dry-run] [--yes]"],
    positionals: { names: [], required: 0 },
    about: `Makes the version labelled AWSPREVIOUS, or the version given with --to (see history), AWSCURRENT again:
workers read it from their next fetch. Nothing new is stored; Secrets Manager labels the version it
replaces AWSPREVIOUS, so a second rollback undoes the first. Prints the change as a masked diff, and asks
first when stdin is a terminal.`,
    options: {
      to: {
        type: "string",
        value: "VERSION",
        help: ["The version id to make current (default: AWSPREVIOUS)"],
      },
      "dry-run": DRY_RUN,
      yes: YES,
    },
    notes: `Refuses a version that is not a usable Starfleet secret, by the rules of every write (a JSON object with a
STARFLEET object, and a Slack token while Slack is enabled unless the current version lacks one too). It
works when the current version is broken. The move names the version it replaces: if another edit became
current after rollback read the secret, AWS refuses it and rollback stops with CONFLICT, changing nothing
(it does not retry: undoing that other edit is not what was asked).`,
    examples: [
      "starfleet-secrets rollback",
      "starfleet-secrets rollback --dry-run",
      "starfleet-secrets rollback --to 0c6e0d6a-7b8c-4d9e-8f01-23456789abcd --yes",
    ],
  },
  put: {
    summary: "Replace the whole value with a JSON file: the repair route for a broken secret",
    usage: ["put (--from-file FILE | --stdin) [--dry-run] [--yes]"],
    positionals: { names: [], required: 0 },
    about: `Replaces the whole value of the secret with the JSON object in FILE (or stdin), stored exactly as given.
It works when the current value is not valid JSON, which set and unset refuse: with rollback, it is how a
broken secret is repaired. Prints the change as a masked diff, and asks first when stdin is a terminal.`,
    options: {
      "from-file": {
        type: "string",
        value: "FILE",
        help: ["The new value is the JSON object in FILE, stored exactly as in the file"],
      },
      stdin: STDIN,
      "dry-run": DRY_RUN,
      yes: YES,
    },
    notes: `The value must be a JSON object that Starfleet can use, by the rules of every write (a STARFLEET object,
and a Slack token while Slack is enabled unless the current version lacks one too; at most 65,536
bytes); a file that is not JSON is refused with the line and column of the first syntax error, before any
AWS call. Written staged AWSPENDING, then made AWSCURRENT only if nobody else wrote since put read the
secret; otherwise put stops with CONFLICT and changes nothing (redone on their version, it would overwrite
their edit).`,
    examples: [
      "starfleet-secrets put --from-file fixed-secret.json --dry-run",
      "starfleet-secrets put --from-file fixed-secret.json",
      "starfleet-secrets put --stdin --yes < fixed-secret.json",
    ],
  },
  local: {
    summary: "Serve the secret from a local Secrets Manager endpoint, to run workers without AWS",
    usage: ["local [--seed FILE] [--port N] [--persist FILE]"],
    positionals: { names: [], required: 0 },
    about: `Serves the secret from a Secrets Manager-compatible endpoint on 127.0.0.1 (this machine only) until
Ctrl-C, so workers, their tests and this tool run without an AWS account. Prints the line that points the AWS
SDK at it, AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:PORT, alone on stdout; notes, and one line per
request (operation, secret, region, outcome; never a value), go to stderr.

The secret is the configuration's (or --secret-id's), in its region, holding the --seed file's JSON or
{"STARFLEET": {}}. As in AWS, a secret lives in its region: a client signed for another region gets
ResourceNotFoundException. Clients still sign their requests, so they need credentials; any will do
(AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local). It serves what the middleware and this tool call:
GetSecretValue, CreateSecret, PutSecretValue, DescribeSecret, UpdateSecretVersionStage and
ListSecretVersionIds. Edits are kept in memory, and lost on exit unless --persist names a file.`,
    options: {
      seed: {
        type: "string",
        value: "FILE",
        help: ['The secret\'s value: a JSON object with a "STARFLEET" object (default {"STARFLEET": {}})'],
      },
      port: {
        type: "string",
        value: "N",
        help: [`The port (default ${DEFAULT_LOCAL_PORT}; 0 for any free one)`],
      },
      persist: {
        type: "string",
        value: "FILE",
        help: [
          "Keep every secret, with its versions, in FILE: read at start when it exists, rewritten",
          "after each change. It holds the values in clear: keep it out of version control",
        ],
      },
    },
    notes: `With --persist, a FILE that already holds the secret wins over --seed: the secret keeps its saved versions.
Delete FILE to start again from --seed.`,
    examples: [
      "starfleet-secrets local --seed secret.json",
      "starfleet-secrets local --port 0 --persist .starfleet-local.json",
      "# then, in another terminal:",
      "export AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:4584",
      "AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local starfleet-secrets show",
    ],
  },
};
