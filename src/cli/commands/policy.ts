/**
 * `policy`: the IAM policy document workers' roles need to read the secret. The policy goes to stdout
 * alone, so it can be redirected to a file or passed to `aws iam create-policy`; notes go to stderr.
 */

import { partitionOf } from "../../config/aws-regions.js";
import { AwsCallError, type AwsSession } from "../aws.js";
import { usageError } from "../cli-error.js";
import type { CommandRunner } from "./context.js";

/** One statement of an IAM policy document. */
interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string;
  readonly Resource: string;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** What DescribeSecret told, or why it could not be read. */
type Description =
  | { readonly ok: true; readonly arn: string; readonly kmsKeyId: string | undefined }
  | { readonly ok: false; readonly reason: string };

async function describe(session: AwsSession): Promise<Description> {
  const { sdk, client, target } = session;
  try {
    const output = await session.call("DescribeSecret", (abortSignal) =>
      client.send(new sdk.DescribeSecretCommand({ SecretId: target.secretId }), { abortSignal }),
    );
    // DescribeSecret always answers with the ARN.
    return { ok: true, arn: output.ARN as string, kmsKeyId: output.KmsKeyId };
  } catch (error) {
    // Any failure (no such secret yet, no permission, no credentials at all) still allows a policy built
    // from the name and --account.
    if (!(error instanceof AwsCallError)) throw error;
    return { ok: false, reason: error.awsError };
  }
}

const AWS_MANAGED_KEY = /(^|:)alias\/aws\/secretsmanager$/;

/**
 * kms:Decrypt on the secret's customer-managed key; `undefined` for the AWS-managed key, which every
 * principal of the account may use through Secrets Manager. An alias cannot be a Resource of kms:Decrypt,
 * so an aliased key is matched with the kms:ResourceAliases condition instead.
 */
function kmsStatement(kmsKeyId: string, secretArn: string): PolicyStatement | undefined {
  if (AWS_MANAGED_KEY.test(kmsKeyId)) return undefined;
  const [, partition, , region, account] = secretArn.split(":");
  const base = { Sid: "DecryptStarfleetSecret", Effect: "Allow", Action: "kms:Decrypt" } as const;
  if (kmsKeyId.startsWith("arn:") && kmsKeyId.includes(":key/")) return { ...base, Resource: kmsKeyId };
  const alias = /^(?:arn:[^:]+:kms:([^:]+):(\d+):)?(alias\/.+)$/.exec(kmsKeyId);
  if (alias) {
    const [, keyRegion, keyAccount, aliasName] = alias;
    return {
      ...base,
      Resource: `arn:${partition}:kms:${keyRegion ?? region}:${keyAccount ?? account}:key/*`,
      Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": aliasName as string } },
    };
  }
  return { ...base, Resource: `arn:${partition}:kms:${region}:${account}:key/${kmsKeyId}` };
}

/** The secret's ARN when DescribeSecret could not be read: the configured ARN, or NAME-?????? in the account. */
function fallbackArn(session: AwsSession, account: string | undefined, reason: string): string {
  const { secretId, region } = session.target;
  // In an IAM Resource, "*" and "?" are wildcards: a name holding them would grant other secrets too.
  if (/[*?]/.test(secretId)) {
    throw usageError(
      `the secret's name or ARN ${JSON.stringify(secretId)} holds a wildcard (* or ?), which in a policy would ` +
        "grant every secret it matches; give the exact name",
      "policy",
    );
  }
  if (secretId.startsWith("arn:")) return secretId;
  if (account === undefined) {
    throw usageError(
      `cannot read the secret's ARN (DescribeSecret: ${reason}); pass --account ID to build it as ` +
        `arn:${partitionOf(region)}:secretsmanager:${region}:ACCOUNT:secret:${secretId}-??????`,
      "policy",
    );
  }
  // AWS appends "-" and six random characters to the name; "?" matches exactly one character.
  return `arn:${partitionOf(region)}:secretsmanager:${region}:${account}:secret:${secretId}-??????`;
}

/** Runs `policy`: prints the policy document. */
export const runPolicy: CommandRunner<"policy"> = async (invocation, io, connect) => {
  const { account } = invocation;
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    throw usageError("--account must be a 12-digit AWS account id", "policy");
  }
  const session = await connect();
  const description = await describe(session);
  const statements: PolicyStatement[] = [];
  let secretArn: string;
  if (description.ok) {
    secretArn = description.arn;
    const arnAccount = secretArn.split(":")[4];
    if (account !== undefined && arnAccount !== account) {
      io.stderr.write(
        `Note: the secret is in account ${arnAccount}, not ${account}; the policy uses its real ARN.\n`,
      );
    }
    const kms =
      description.kmsKeyId === undefined ? undefined : kmsStatement(description.kmsKeyId, secretArn);
    if (kms !== undefined) statements.push(kms);
  } else {
    secretArn = fallbackArn(session, account, description.reason);
    io.stderr.write(
      `Note: DescribeSecret could not be read (${description.reason}), so the Resource is built from the ` +
        "secret's name, and whether the secret uses a customer-managed KMS key is unknown: if it does, workers " +
        "also need kms:Decrypt on that key.\n",
    );
  }
  statements.unshift({
    Sid: "ReadStarfleetSecret",
    Effect: "Allow",
    Action: "secretsmanager:GetSecretValue",
    Resource: secretArn,
  });
  io.stdout.write(`${JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2)}\n`);
  return 0;
};
