/**
 * Packs this package and installs the tarball, as a user would, into one temporary consumer project shared
 * by the packaging tests, with the user-side sources from __tests__/support/consumers/. One pack and one
 * install per test run; the npm cache makes the install fast after the first time.
 *
 * `npm pack` runs in a copy of the working tree, where its `prepack` build writes the copy's own dist/: other
 * test files run the repository's dist/ in child processes at the same time, and a rebuild under them would
 * hand them half-written files. The tarball is still built from the current sources.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export const ROOT_DIR = fileURLToPath(new URL("../..", import.meta.url));
const SOURCES_DIR = path.join(ROOT_DIR, "__tests__", "support", "consumers");
const TSC = path.join(ROOT_DIR, "node_modules", "typescript", "bin", "tsc");

/**
 * What a TypeScript Lambda project has: Middy, the SDK, the Lambda and Node types, zod, and @middy/core's optional
 * peer @aws/durable-execution-sdk-js, without which @middy/core's own declarations fail to resolve (and
 * quietly widen its context type to `any`, hiding type errors in middleware declarations).
 */
export const CONSUMER_DEPENDENCIES = [
  "@middy/core@7",
  "@aws-sdk/client-secrets-manager",
  "@types/aws-lambda",
  "@types/node@22",
  "@aws/durable-execution-sdk-js@2",
  // A Standard Schema library for the `schema` option (type-checked with skipLibCheck off, as users do).
  "zod@4",
] as const;

/** The test runners a worker author's project has, at the versions this repository's own tests use. */
function testRunnerDependencies(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT_DIR, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  return ["jest", "vitest", "vite"].map((name) => `${name}@${manifest.devDependencies[name]}`);
}

export const TYPESCRIPT_PROJECTS = {
  "ts-nodenext": { module: "nodenext", moduleResolution: "nodenext" },
  "ts-bundler": { module: "esnext", moduleResolution: "bundler" },
} as const;
export type TypeScriptProject = keyof typeof TYPESCRIPT_PROJECTS;

export interface ConsumerProject {
  readonly directory: string;
  /** Paths inside the tarball, as `npm pack` lists them (without the `package/` prefix). */
  readonly packedFiles: readonly string[];
  /** Runs a file of the consumer project with this Node, in a clean environment plus `env`. */
  node(file: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  /**
   * Runs a command in the project, with this Node first on PATH, in a clean environment plus `env`; resolves
   * with its output whatever its exit status.
   */
  run(
    command: string,
    args: readonly string[],
    env: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  /** The clean environment commands run in: PATH with this Node first, and HOME. */
  readonly env: Record<string, string>;
  /** Type-checks one of the TypeScript projects with this repository's TypeScript. */
  tsc(project: TypeScriptProject): Promise<{ code: number; output: string }>;
  remove(): void;
}

interface NpmPackReport {
  filename: string;
  files: { path: string }[];
}

function writeTypeScriptProject(directory: string, project: TypeScriptProject): void {
  const folder = path.join(directory, project);
  mkdirSync(folder);
  cpSync(path.join(SOURCES_DIR, "typed-handler.ts"), path.join(folder, "handler.ts"));
  const compilerOptions = {
    target: "es2023",
    ...TYPESCRIPT_PROJECTS[project],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ["node"],
  };
  writeFileSync(
    path.join(folder, "tsconfig.json"),
    JSON.stringify({ compilerOptions, files: ["handler.ts"] }),
  );
}

/** Build outputs and installed packages stay behind; the build finds the repository's node_modules. */
const NOT_COPIED = new Set(["node_modules", ".git", "dist", "coverage", ".cache"]);

function copyWorkingTree(destination: string): string {
  cpSync(ROOT_DIR, destination, {
    recursive: true,
    filter: (file) => {
      const relative = path.relative(ROOT_DIR, file);
      return !relative.split(path.sep).some((part) => NOT_COPIED.has(part)) && !relative.endsWith(".tgz");
    },
  });
  symlinkSync(path.join(ROOT_DIR, "node_modules"), path.join(destination, "node_modules"), "dir");
  return destination;
}

export async function createConsumerProject(): Promise<ConsumerProject> {
  const workspace = mkdtempSync(path.join(os.tmpdir(), "starfleet-packaging-"));
  try {
    const packDir = path.join(workspace, "pack");
    const source = copyWorkingTree(path.join(workspace, "source"));
    mkdirSync(packDir);
    const packed = await run("npm", ["pack", "--json", "--pack-destination", packDir], {
      cwd: source,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [report] = JSON.parse(packed.stdout) as NpmPackReport[];
    if (!report) throw new Error(`npm pack printed no report:\n${packed.stdout}`);

    const directory = path.join(workspace, "consumer");
    mkdirSync(directory);
    writeFileSync(
      path.join(directory, "package.json"),
      JSON.stringify({ name: "starfleet-consumer", private: true, type: "module" }),
    );
    await run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        path.join(packDir, report.filename),
        ...CONSUMER_DEPENDENCIES,
        ...testRunnerDependencies(),
      ],
      { cwd: directory, maxBuffer: 16 * 1024 * 1024 },
    );
    for (const name of [
      "esm-handler.js",
      "cjs-handler.cjs",
      "configuration_files",
      "testing",
      "jest.config.js",
    ]) {
      cpSync(path.join(SOURCES_DIR, name), path.join(directory, name), { recursive: true });
    }
    for (const project of Object.keys(TYPESCRIPT_PROJECTS) as TypeScriptProject[]) {
      writeTypeScriptProject(directory, project);
    }

    const cleanEnv = {
      PATH: [path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
      HOME: process.env.HOME ?? os.homedir(),
    };
    const runCommand: ConsumerProject["run"] = async (command, args, env) => {
      try {
        const { stdout, stderr } = await run(command, [...args], {
          cwd: directory,
          env: { ...cleanEnv, ...env },
          timeout: 120_000,
          maxBuffer: 16 * 1024 * 1024,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
      }
    };
    return {
      directory,
      packedFiles: report.files.map((file) => file.path),
      env: cleanEnv,
      node: (file, env) =>
        run(process.execPath, [file], { cwd: directory, env: { ...cleanEnv, ...env }, timeout: 30_000 }),
      run: runCommand,
      async tsc(project) {
        const { code, stdout, stderr } = await runCommand(
          process.execPath,
          [TSC, "-p", path.join(directory, project)],
          {},
        );
        return { code, output: `${stdout}${stderr}` };
      },
      remove: () => rmSync(workspace, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(workspace, { recursive: true, force: true });
    throw error;
  }
}
