/**
 * IAM role ARNs given on the command line, checked strictly: in a policy that denies every principal but a
 * list, a mistyped role is locked out, and a wildcard lets in roles nobody named.
 */

import { AWS_PARTITIONS } from "../config/aws-regions.js";
import { usageError } from "./cli-error.js";

const SHAPE =
  "arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME, e.g. arn:aws:iam::123456789012:role/GitHubSyncWorkerRole";

// IAM role names and the path segments seen in practice (/service-role/, /aws-reserved/sso.amazonaws.com/
// REGION/); IAM allows more in a path, but "*" and "?" would be wildcards and ":" would split the ARN.
const ROLE_RESOURCE = /^role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/**
 * How a value is named in a message: quoted when it looks like an ARN, else by position, since anything
 * else typed there may be a secret pasted in the wrong place.
 */
function nameOf(value: string, position: number): string {
  return /^arn:[\x20-\x7e]{0,2044}$/.test(value)
    ? `--role ${value}`
    : `--role number ${position} (not shown: it does not look like an ARN)`;
}

/** What is wrong with `value` as an IAM role ARN, or undefined when nothing is. */
function problemWith(value: string): string | undefined {
  const parts = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/.exec(value);
  if (parts === null) return `is not an ARN: expected ${SHAPE}`;
  const [, partition = "", service, region, account = "", resource = ""] = parts;
  if (/[*?]/.test(value)) {
    return "has a wildcard (* or ?), which would exempt roles nobody named from the deny; name each role exactly";
  }
  const session = /^assumed-role\/([^/]+)\//.exec(resource);
  if (service === "sts" && session !== null) {
    return (
      "is a role session (as aws sts get-caller-identity prints it), not the role: pass the role's ARN, path " +
      `included (aws iam get-role --role-name ${session[1]} --query Role.Arn)`
    );
  }
  if (service !== "iam" || region !== "") return `is not an IAM role ARN: expected ${SHAPE}`;
  if (resource.startsWith("user/")) return "is an IAM user, not a role: name the roles that read the secret";
  if (!AWS_PARTITIONS.includes(partition)) {
    return `has an unknown partition "${partition}" (one of ${AWS_PARTITIONS.join(", ")})`;
  }
  if (!/^\d{12}$/.test(account)) return "has no 12-digit account id";
  if (!ROLE_RESOURCE.test(resource)) return `is not an IAM role ARN: expected ${SHAPE}`;
  return undefined;
}

/** "account ACCOUNT in PARTITION" of a checked role ARN, as messages say it and comparisons use it. */
function whereIs(arn: string): string {
  const [, partition, , , account] = arn.split(":");
  return `account ${account} in ${partition}`;
}

/**
 * Checks the `--role` values: each an IAM role ARN, all in one partition and account (the secret's: a
 * role elsewhere would be a cross-account grant, which deserves a policy of its own). Repeats are dropped.
 *
 * @throws {CliError} exit status 2, naming the first bad value and what to pass instead.
 */
export function parseRoleArns(values: readonly string[], command: string): readonly string[] {
  const roles: string[] = [];
  for (const [index, value] of values.entries()) {
    const problem = problemWith(value);
    if (problem !== undefined) throw usageError(`${nameOf(value, index + 1)} ${problem}`, command);
    const [first] = roles;
    if (first !== undefined && whereIs(first) !== whereIs(value)) {
      throw usageError(
        `--role ${value} is in ${whereIs(value)}, but --role ${first} is in ${whereIs(first)}: every role ` +
          "must be in the secret's account",
        command,
      );
    }
    if (!roles.includes(value)) roles.push(value);
  }
  return roles;
}
