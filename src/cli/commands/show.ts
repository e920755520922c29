/**
 * `show`: the secret, or one entry, as JSON. Masked by default, so checking what is there never puts a
 * secret on screen; `--reveal` prints the values.
 */
import { CliError } from "../cli-error.js";
import { readCurrentVersion } from "../current-version.js";
import { maskTree } from "../mask.js";
import { type JsonValue, memberOf, stringifyJson } from "../secret-json.js";
import type { CommandRunner } from "./context.js";

/** Runs `show`: exit status 1 when the named entry does not exist. */
export const runShow: CommandRunner<"show"> = async (invocation, io, connect) => {
  const session = await connect();
  const { secretId, region } = session.target;
  const current = await readCurrentVersion(session);
  let value: JsonValue = current.document;
  let what = `Secret "${secretId}" in ${region}`;
  if (invocation.entry !== undefined) {
    const entry = memberOf(current.document, invocation.entry);
    if (entry === undefined) {
      const names = Object.keys(current.document).map((name) => JSON.stringify(name));
      throw new CliError(
        `The secret has no entry ${JSON.stringify(invocation.entry)} (entries: ${names.join(", ") || "none"}).`,
        { code: "ENTRY_MISSING" },
      );
    }
    value = entry;
    what = `Entry ${JSON.stringify(invocation.entry)} of secret "${secretId}" in ${region}`;
  }
  if (invocation.reveal) {
    if (io.isTTY.stdout) {
      io.stderr.write(
        "Warning: printing secret values to a terminal (scrollback, screen sharing, recordings).\n",
      );
    }
    io.stderr.write(`${what}, version ${current.versionId}:\n`);
    io.stdout.write(`${stringifyJson(value, "  ")}\n`);
  } else {
    io.stderr.write(`${what}, version ${current.versionId}, values masked (--reveal prints them):\n`);
    io.stdout.write(`${stringifyJson(maskTree(value), "  ")}\n`);
  }
  return 0;
};
