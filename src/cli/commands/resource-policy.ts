/**
 * `policy --resource-policy`: a resource policy for the secret itself, so that only the named roles read it
 * whatever the account's identity policies allow (an administrator's `secretsmanager:*` on `*`, a CI role).
 * It names no secret and no account of its own: `"Resource": "*"` in a resource policy is the secret it is
 * attached to, and the account is the roles'. So it needs neither the configuration nor AWS.
 */
import type { ExitCode } from "../cli-error.js";
import type { CliIo } from "../io.js";
import { parseRoleArns } from "../role-arn.js";

/**
 * The policy: an Allow for the roles, and a Deny for every other principal. The Deny is what locks the
 * secret; the Allow states on the secret who may read it, beside the roles' own IAM policies (which
 * `starfleet-secrets policy` prints).
 * `aws:PrincipalArn` of a role's session (a Lambda function's, an operator's SSO login) is the role's ARN,
 * path included, so naming the role covers its sessions. A request without the key (anonymous, or an AWS
 * service acting as itself) matches `ArnNotEquals` and is denied too.
 */
function resourcePolicy(roles: readonly string[]) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "NamedRolesReadTheSecret",
        Effect: "Allow",
        Principal: { AWS: roles },
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      },
      {
        Sid: "NoOtherPrincipalReadsTheSecret",
        Effect: "Deny",
        Principal: "*",
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
        Condition: { ArnNotEquals: { "aws:PrincipalArn": roles } },
      },
    ],
  };
}

/**
 * Runs `policy --resource-policy --role ARN ...`: prints the policy, alone on stdout, for
 * `aws secretsmanager put-resource-policy --resource-policy file://...`.
 *
 * @throws {CliError} exit status 2 for a value that is not an IAM role ARN, or roles in several accounts.
 */
export function runResourcePolicy(roleValues: readonly string[], io: CliIo): ExitCode {
  const roles = parseRoleArns(roleValues, "policy");
  io.stdout.write(`${JSON.stringify(resourcePolicy(roles), null, 2)}\n`);
  return 0;
}
