#!/usr/bin/env node
// Runs `node ARGS...` on a Node.js this project supports, so that `npm start` and `npm test` work whatever
// the machine's default `node` is. This file itself must run on old Node versions: plain JavaScript, no
// type annotations, nothing newer than Node 18.
//
//   node tools/supported-node.mjs ARGS...    runs `node ARGS...` on this Node when it is new enough, else on
//                                            Node 22 from the npm registry's `node` package (cached)
//   node tools/supported-node.mjs --bin-dir MAJOR
//                                            prints the folder of a Node MAJOR binary (this one, or the
//                                            cached one), for putting first on PATH (.ci/run's matrix)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// Node 22.18 is the first 22 that runs `.ts` files without a flag (examples/ and bench/ rely on it).
const MINIMUM = { major: 22, minor: 18 };
const FALLBACK_MAJOR = 22;

const [major, minor] = process.versions.node.split(".").map(Number);

function isSupported() {
  return major > MINIMUM.major || (major === MINIMUM.major && minor >= MINIMUM.minor);
}

function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "middy-starfleet-secrets");
}

function fail(message) {
  process.stderr.write(`middy-starfleet-secrets: ${message}\n`);
  process.exit(1);
}

/** The folder holding a Node `wantedMajor` binary: installed once from the npm registry, then reused. */
function cachedNodeBinDir(wantedMajor) {
  const prefix = path.join(cacheRoot(), `node${wantedMajor}`);
  const binDir = path.join(prefix, "node_modules", ".bin");
  if (existsSync(path.join(binDir, "node"))) return binDir;

  // Installed beside the final folder, then renamed into place: two scripts starting at once on a fresh
  // machine must not see each other's half-written install.
  const staging = `${prefix}.installing-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const install = spawnSync(
    npm,
    [
      "install",
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--prefix",
      staging,
      `node@${wantedMajor}`,
    ],
    { stdio: ["ignore", "ignore", "inherit"], shell: process.platform === "win32" },
  );
  if (install.status !== 0 || !existsSync(path.join(staging, "node_modules", ".bin", "node"))) {
    rmSync(staging, { recursive: true, force: true });
    fail(
      `could not install Node ${wantedMajor} from the npm registry (npm install node@${wantedMajor}). ` +
        `Install Node ${MINIMUM.major}.${MINIMUM.minor} or later yourself (the version in .nvmrc) and run the command again.`,
    );
  }
  try {
    renameSync(staging, prefix);
  } catch {
    // Another script finished first; its copy is as good as ours.
    rmSync(staging, { recursive: true, force: true });
  }
  return binDir;
}

function installedVersion(binDir) {
  const manifest = path.join(binDir, "..", "node", "package.json");
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

function binDirOf(wantedMajor) {
  return major === wantedMajor && isSupported()
    ? path.dirname(process.execPath)
    : cachedNodeBinDir(wantedMajor);
}

function runNode(binDir, args) {
  // The bin folder goes first on PATH too, so that anything the script starts as `node` gets the same Node.
  const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}` };
  const child = spawnSync(path.join(binDir, "node"), args, { stdio: "inherit", env });
  if (child.error) fail(`could not start ${path.join(binDir, "node")}: ${child.error.message}`);
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}

const args = process.argv.slice(2);
if (args[0] === "--bin-dir") {
  const wanted = Number(args[1]);
  if (!Number.isInteger(wanted) || wanted < MINIMUM.major)
    fail(`--bin-dir takes a Node major version (22 or later), got "${args[1] ?? ""}"`);
  process.stdout.write(`${binDirOf(wanted)}\n`);
} else if (isSupported()) {
  runNode(path.dirname(process.execPath), args);
} else {
  const binDir = cachedNodeBinDir(FALLBACK_MAJOR);
  process.stderr.write(
    `middy-starfleet-secrets: Node ${process.versions.node} is older than this project needs ` +
      `(${MINIMUM.major}.${MINIMUM.minor} or later, see .nvmrc); running under Node ${installedVersion(binDir)} ` +
      `from the npm registry's "node" package, cached in ${path.dirname(path.dirname(binDir))}.\n`,
  );
  runNode(binDir, args);
}
