/**
 * A stand-in for the Lambda execution environment of a built asset: the asset folder (LAMBDA_TASK_ROOT) and,
 * outside it, a node_modules holding the AWS SDK and nothing else, as the Node.js runtimes provide it. A
 * dependency the bundle should carry but does not (Middy, js-yaml, this package) cannot resolve there.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const SDK_PACKAGE = "@aws-sdk/client-secrets-manager";

interface LockEntry {
  readonly dependencies?: Record<string, string>;
}

/** Where npm installed `name` for the package installed at `from` (nested node_modules first). */
function installedPath(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === "") return undefined;
  }
}

/** The top-level packages of the SDK client's dependency tree, from the lock file. */
function sdkClosure(): string[] {
  const lock = JSON.parse(readFileSync(path.join(ROOT_DIR, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const seen = new Set<string>();
  const pending = [`node_modules/${SDK_PACKAGE}`];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    if (seen.has(current)) continue;
    seen.add(current);
    for (const name of Object.keys(lock.packages[current]?.dependencies ?? {})) {
      const installed = installedPath(lock.packages, current, name);
      if (installed) pending.push(installed);
    }
  }
  // Nested installs come along with the top-level package that holds them.
  return [...seen]
    .filter((entry) => entry.lastIndexOf("node_modules/") === 0)
    .map((entry) => entry.slice(13));
}

/** A temporary Lambda-like layout; `taskRoot` is empty, for a recipe to build into. */
export interface LambdaLayout {
  readonly root: string;
  readonly taskRoot: string;
  remove(): void;
}

export function createLambdaLayout(): LambdaLayout {
  const root = mkdtempSync(path.join(os.tmpdir(), "starfleet-deploy-"));
  const taskRoot = path.join(root, "task");
  mkdirSync(taskRoot);
  for (const name of sdkClosure()) {
    const link = path.join(root, "node_modules", name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.join(ROOT_DIR, "node_modules", name), link, "dir");
  }
  return { root, taskRoot, remove: () => rmSync(root, { recursive: true, force: true }) };
}
