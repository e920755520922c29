// Keys that read unambiguously after a dot; others (logger names such as `urllib3.connectionpool`, keys with
// spaces) are bracketed and quoted.
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `path` with one more segment: `.key`, `["odd key"]` or `[3]`. */
export function appendPath(path: string, segment: string | number): string {
  if (typeof segment === "number") return `${path}[${segment}]`;
  if (!PLAIN_KEY.test(segment)) return `${path}[${JSON.stringify(segment)}]`;
  return path === "" ? segment : `${path}.${segment}`;
}

/** A path in a document as messages print it: `STARFLEET.SecretsManager`, `GitHubSyncWorker["my org"][0]`. */
export function formatPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>(appendPath, "");
}
