/**
 * `history [--max-items N] [--json]`: the secret's versions, newest first, each with its staging labels,
 * creation date and the paths it added, removed or changed against the version before it. Names only: no
 * value, kind or length is printed, so the output can go in a ticket.
 */
import type { AwsSession } from "../aws.js";
import { CliError } from "../cli-error.js";
import { problemOf, readVersion, type VersionContent, type VersionProblem } from "../current-version.js";
import { type ChangedPaths, changedPaths } from "../diff.js";
import type { CommandRunner } from "./context.js";

/** A version as ListSecretVersionIds lists it. */
interface ListedVersion {
  readonly versionId: string;
  readonly stages: readonly string[];
  readonly created: Date | undefined;
}

/** `history --json` output. */
export interface HistoryReport {
  readonly secretId: string;
  readonly region: string;
  /** How many versions the secret has (Secrets Manager keeps about 100 without a label). */
  readonly total: number;
  /** The newest `--max-items`, newest first. */
  readonly versions: readonly {
    readonly versionId: string;
    readonly stages: readonly string[];
    /** ISO 8601, UTC. */
    readonly createdDate: string | null;
    /** Why the version is not a usable secret; null when it is. */
    readonly problem: VersionProblem | null;
    /** Against the version before it (the first version: against nothing); null when either is unusable. */
    readonly changes: ChangedPaths | null;
  }[];
}

/** Every version, deprecated ones (no label) included, newest first: AWS documents no order of its own. */
async function listVersions(session: AwsSession): Promise<ListedVersion[]> {
  const { sdk, client, target } = session;
  const versions: ListedVersion[] = [];
  let nextToken: string | undefined;
  do {
    const page = await session.call("ListSecretVersionIds", (abortSignal) =>
      client.send(
        new sdk.ListSecretVersionIdsCommand({
          SecretId: target.secretId,
          IncludeDeprecated: true,
          MaxResults: 100,
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
        { abortSignal },
      ),
    );
    for (const { VersionId, VersionStages, CreatedDate } of page.Versions ?? []) {
      if (VersionId !== undefined) {
        versions.push({ versionId: VersionId, stages: VersionStages ?? [], created: CreatedDate });
      }
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return versions.sort((a, b) => (b.created?.getTime() ?? 0) - (a.created?.getTime() ?? 0));
}

/** A listed version's value; one Secrets Manager deleted since the listing is reported as such. */
async function contentOf(session: AwsSession, versionId: string): Promise<VersionContent> {
  try {
    return (await readVersion(session, { versionId })).content;
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== "NOT_FOUND") throw error;
    const gone = new CliError("Secrets Manager deleted this version after it was listed.", {
      code: "VERSION_NOT_FOUND",
    });
    return { ok: false, error: gone };
  }
}

async function buildReport(session: AwsSession, maxItems: number): Promise<HistoryReport> {
  const listed = await listVersions(session);
  const shown = listed.slice(0, maxItems);
  // One more than shown, for what the oldest one shown changed.
  const contents: VersionContent[] = [];
  for (const { versionId } of listed.slice(0, maxItems + 1))
    contents.push(await contentOf(session, versionId));
  const empty: VersionContent = { ok: true, text: "{}", document: {} };
  return {
    secretId: session.target.secretId,
    region: session.target.region,
    total: listed.length,
    versions: shown.map(({ versionId, stages, created }, index) => {
      const content = contents[index] as VersionContent;
      const before = contents[index + 1] ?? empty;
      return {
        versionId,
        stages,
        createdDate: created === undefined ? null : created.toISOString().replace(/\.\d{3}Z$/, "Z"),
        problem: content.ok ? null : problemOf(content.error),
        changes: content.ok && before.ok ? changedPaths(before.document, content.document) : null,
      };
    }),
  };
}

function changeLines({ added, removed, changed }: ChangedPaths): string[] {
  const lines = [
    ...added.map((path) => `+ ${path}`),
    ...removed.map((path) => `- ${path}`),
    ...changed.map((path) => `~ ${path}`),
  ];
  return lines.length > 0 ? lines : ["(no path added, removed or changed)"];
}

function formatReport(report: HistoryReport): string {
  const { total, versions } = report;
  const shown =
    versions.length < total
      ? `${total} versions, the ${versions.length} newest shown (--max-items N shows more)`
      : `${total} ${total === 1 ? "version" : "versions"}`;
  const lines = [
    `Secret "${report.secretId}" in ${report.region}: ${shown}, newest first; paths only, never values.`,
  ];
  const labelWidth = Math.max(8, ...versions.map(({ stages }) => stages.join(", ").length));
  for (const { versionId, stages, createdDate, problem, changes } of versions) {
    const labels = stages.length === 0 ? "-" : stages.join(", ");
    lines.push("", `${versionId}  ${labels.padEnd(labelWidth)}  ${createdDate ?? "(no date)"}`);
    if (problem !== null) lines.push(`  not a usable secret: [${problem.code}] ${problem.message}`);
    else if (changes === null)
      lines.push("  (changes unknown: the version before it is not a usable secret)");
    else lines.push(...changeLines(changes).map((line) => `  ${line}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Runs `history`. */
export const runHistory: CommandRunner<"history"> = async (invocation, io, connect) => {
  const report = await buildReport(await connect(), invocation.maxItems);
  io.stdout.write(invocation.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
};
