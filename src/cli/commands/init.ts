/**
 * `init`: creates the secret as Starfleet's guide says, `{"STARFLEET": {}}`. CreateSecret itself refuses
 * an existing name, so "never overwrites" holds even when two operators run init at once.
 */
import { randomUUID } from "node:crypto";
import { type AwsSession, isAwsError } from "../aws.js";
import { CliError } from "../cli-error.js";
import { INITIAL_SECRET_TEXT } from "../secret-json.js";
import type { CommandRunner } from "./context.js";

const DESCRIPTION = "Starfleet's shared secret: STARFLEET plus one entry per worker (see starfleet-secrets)";

const NEXT_STEPS =
  "Next: `starfleet-secrets policy` prints the IAM policy for the workers' roles, and " +
  "`starfleet-secrets set WORKER [KEY] --from-file FILE` adds their secrets.\n";

function alreadyExists(session: AwsSession): string {
  const { secretId, region } = session.target;
  return (
    `Secret "${secretId}" already exists in ${region}; left it unchanged. ` +
    "`starfleet-secrets check` validates it.\n"
  );
}

/** CreateSecret takes a name: for a configured ARN, init can only confirm that the secret exists. */
async function confirmExisting(session: AwsSession): Promise<string> {
  const { sdk, client, target } = session;
  try {
    await session.call("DescribeSecret", (abortSignal) =>
      client.send(new sdk.DescribeSecretCommand({ SecretId: target.secretId }), { abortSignal }),
    );
  } catch (error) {
    if ((error as CliError).code !== "NOT_FOUND") throw error;
    throw new CliError(
      `The secret is named by ARN (${target.secretId}) and does not exist; init creates a secret from its ` +
        "name: pass --secret-id NAME (the part after ':secret:', without AWS's 6-character suffix).",
      { exitCode: 2, code: "ARN_NOT_FOUND" },
    );
  }
  return alreadyExists(session);
}

/** Runs `init`: exit status 0 when the secret was created or already existed. */
export const runInit: CommandRunner<"init"> = async (invocation, io, connect) => {
  const session = await connect();
  const { sdk, client, target } = session;
  if (target.secretId.startsWith("arn:")) {
    io.stdout.write(await confirmExisting(session));
    return 0;
  }
  try {
    const created = await session.call("CreateSecret", (abortSignal) =>
      client.send(
        new sdk.CreateSecretCommand({
          Name: target.secretId,
          SecretString: INITIAL_SECRET_TEXT,
          Description: DESCRIPTION,
          ClientRequestToken: randomUUID(),
          KmsKeyId: invocation.kmsKeyId,
        }),
        { abortSignal },
      ),
    );
    io.stdout.write(
      `Created secret "${target.secretId}" in ${target.region} with the value {"STARFLEET": {}} ` +
        `(${created.ARN}).\n${NEXT_STEPS}`,
    );
  } catch (error) {
    if (!isAwsError(error, "ResourceExistsException")) throw error;
    io.stdout.write(alreadyExists(session));
  }
  return 0;
};
