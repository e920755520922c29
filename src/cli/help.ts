/**
 * `--help` texts: the tool's and each command's, with examples. Kept beside each other so the overview
 * and the details cannot drift apart unnoticed.
 */
import type { CommandName } from "./args.js";

const GLOBAL_OPTIONS = `Options for every command:
  --config DIR       The Starfleet configuration folder (default: $STARFLEET_CONFIG_DIR, else
                     $LAMBDA_TASK_ROOT/configuration_files, else ./configuration_files)
  --secret-id ID     The secret's name or ARN, instead of STARFLEET.SecretsManager.SecretId
  --region REGION    The secret's region, instead of STARFLEET.SecretsManager.SecretRegion
  -h, --help         Show help`;

const EXIT_STATUS = `Exit status:
  0  success
  1  a check failed, or the operation failed (nothing was written)
  2  usage or configuration error`;

const TOOL_HELP = `starfleet-secrets: set up, inspect and edit Starfleet's shared AWS Secrets Manager secret safely.

Usage: starfleet-secrets COMMAND [ARGUMENTS] [OPTIONS]

Commands:
  check    Validate the configuration and the secret; list its entries (never values)
  policy   Print the IAM policy that lets workers read the secret, or the secret's own resource policy
  init     Create the secret as {"STARFLEET": {}} if it does not exist
  set      Set an entry (a worker's, or STARFLEET), or one key inside it
  unset    Remove an entry, or one key inside it
  show     Print the secret's structure with every value masked

${GLOBAL_OPTIONS}
  --version          Print the version

The secret is the one named by STARFLEET.SecretsManager in the Starfleet configuration. AWS credentials
come from the standard chain (environment, AWS_PROFILE, SSO, instance role); AWS_ENDPOINT_URL_SECRETS_MANAGER
points the tool at another endpoint. Edits never lose a concurrent edit: each write is checked against the
version it was computed from, and redone on the newer version if someone else wrote first.

${EXIT_STATUS}

Examples:
  starfleet-secrets init
  starfleet-secrets policy > starfleet-secret-policy.json
  starfleet-secrets set GitHubSyncWorker my-org --from-file my-org.private-key.pem
  starfleet-secrets set STARFLEET SlackToken --stdin < slack-token.txt
  starfleet-secrets check --worker GitHubSyncWorker

Run starfleet-secrets COMMAND --help for a command's options.
`;

const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  check: `Usage: starfleet-secrets check [--worker NAME ...] [--json]

Validates the Starfleet configuration, reads the secret and checks its shape: a JSON object, with a
"STARFLEET" object, and a string STARFLEET.SlackToken when Slack is enabled. Lists each entry's name and
value type (never values), and whether each worker named with --worker has an entry.

Options:
  --worker NAME   A worker's entry name in the secret that must be present (repeatable)
  --json          Print a machine-readable report:
                  { ok, secretId, region, entries: [{ name, type }], workers: [{ name, present }],
                    problems: [{ code, message }] }

${GLOBAL_OPTIONS}

${EXIT_STATUS}

Examples:
  starfleet-secrets check
  starfleet-secrets check --worker GitHubSyncWorker --worker SecurityGroupWorker
  starfleet-secrets check --json | jq .problems
`,
  policy: `Usage: starfleet-secrets policy [--account ID]
       starfleet-secrets policy --resource-policy --role ARN [--role ARN ...]

Prints the IAM policy document that workers' roles need: secretsmanager:GetSecretValue on the secret, plus
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
account, the secret's. Each role must exist when the policy is attached.

Options:
  --account ID         The 12-digit AWS account id, for when DescribeSecret cannot be read
  --resource-policy    Print the secret's resource policy instead (needs --role)
  --role ARN           A role that may read the secret, with --resource-policy (repeatable)

${GLOBAL_OPTIONS}

${EXIT_STATUS}

Examples:
  starfleet-secrets policy > starfleet-secret-policy.json
  aws iam create-policy --policy-name StarfleetSecretRead \\
    --policy-document "$(starfleet-secrets policy --account 123456789012)"
  starfleet-secrets policy --resource-policy \\
    --role arn:aws:iam::123456789012:role/GitHubSyncWorkerRole \\
    --role arn:aws:iam::123456789012:role/SecurityGroupWorkerRole \\
    --role arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/us-east-2/AWSReservedSSO_StarfleetOperator_0123456789abcdef \\
    > starfleet-secret-resource-policy.json
  aws secretsmanager put-resource-policy --secret-id Starfleet --region us-east-2 --block-public-policy \\
    --resource-policy file://starfleet-secret-resource-policy.json
`,
  init: `Usage: starfleet-secrets init [--kms-key-id KEY]

Creates the secret with the value {"STARFLEET": {}}, as Starfleet's guide says, when it does not exist.
An existing secret is never overwritten: init then says so and changes nothing.

Options:
  --kms-key-id KEY   Encrypt the secret with this customer-managed KMS key (id, ARN or alias) instead of
                     aws/secretsmanager

${GLOBAL_OPTIONS}

${EXIT_STATUS}

Examples:
  starfleet-secrets init
  starfleet-secrets init --secret-id Starfleet --region us-east-2 --kms-key-id alias/starfleet
`,
  set: `Usage: starfleet-secrets set WORKER [KEY] (--from-file FILE | --stdin | --json VALUE) [--dry-run]

Sets the entry WORKER (a worker's entry name, or STARFLEET), or the key KEY inside it, leaving every other
entry as it was. Prints the change as a masked diff.

Options:
  --from-file FILE   The value is the file's text, stored exactly as in the file (a PEM key keeps its real
                     newlines, final newline included: no hand-escaping)
  --stdin            The value is everything read from stdin, minus one final newline
  --json VALUE       The value is VALUE parsed as JSON ('{}', '["org-a", "org-b"]', '"text"'); keep secrets
                     out of the command line, which shell history and process lists record
  --dry-run          Show the change as a masked diff; write nothing

Refuses to write a secret Starfleet could not use (STARFLEET not an object; breaking STARFLEET.SlackToken
while Slack is enabled; over Secrets Manager's 65,536 bytes). The new version is written staged AWSPENDING,
then made AWSCURRENT only if nobody else wrote in between; otherwise the edit is redone on their version
(up to 5 times).

${GLOBAL_OPTIONS}

${EXIT_STATUS}

Examples:
  starfleet-secrets set GitHubSyncWorker my-org --from-file my-org.private-key.pem
  starfleet-secrets set STARFLEET SlackToken --stdin < slack-token.txt
  starfleet-secrets set SecurityGroupWorker --json '{"TicketingUser": "starfleet-sg-bot"}' --dry-run
`,
  unset: `Usage: starfleet-secrets unset WORKER [KEY] [--dry-run]

Removes the entry WORKER, or the key KEY inside it, leaving everything else as it was. Removing STARFLEET,
or STARFLEET.SlackToken while Slack is enabled, is refused. Naming something that is not there is an error
(exit status 1), so a typo does not pass for success.

Options:
  --dry-run   Show the change as a masked diff; write nothing

${GLOBAL_OPTIONS}

${EXIT_STATUS}

Examples:
  starfleet-secrets unset GitHubSyncWorker my-old-org
  starfleet-secrets unset RetiredWorker --dry-run
`,
  show: `Usage: starfleet-secrets show [WORKER] [--reveal]

Prints the secret (or one entry) as JSON with every value masked: "<string (1679 chars)>", "<number>".
Object keys and array lengths are shown. A one-line summary goes to stderr.

Options:
  --reveal   Print the real values (warns when stdout is a terminal)

${GLOBAL_OPTIONS}

${EXIT_STATUS}

Examples:
  starfleet-secrets show
  starfleet-secrets show GitHubSyncWorker
  starfleet-secrets show SecurityGroupWorker --reveal | jq -r .TicketingUser
`,
};

/**
 * The help text for the tool, or for one command.
 *
 * @example
 * ```ts
 * io.stdout.write(helpText("set"));
 * ```
 */
export function helpText(command?: CommandName): string {
  return command === undefined ? TOOL_HELP : COMMAND_HELP[command];
}
