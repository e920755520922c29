import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { dump } from "js-yaml";
import { loadStarfleetConfig } from "../../src/config/load-config.js";
import { validateStarfleetConfig } from "../../src/config/validate-config.js";
import { StarfleetConfigError, type StarfleetConfigIssue } from "../../src/errors.js";

const REALISTIC_CONFIG = `STARFLEET:
  DeploymentRegion: us-east-2
  TemplateBucket: starfleet-templates-123456789012
  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue
  AccountIndex: StarfleetDefaultAccountIndex
  LogLevel: INFO
  SecretsManager:
    SecretId: Starfleet
    SecretRegion: us-east-2
  SlackEnabled: true

GitHubSyncWorkerShip:
  Enabled: true
  TemplatePrefix: GitHubSync/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/123456789012/starfleet-github-sync
  InvocationSources:
    - EVENTBRIDGE_TIMED_EVENT
  EventBridgeTimedFrequency: HOURLY
`;

const MINIMAL_STARFLEET = {
  DeploymentRegion: "us-east-2",
  TemplateBucket: "starfleet-templates",
  FanOutQueueUrl: "https://sqs.us-east-2.amazonaws.com/123456789012/fanout",
};

const MINIMAL_CONFIG = dump({ STARFLEET: MINIMAL_STARFLEET });

const runningAsRoot = process.getuid?.() === 0;
// Root reads files whatever their mode, so permission tests only mean something for other users.
const itUnlessRoot = runningAsRoot ? it.skip : it;

let tmp: string;
const savedEnv = {
  STARFLEET_CONFIG_DIR: process.env.STARFLEET_CONFIG_DIR,
  LAMBDA_TASK_ROOT: process.env.LAMBDA_TASK_ROOT,
};

function restoreEnv(name: keyof typeof savedEnv): void {
  const value = savedEnv[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "starfleet-config-"));
  delete process.env.STARFLEET_CONFIG_DIR;
  delete process.env.LAMBDA_TASK_ROOT;
});

afterEach(() => {
  // Undo permission tests' chmod so the folder can be removed.
  fs.chmodSync(tmp, 0o700);
  fs.rmSync(tmp, { recursive: true, force: true });
  restoreEnv("STARFLEET_CONFIG_DIR");
  restoreEnv("LAMBDA_TASK_ROOT");
});

/** Writes `files` (name -> text) into a new folder under the test's temp folder and returns its path. */
function configFolder(files: Record<string, string>, name = "configuration_files"): string {
  const directory = path.join(tmp, name);
  fs.mkdirSync(directory, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, file), text);
  return directory;
}

function configError(load: () => unknown): StarfleetConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(StarfleetConfigError);
    return error as StarfleetConfigError;
  }
  throw new Error("expected loadStarfleetConfig to throw StarfleetConfigError");
}

function loadErrorFor(files: Record<string, string>): StarfleetConfigError {
  const directory = configFolder(files);
  return configError(() => loadStarfleetConfig({ directory }));
}

/** The issues for a STARFLEET stanza made of the minimal valid one with `changes` (undefined removes). */
function stanzaIssues(changes: Record<string, unknown>): readonly StarfleetConfigIssue[] {
  return loadErrorFor({ "starfleet.yaml": stanzaYaml(changes) }).issues;
}

function stanzaYaml(changes: Record<string, unknown>): string {
  const stanza: Record<string, unknown> = { ...MINIMAL_STARFLEET, ...changes };
  for (const [key, value] of Object.entries(stanza)) if (value === undefined) delete stanza[key];
  return dump({ STARFLEET: stanza });
}

function loadStanza(changes: Record<string, unknown>) {
  const directory = configFolder({ "starfleet.yaml": stanzaYaml(changes) });
  return loadStarfleetConfig({ directory }).STARFLEET;
}

function onlyIssue(issues: readonly StarfleetConfigIssue[]): StarfleetConfigIssue {
  expect(issues).toHaveLength(1);
  return issues[0] as StarfleetConfigIssue;
}

describe("loading a configuration folder", () => {
  it("loads the realistic Starfleet configuration with its values and Starfleet's defaults", () => {
    const directory = configFolder({ "starfleet.yaml": REALISTIC_CONFIG });

    const config = loadStarfleetConfig({ directory });

    expect(config.STARFLEET).toEqual({
      DeploymentRegion: "us-east-2",
      TemplateBucket: "starfleet-templates-123456789012",
      FanOutQueueUrl: "https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue",
      AccountIndex: "StarfleetDefaultAccountIndex",
      LogLevel: "INFO",
      SecretsManager: { SecretId: "Starfleet", SecretRegion: "us-east-2" },
      SlackEnabled: true,
      ScopeToRegions: [],
    });
    expect(config.GitHubSyncWorkerShip).toEqual({
      Enabled: true,
      TemplatePrefix: "GitHubSync/",
      InvocationQueueUrl: "https://sqs.us-east-2.amazonaws.com/123456789012/starfleet-github-sync",
      InvocationSources: ["EVENTBRIDGE_TIMED_EVENT"],
      EventBridgeTimedFrequency: "HOURLY",
    });
  });

  it("applies every default when only the required fields are set", () => {
    const config = loadStarfleetConfig({ directory: configFolder({ "starfleet.yaml": MINIMAL_CONFIG }) });

    expect(config.STARFLEET).toEqual({
      ...MINIMAL_STARFLEET,
      AccountIndex: "StarfleetDefaultAccountIndex",
      ScopeToRegions: [],
      SlackEnabled: false,
      LogLevel: "INFO",
    });
    expect(config.STARFLEET).not.toHaveProperty("SecretsManager");
  });

  it("merges the top-level keys of every file, .yml included", () => {
    const directory = configFolder({
      "starfleet.yaml": MINIMAL_CONFIG,
      "github-sync.yml": "GitHubSyncWorkerShip:\n  Enabled: true\n",
      "account-index.yaml": "AccountIndexGeneratorShip:\n  Enabled: false\n",
    });

    const config = loadStarfleetConfig({ directory });

    expect(Object.keys(config).sort()).toEqual([
      "AccountIndexGeneratorShip",
      "GitHubSyncWorkerShip",
      "STARFLEET",
    ]);
    expect(config.GitHubSyncWorkerShip).toEqual({ Enabled: true });
    expect(config.AccountIndexGeneratorShip).toEqual({ Enabled: false });
  });

  it("ignores other files, dot-files and subfolders", () => {
    const directory = configFolder({
      "starfleet.yaml": MINIMAL_CONFIG,
      "README.md": "STARFLEET: [not, yaml, config]",
      "notes.txt": ": : :",
      "starfleet.yaml.bak": "{{{",
      "starfleet.json": '{"STARFLEET": 1}',
      // macOS leaves AppleDouble files like this in zip files; they are binary, not YAML.
      "._starfleet.yaml": "\u0000\u0005\u0016\u0007 Mac OS X {{{",
    });
    configFolder({ "nested.yaml": "STARFLEET: duplicated\n{{{" }, "configuration_files/sub");

    const config = loadStarfleetConfig({ directory });

    expect(Object.keys(config)).toEqual(["STARFLEET"]);
  });

  it("follows a symbolic link to a YAML file", () => {
    const elsewhere = configFolder({ "shared.yaml": MINIMAL_CONFIG }, "shared");
    const directory = configFolder({});
    fs.symlinkSync(path.join(elsewhere, "shared.yaml"), path.join(directory, "starfleet.yaml"));

    expect(loadStarfleetConfig({ directory }).STARFLEET.TemplateBucket).toBe("starfleet-templates");
  });

  it("reports every YAML name it cannot read as a file, with the other problems, and never opens a FIFO", () => {
    const directory = configFolder({ "starfleet.yaml": stanzaYaml({ DeploymentRegion: "us-east2" }) });
    const at = (name: string) => path.join(directory, name);
    fs.symlinkSync("loop.yaml", at("loop.yaml"));
    fs.symlinkSync("not-there.yaml", at("dangling.yaml"));
    fs.symlinkSync(`${"x".repeat(300)}/starfleet.yaml`, at("long.yaml"));
    fs.mkdirSync(at("folder.yaml"));
    execFileSync("mkfifo", [at("pipe.yaml")]);

    const error = configError(() => loadStarfleetConfig({ directory }));

    expect(error.issues.map(({ file, path: where, message }) => [file, where, message])).toEqual([
      [at("dangling.yaml"), "", expect.stringContaining("is a symbolic link to a file that does not exist")],
      [at("folder.yaml"), "", expect.stringContaining("is a folder, not a file")],
      [at("long.yaml"), "", expect.stringContaining("Could not read the file (ENAMETOOLONG)")],
      [at("loop.yaml"), "", expect.stringContaining("Could not read the file (ELOOP)")],
      [at("pipe.yaml"), "", expect.stringContaining("is not a regular file")],
      [at("starfleet.yaml"), "STARFLEET.DeploymentRegion", expect.stringContaining("us-east-2")],
    ]);
  });

  itUnlessRoot("reports a link to a file it may not reach, with the others' problems", () => {
    const locked = configFolder({ "shared.yaml": MINIMAL_CONFIG }, "locked");
    const directory = configFolder({ "starfleet.yaml": stanzaYaml({ DeploymentRegion: "us-east2" }) });
    fs.symlinkSync(path.join(locked, "shared.yaml"), path.join(directory, "shared.yaml"));
    fs.chmodSync(locked, 0o000);
    try {
      const error = configError(() => loadStarfleetConfig({ directory }));

      expect(error.issues.map(({ file, message }) => [path.basename(file ?? ""), message])).toEqual([
        ["shared.yaml", expect.stringContaining("Could not read the file (EACCES)")],
        ["starfleet.yaml", expect.stringContaining("us-east-2")],
      ]);
    } finally {
      fs.chmodSync(locked, 0o700);
    }
  });

  const REMOVE_OR_RENAME =
    "Remove it, or rename it so that its name does not end in .yaml or .yml (every such entry of the folder " +
    "is read as configuration).";
  it.each<[string, (file: string) => void, string]>([
    [
      "a link to nothing",
      (file) => fs.symlinkSync("not-there.yaml", file),
      `The file is a symbolic link to a file that does not exist (ENOENT). Fix the link. ${REMOVE_OR_RENAME}`,
    ],
    ["a folder", (file) => fs.mkdirSync(file), `The entry is a folder, not a file. ${REMOVE_OR_RENAME}`],
    [
      "a link to itself",
      (file) => fs.symlinkSync(path.basename(file), file),
      "Could not read the file (ELOOP): its symbolic links form a loop. Fix the link.",
    ],
    [
      "broken YAML",
      (file) => fs.writeFileSync(file, "STARFLEET: [\n"),
      "YAML syntax error: unexpected end of the stream within a flow collection (line 2, column 1).",
    ],
    [
      "two documents",
      (file) => fs.writeFileSync(file, "A: 1\n---\nB: 2\n"),
      "The file holds 2 YAML documents (separated by ---); Starfleet reads one per file. Remove the --- " +
        "separators or move each document to its own file.",
    ],
  ])(
    "says how to fix a lone YAML name that is %s, and not that STARFLEET is missing: it may be in there",
    (_kind, make, message) => {
      const directory = configFolder({});
      const file = path.join(directory, "starfleet.yaml");
      make(file);

      expect(configError(() => loadStarfleetConfig({ directory })).issues).toEqual([
        { file, path: "", message },
      ]);
    },
  );

  it("says how to fix a lone file that holds no mapping, and that STARFLEET is then missing", () => {
    const directory = configFolder({ "starfleet.yaml": "just text\n" });

    expect(configError(() => loadStarfleetConfig({ directory })).issues).toEqual([
      {
        file: path.join(directory, "starfleet.yaml"),
        path: "",
        message:
          "The file must hold a mapping of top-level keys (such as STARFLEET:), but holds a string. Write each " +
          "stanza as `Name:` at the start of a line, with its settings indented below.",
      },
      expect.objectContaining({
        path: "STARFLEET",
        message: expect.stringContaining("has no STARFLEET stanza"),
      }),
    ]);
  });

  it("names no YAML path for a folder that holds no YAML file or cannot be listed", () => {
    const empty = configFolder({});
    const missing = path.join(tmp, "missing");
    for (const directory of [empty, missing]) {
      const { issues } = configError(() => loadStarfleetConfig({ directory }));
      expect(issues).toEqual([{ path: "", message: expect.stringContaining(directory) }]);
    }
  });

  it("reads the files in sorted code-unit order", () => {
    // Written out of order; upper case sorts before "_", which sorts before lower case.
    const directory = configFolder({
      "b.yaml": "B: 2\n",
      "a.yml": "A: 1\n",
      "_starfleet.yaml": MINIMAL_CONFIG,
      "C.yaml": "C: 3\n",
    });

    expect(Object.keys(loadStarfleetConfig({ directory }))).toEqual(["C", "STARFLEET", "A", "B"]);
  });

  it("reports a top-level key defined in two files, naming both files", () => {
    const error = loadErrorFor({
      "starfleet.yaml": MINIMAL_CONFIG,
      "workers-b.yaml": "GitHubSyncWorkerShip:\n  Enabled: false\n",
      "workers-a.yaml": "GitHubSyncWorkerShip:\n  Enabled: true\n",
    });

    const issue = onlyIssue(error.issues);
    expect(issue.path).toBe("GitHubSyncWorkerShip");
    expect(issue.file).toBe(path.join(error.directory ?? "", "workers-b.yaml"));
    expect(issue.message).toBe(
      "Top-level key GitHubSyncWorkerShip is defined in both workers-a.yaml and workers-b.yaml. Each top-level " +
        "key must be defined in exactly one file (Starfleet's Python would silently keep one of them): merge " +
        "the two stanzas into one file.",
    );
  });

  it("reports STARFLEET defined in two files, and still validates the first one", () => {
    const error = loadErrorFor({
      "a.yaml": stanzaYaml({ LogLevel: "LOUD" }),
      "b.yaml": MINIMAL_CONFIG,
    });

    expect(error.issues.map((issue) => issue.path)).toEqual(["STARFLEET", "STARFLEET.LogLevel"]);
    expect(error.issues[0]?.message).toContain("defined in both a.yaml and b.yaml");
  });

  it.each([
    ["an empty file", ""],
    ["a file with only comments", "# Workers are configured in other files.\n# Nothing here yet.\n"],
    ["a file with only a document marker", "---\n"],
    ["a file holding a null document", "null\n"],
    ["a file with only whitespace", "\n  \n\t\n"],
  ])("accepts %s, which contributes nothing", (_name, text) => {
    const directory = configFolder({ "starfleet.yaml": MINIMAL_CONFIG, "empty.yaml": text });

    expect(Object.keys(loadStarfleetConfig({ directory }))).toEqual(["STARFLEET"]);
  });

  it("reports a YAML syntax error with the file, line and column, without a snippet of the file", () => {
    const error = loadErrorFor({
      "starfleet.yaml": MINIMAL_CONFIG,
      "broken.yaml": "GitHubSyncWorkerShip:\n  Enabled: true\n  TemplatePrefix: a: b\n",
    });

    const issue = onlyIssue(error.issues);
    expect(issue.file).toBe(path.join(error.directory ?? "", "broken.yaml"));
    expect(issue.path).toBe("");
    expect(issue.message).toBe("YAML syntax error: bad indentation of a mapping entry (line 3, column 20).");
    expect(error.message).not.toContain("TemplatePrefix");
  });

  it("reports a key repeated inside one file as a syntax error at the repeat", () => {
    const error = loadErrorFor({
      "starfleet.yaml": `${MINIMAL_CONFIG}  DeploymentRegion: us-west-2\n`,
    });

    const issue = onlyIssue(error.issues);
    expect(issue.message).toBe("YAML syntax error: duplicated mapping key (line 5, column 3).");
  });

  it("rejects YAML tags that would build JavaScript values", () => {
    const error = loadErrorFor({
      "starfleet.yaml": `${MINIMAL_CONFIG}Worker:\n  run: !!js/function "function () { return 1 }"\n`,
    });

    expect(onlyIssue(error.issues).message).toMatch(/^YAML syntax error: unknown tag .*js\/function/);
  });

  it("does not also report STARFLEET missing when the file holding it has a syntax error", () => {
    const error = loadErrorFor({
      "starfleet.yaml": "STARFLEET:\n  DeploymentRegion: [us-east-2\n",
      "worker.yaml": "Worker:\n  Enabled: true\n",
    });

    const issue = onlyIssue(error.issues);
    expect(issue.file).toMatch(/starfleet\.yaml$/);
    expect(issue.message).toMatch(/^YAML syntax error: .*\(line \d+, column \d+\)\.$/);
  });

  it("reports a syntax error in one file and STARFLEET problems in another together", () => {
    const error = loadErrorFor({
      "starfleet.yaml": stanzaYaml({ DeploymentRegion: "us-east2" }),
      "worker.yaml": "Worker: [unclosed\n",
    });

    expect(error.issues.map((issue) => [path.basename(issue.file ?? ""), issue.path])).toEqual([
      ["worker.yaml", ""],
      ["starfleet.yaml", "STARFLEET.DeploymentRegion"],
    ]);
  });

  it.each([
    ["a list", "- STARFLEET\n- Worker\n"],
    ["a string", "just some text\n"],
    ["a number", "42\n"],
  ])("reports a file whose document is %s instead of a mapping", (type, text) => {
    const error = loadErrorFor({ "starfleet.yaml": MINIMAL_CONFIG, "worker.yaml": text });

    const issue = onlyIssue(error.issues);
    expect(issue.file).toMatch(/worker\.yaml$/);
    expect(issue.message).toContain(
      `must hold a mapping of top-level keys (such as STARFLEET:), but holds ${type}`,
    );
  });

  it.each([
    ["two documents", "Worker: {}\n---\nOther: {}\n", 2],
    ["a trailing document marker", "Worker: {}\n---\n", 2],
    ["three documents", "---\nA: 1\n---\nB: 2\n---\nC: 3\n", 3],
  ])("reports a file with %s", (_name, text, count) => {
    const error = loadErrorFor({ "starfleet.yaml": MINIMAL_CONFIG, "workers.yaml": text });

    const issue = onlyIssue(error.issues);
    expect(issue.file).toMatch(/workers\.yaml$/);
    expect(issue.message).toContain(`holds ${count} YAML documents (separated by ---)`);
  });

  it("keeps a top-level key named __proto__ as plain data without touching any prototype", () => {
    const directory = configFolder({
      "starfleet.yaml": `${MINIMAL_CONFIG}__proto__:\n  polluted: true\n`,
    });

    const config = loadStarfleetConfig({ directory });

    expect(Object.hasOwn(config, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("loads cyclic YAML anchors and binary values in worker stanzas", () => {
    const directory = configFolder({
      "starfleet.yaml": `${MINIMAL_CONFIG}Worker: &worker\n  self: *worker\n  key: !!binary aGVsbG8=\n`,
    });

    const worker = loadStarfleetConfig({ directory }).Worker as { self: unknown; key: Uint8Array };

    expect(worker.self).toBe(worker);
    expect(Object.isFrozen(worker)).toBe(true);
    expect(Buffer.from(worker.key).toString()).toBe("hello");
  });
});

describe("folder problems", () => {
  it("says which folder was tried and how to choose another when the folder is missing", () => {
    const directory = path.join(tmp, "nowhere");

    const error = configError(() => loadStarfleetConfig({ directory }));

    expect(error.directory).toBe(directory);
    const issue = onlyIssue(error.issues);
    expect(issue.message).toContain(`${directory} (from options.directory) does not exist`);
    expect(issue.message).toContain("loadStarfleetConfig({ directory })");
    expect(issue.message).toContain("STARFLEET_CONFIG_DIR");
    expect(issue.message).toContain("configuration_files folder beside the handler");
    expect(issue.file).toBeUndefined();
  });

  it("names the environment variable the missing folder came from", () => {
    process.env.STARFLEET_CONFIG_DIR = path.join(tmp, "typo");

    const error = configError(() => loadStarfleetConfig());

    expect(error.message).toContain(`${path.join(tmp, "typo")} (from STARFLEET_CONFIG_DIR) does not exist`);
  });

  it("reports a folder without YAML files", () => {
    const directory = configFolder({ "README.md": "# config", "starfleet.json": "{}" });

    const issue = onlyIssue(configError(() => loadStarfleetConfig({ directory })).issues);

    expect(issue.message).toBe(
      `The configuration folder ${directory} has no .yaml or .yml files. Put Starfleet's configuration ` +
        "files (with the STARFLEET stanza) there, or point at the folder that holds them. Pass " +
        "loadStarfleetConfig({ directory }), set the STARFLEET_CONFIG_DIR environment variable, or ship a " +
        "configuration_files folder beside the handler (in the Lambda package root).",
    );
  });

  it("reports a path that is a file, not a folder", () => {
    const file = path.join(tmp, "starfleet.yaml");
    fs.writeFileSync(file, MINIMAL_CONFIG);

    const issue = onlyIssue(configError(() => loadStarfleetConfig({ directory: file })).issues);

    expect(issue.message).toContain(
      `${file} (from options.directory) is a file, not a folder. Point at the folder that holds the YAML files. `,
    );
  });

  it("reports a folder that cannot be read for another reason, with the system's code", () => {
    const loop = path.join(tmp, "loop");
    fs.symlinkSync(loop, loop);

    const issue = onlyIssue(configError(() => loadStarfleetConfig({ directory: loop })).issues);

    expect(issue.message).toBe(
      `The configuration folder ${loop} (from options.directory) could not be read (ELOOP).`,
    );
  });

  itUnlessRoot("reports a folder it is not allowed to read", () => {
    const directory = configFolder({ "starfleet.yaml": MINIMAL_CONFIG });
    fs.chmodSync(directory, 0o000);
    try {
      const issue = onlyIssue(configError(() => loadStarfleetConfig({ directory })).issues);
      expect(issue.message).toContain("is not readable (EACCES)");
    } finally {
      fs.chmodSync(directory, 0o700);
    }
  });

  itUnlessRoot("reports a YAML file it is not allowed to read", () => {
    const directory = configFolder({ "starfleet.yaml": MINIMAL_CONFIG, "secret.yaml": "A: 1\n" });
    fs.chmodSync(path.join(directory, "secret.yaml"), 0o000);

    const issue = onlyIssue(configError(() => loadStarfleetConfig({ directory })).issues);

    expect(issue.file).toBe(path.join(directory, "secret.yaml"));
    expect(issue.message).toBe("Could not read the file (EACCES).");
  });
});

// The system's refusals, simulated so that they are tested wherever the suite runs, as root too.
describe("when the system refuses", () => {
  const refusal = (code: string) => () => {
    throw Object.assign(new Error(`${code}: refused`), { code });
  };
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it.each([
    [
      "EACCES",
      "is not readable (EACCES). Make the folder readable and listable by the user the function runs as.",
    ],
    [
      "EPERM",
      "is not readable (EPERM). Make the folder readable and listable by the user the function runs as.",
    ],
    ["EIO", "could not be read (EIO)."],
  ])("to list the folder (%s), it says what to do", (code, tail) => {
    const directory = configFolder({ "starfleet.yaml": MINIMAL_CONFIG });
    jest.spyOn(fs, "readdirSync").mockImplementation(refusal(code));

    const issue = onlyIssue(configError(() => loadStarfleetConfig({ directory })).issues);

    expect(issue.message).toBe(`The configuration folder ${directory} (from options.directory) ${tail}`);
  });

  it("to read a file, it names the file and the code, and reads the others", () => {
    const directory = configFolder({ "starfleet.yaml": MINIMAL_CONFIG, "secret.yaml": "A: 1\n" });
    const readFileSync = fs.readFileSync;
    jest.spyOn(fs, "readFileSync").mockImplementation(((
      file: fs.PathOrFileDescriptor,
      ...rest: unknown[]
    ) => {
      if (String(file).endsWith("secret.yaml")) refusal("EACCES")();
      return (readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync);

    const issue = onlyIssue(configError(() => loadStarfleetConfig({ directory })).issues);

    expect(issue).toEqual({
      file: path.join(directory, "secret.yaml"),
      path: "",
      message: "Could not read the file (EACCES).",
    });
  });

  it("to look at a file, it says to make it readable or remove it", () => {
    const directory = configFolder({ "starfleet.yaml": MINIMAL_CONFIG, "secret.yaml": "A: 1\n" });
    const statSync = fs.statSync;
    jest.spyOn(fs, "statSync").mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      if (String(file).endsWith("secret.yaml")) refusal("EIO")();
      return (statSync as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.statSync);

    const issue = onlyIssue(configError(() => loadStarfleetConfig({ directory })).issues);

    expect(issue.message).toBe("Could not read the file (EIO). Make it a readable file, or remove it.");
  });
});

describe("choosing the folder", () => {
  function folderWithBucket(name: string): string {
    return configFolder({ "starfleet.yaml": stanzaYaml({ TemplateBucket: name }) }, name);
  }

  it("prefers options.directory over STARFLEET_CONFIG_DIR and LAMBDA_TASK_ROOT", () => {
    const option = folderWithBucket("option");
    process.env.STARFLEET_CONFIG_DIR = folderWithBucket("env");
    process.env.LAMBDA_TASK_ROOT = path.dirname(folderWithBucket("task/configuration_files"));

    expect(loadStarfleetConfig({ directory: option }).STARFLEET.TemplateBucket).toBe("option");
  });

  it("uses STARFLEET_CONFIG_DIR over LAMBDA_TASK_ROOT", () => {
    process.env.STARFLEET_CONFIG_DIR = folderWithBucket("env");
    process.env.LAMBDA_TASK_ROOT = path.dirname(folderWithBucket("task/configuration_files"));

    expect(loadStarfleetConfig().STARFLEET.TemplateBucket).toBe("env");
  });

  it("uses LAMBDA_TASK_ROOT/configuration_files when STARFLEET_CONFIG_DIR is unset or empty", () => {
    process.env.STARFLEET_CONFIG_DIR = "";
    process.env.LAMBDA_TASK_ROOT = path.join(tmp, "task");
    configFolder({ "starfleet.yaml": stanzaYaml({ TemplateBucket: "task" }) }, "task/configuration_files");

    expect(loadStarfleetConfig().STARFLEET.TemplateBucket).toBe("task");
  });

  it("uses configuration_files in the working directory when nothing else is set", () => {
    configFolder({ "starfleet.yaml": stanzaYaml({ TemplateBucket: "cwd" }) }, "app/configuration_files");
    const cwd = process.cwd();
    process.chdir(path.join(tmp, "app"));
    try {
      expect(loadStarfleetConfig().STARFLEET.TemplateBucket).toBe("cwd");
    } finally {
      process.chdir(cwd);
    }
  });

  it("names where a missing folder's path came from, so the error says which setting to change", () => {
    process.env.STARFLEET_CONFIG_DIR = "";
    process.env.LAMBDA_TASK_ROOT = path.join(tmp, "bare-task");
    expect(() => loadStarfleetConfig()).toThrow(
      `${path.join(tmp, "bare-task", "configuration_files")} (from LAMBDA_TASK_ROOT/configuration_files) does not exist`,
    );

    delete process.env.LAMBDA_TASK_ROOT;
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      expect(() => loadStarfleetConfig()).toThrow(
        `${path.join(tmp, "configuration_files")} (from configuration_files in the working directory) does not exist`,
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it("resolves a relative STARFLEET_CONFIG_DIR against the working directory", () => {
    folderWithBucket("relative");
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      process.env.STARFLEET_CONFIG_DIR = "relative";
      expect(loadStarfleetConfig().STARFLEET.TemplateBucket).toBe("relative");
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("memoization", () => {
  it("reads the default folder once: later calls return the same object, even after the files change", () => {
    const directory = configFolder({ "starfleet.yaml": stanzaYaml({ TemplateBucket: "first" }) });
    process.env.STARFLEET_CONFIG_DIR = directory;

    const first = loadStarfleetConfig();
    fs.writeFileSync(path.join(directory, "starfleet.yaml"), stanzaYaml({ TemplateBucket: "second" }));
    const second = loadStarfleetConfig();

    expect(second).toBe(first);
    expect(second.STARFLEET.TemplateBucket).toBe("first");
    // An explicit folder is read on every call.
    expect(loadStarfleetConfig({ directory }).STARFLEET.TemplateBucket).toBe("second");
  });

  it("reads the new folder when the default folder changes", () => {
    process.env.STARFLEET_CONFIG_DIR = configFolder(
      { "starfleet.yaml": stanzaYaml({ TemplateBucket: "one" }) },
      "one",
    );
    const first = loadStarfleetConfig();
    process.env.STARFLEET_CONFIG_DIR = configFolder(
      { "starfleet.yaml": stanzaYaml({ TemplateBucket: "two" }) },
      "two",
    );

    const second = loadStarfleetConfig();

    expect(first.STARFLEET.TemplateBucket).toBe("one");
    expect(second.STARFLEET.TemplateBucket).toBe("two");
  });

  it("does not remember a failure: the next call reads the fixed files", () => {
    const directory = configFolder({ "starfleet.yaml": stanzaYaml({ DeploymentRegion: "us-east2" }) });
    process.env.STARFLEET_CONFIG_DIR = directory;
    configError(() => loadStarfleetConfig());

    fs.writeFileSync(path.join(directory, "starfleet.yaml"), MINIMAL_CONFIG);

    expect(loadStarfleetConfig().STARFLEET.DeploymentRegion).toBe("us-east-2");
  });

  it("reads an explicit directory on every call", () => {
    const directory = configFolder({ "starfleet.yaml": stanzaYaml({ TemplateBucket: "first" }) });

    const first = loadStarfleetConfig({ directory });
    fs.writeFileSync(path.join(directory, "starfleet.yaml"), stanzaYaml({ TemplateBucket: "second" }));
    const second = loadStarfleetConfig({ directory });

    expect(second).not.toBe(first);
    expect(second.STARFLEET.TemplateBucket).toBe("second");
  });
});

describe("the returned configuration", () => {
  it("is deep-frozen, so no handler can change it for the next invocation", () => {
    const directory = configFolder({
      "starfleet.yaml": stanzaYaml({
        ScopeToRegions: ["us-east-1"],
        SecretsManager: { SecretId: "Starfleet", SecretRegion: "us-east-2" },
        ThirdPartyLoggerLevels: { botocore: "WARNING" },
      }),
      "worker.yaml": "Worker:\n  Accounts:\n    - Id: '123456789012'\n",
    });
    const config = loadStarfleetConfig({ directory }) as unknown as {
      STARFLEET: Record<string, unknown> & {
        ScopeToRegions: string[];
        SecretsManager: Record<string, unknown>;
        ThirdPartyLoggerLevels: Record<string, unknown>;
      };
      Worker: { Accounts: { Id: string }[] };
      [key: string]: unknown;
    };

    expect(() => {
      config.Other = {};
    }).toThrow(TypeError);
    expect(() => {
      config.STARFLEET.LogLevel = "DEBUG";
    }).toThrow(TypeError);
    expect(() => config.STARFLEET.ScopeToRegions.push("us-west-2")).toThrow(TypeError);
    expect(() => {
      config.STARFLEET.SecretsManager.SecretId = "Other";
    }).toThrow(TypeError);
    expect(() => {
      config.STARFLEET.ThirdPartyLoggerLevels.boto3 = "DEBUG";
    }).toThrow(TypeError);
    expect(() => {
      (config.Worker.Accounts[0] as { Id: string }).Id = "000000000000";
    }).toThrow(TypeError);
    expect(config.STARFLEET.ScopeToRegions).toEqual(["us-east-1"]);
  });

  it("keeps unknown STARFLEET keys and other top-level stanzas untouched", () => {
    const directory = configFolder({
      "starfleet.yaml": stanzaYaml({ FutureSetting: { nested: [1, "two"] } }),
      "worker.yaml": "Worker:\n  Enabled: yes\n  When: 2024-01-01\n",
    });

    const config = loadStarfleetConfig({ directory });

    expect(config.STARFLEET.FutureSetting).toEqual({ nested: [1, "two"] });
    expect(config.Worker).toEqual({ Enabled: "yes", When: new Date("2024-01-01T00:00:00Z") });
  });
});

describe("STARFLEET validation", () => {
  it("reports a configuration without STARFLEET", () => {
    const error = loadErrorFor({ "worker.yaml": "GitHubSyncWorkerShip:\n  Enabled: true\n" });

    const issue = onlyIssue(error.issues);
    expect(issue).toEqual({ path: "STARFLEET", message: expect.stringContaining("no STARFLEET stanza") });
  });

  it.each([
    ["a list", "STARFLEET:\n  - DeploymentRegion: us-east-2\n"],
    ["a string", "STARFLEET: us-east-2\n"],
    ["an empty value", "STARFLEET:\n"],
  ])("reports STARFLEET that is %s instead of a mapping", (type, text) => {
    const issue = onlyIssue(loadErrorFor({ "starfleet.yaml": text }).issues);

    expect(issue.path).toBe("STARFLEET");
    expect(issue.file).toMatch(/starfleet\.yaml$/);
    expect(issue.message).toContain(`Must be a mapping of Starfleet settings`);
    expect(issue.message).toContain(`got ${type}`);
  });

  it.each([
    ["DeploymentRegion", "DeploymentRegion: us-east-2"],
    ["TemplateBucket", "TemplateBucket: starfleet-templates"],
    ["FanOutQueueUrl", "FanOutQueueUrl: https://sqs."],
  ])("reports the required %s when it is missing, with an example", (field, example) => {
    const issue = onlyIssue(stanzaIssues({ [field]: undefined }));

    expect(issue.path).toBe(`STARFLEET.${field}`);
    expect(issue.message).toContain("Missing required field");
    expect(issue.message).toContain(example);
  });

  it.each([
    ["DeploymentRegion", 42, "got a number"],
    ["DeploymentRegion", { Region: "us-east-2" }, "got a mapping"],
    ["DeploymentRegion", null, "got an empty value"],
    ["DeploymentRegion", "", "got an empty string"],
    ["TemplateBucket", 123456789012, "got a number. Put the value in quotes"],
    ["TemplateBucket", true, "got a boolean. Put the value in quotes"],
    ["TemplateBucket", ["a"], "got a list"],
    ["TemplateBucket", "  ", "got an empty string"],
    ["FanOutQueueUrl", ["https://sqs.us-east-2.amazonaws.com/1/q"], "got a list"],
    ["FanOutQueueUrl", 8080, "got a number"],
  ])("reports %s with the wrong type (%j)", (field, value, found) => {
    const issue = onlyIssue(stanzaIssues({ [field]: value }));

    expect(issue.path).toBe(`STARFLEET.${field}`);
    expect(issue.message).toContain(found);
  });

  it.each([
    ["2024-01-01", "got a date. Put the value in quotes"],
    ["!!binary aGVsbG8=", "got binary data."],
  ])("reports the YAML value %s where a string belongs", (yamlValue, found) => {
    const text = stanzaYaml({}).replace("starfleet-templates", yamlValue);

    const issue = onlyIssue(loadErrorFor({ "starfleet.yaml": text }).issues);

    expect(issue.path).toBe("STARFLEET.TemplateBucket");
    expect(issue.message).toContain(found);
  });

  it.each([
    ["http://sqs.us-east-2.amazonaws.com/1/q", "uses http: but must be an https URL"],
    ["ftp://sqs.us-east-2.amazonaws.com/1/q", "uses ftp: but must be an https URL"],
    ["sqs.us-east-2.amazonaws.com/1/q", "is not a URL"],
    ["not a url", "is not a URL"],
    ["https:sqs.us-east-2.amazonaws.com/1/q", "has no host after https://"],
    ["https:///sqs.us-east-2.amazonaws.com/1/q", "has no host after https://"],
  ])("rejects the FanOutQueueUrl %s", (url, problem) => {
    const issue = onlyIssue(stanzaIssues({ FanOutQueueUrl: url }));

    expect(issue.path).toBe("STARFLEET.FanOutQueueUrl");
    expect(issue.message).toContain(`${JSON.stringify(url)} ${problem}`);
    expect(issue.message).toContain(
      "https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue.",
    );
  });

  it("shortens a long bad value in the message", () => {
    const issue = onlyIssue(stanzaIssues({ FanOutQueueUrl: `not a url ${"x".repeat(500)}` }));

    expect(issue.message).toContain(`"not a url ${"x".repeat(50)}..."`);
    expect(issue.message).not.toContain("x".repeat(51));
  });

  it("accepts an upper-case HTTPS scheme, as URLs are case-insensitive there", () => {
    expect(loadStanza({ FanOutQueueUrl: "HTTPS://sqs.us-east-2.amazonaws.com/1/q" }).FanOutQueueUrl).toBe(
      "HTTPS://sqs.us-east-2.amazonaws.com/1/q",
    );
  });

  it("suggests the fix for a near-miss DeploymentRegion", () => {
    const issue = onlyIssue(stanzaIssues({ DeploymentRegion: "us-east2" }));

    expect(issue).toEqual({
      file: expect.stringMatching(/starfleet\.yaml$/),
      path: "STARFLEET.DeploymentRegion",
      message: '"us-east2" is not an AWS region name; did you mean "us-east-2"?',
    });
  });

  it("explains the shape of a region name when no fix is obvious", () => {
    const issue = onlyIssue(stanzaIssues({ DeploymentRegion: "xx-east-1" }));

    expect(issue.message).toContain(
      '"xx-east-1" is not an AWS region name. Region names look like us-east-2',
    );
    expect(issue.message).not.toContain("did you mean");
  });

  it("accepts a list of regions in ScopeToRegions", () => {
    expect(loadStanza({ ScopeToRegions: ["us-east-1", "eu-west-1"] }).ScopeToRegions).toEqual([
      "us-east-1",
      "eu-west-1",
    ]);
  });

  it("reports each bad ScopeToRegions element at its index", () => {
    const issues = stanzaIssues({
      ScopeToRegions: ["us-east-1", "us-west-2", "us-east2", 5, "mars-north-1"],
    });

    expect(issues.map((issue) => issue.path)).toEqual([
      "STARFLEET.ScopeToRegions[2]",
      "STARFLEET.ScopeToRegions[3]",
      "STARFLEET.ScopeToRegions[4]",
    ]);
    expect(issues[0]?.message).toContain('did you mean "us-east-2"?');
    expect(issues[1]?.message).toContain("got a number");
  });

  it.each([
    ["us-east-1", "got a string"],
    [{ "us-east-1": true }, "got a mapping"],
  ])("reports ScopeToRegions that is not a list (%j)", (value, found) => {
    const issue = onlyIssue(stanzaIssues({ ScopeToRegions: value }));

    expect(issue.path).toBe("STARFLEET.ScopeToRegions");
    expect(issue.message).toContain(
      `Must be a list of AWS region names, e.g. ScopeToRegions: [us-east-1, us-west-2], ${found}`,
    );
  });

  it("keeps a custom AccountIndex and rejects a non-string one", () => {
    expect(loadStanza({ AccountIndex: "MyAccountIndex" }).AccountIndex).toBe("MyAccountIndex");

    const issue = onlyIssue(stanzaIssues({ AccountIndex: 7 }));
    expect(issue.path).toBe("STARFLEET.AccountIndex");
    expect(issue.message).toContain("got a number. Remove it to use StarfleetDefaultAccountIndex");
  });

  it("keeps unknown keys inside SecretsManager", () => {
    const stanza = loadStanza({
      SecretsManager: { SecretId: "Starfleet", SecretRegion: "eu-central-1", Note: "shared" },
    });

    expect(stanza.SecretsManager).toEqual({
      SecretId: "Starfleet",
      SecretRegion: "eu-central-1",
      Note: "shared",
    });
  });

  it.each([
    ["Starfleet", "got a string"],
    [["Starfleet", "us-east-2"], "got a list"],
    [null, "got an empty value"],
  ])("reports SecretsManager that is not a mapping (%j)", (value, found) => {
    const issue = onlyIssue(stanzaIssues({ SecretsManager: value }));

    expect(issue.path).toBe("STARFLEET.SecretsManager");
    expect(issue.message).toContain(`Must be a mapping with SecretId`);
    expect(issue.message).toContain(found);
  });

  it("reports SecretId and SecretRegion both missing from SecretsManager", () => {
    const issues = stanzaIssues({ SecretsManager: {} });

    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      ["STARFLEET.SecretsManager.SecretId", expect.stringContaining("Missing required field. Add the name")],
      ["STARFLEET.SecretsManager.SecretRegion", expect.stringContaining("SecretRegion: us-east-2")],
    ]);
  });

  it.each([
    [{ SecretId: 12, SecretRegion: "us-east-2" }, "STARFLEET.SecretsManager.SecretId", "got a number"],
    [{ SecretId: "", SecretRegion: "us-east-2" }, "STARFLEET.SecretsManager.SecretId", "got an empty string"],
    [
      { SecretId: "Starfleet", SecretRegion: "US-EAST-2" },
      "STARFLEET.SecretsManager.SecretRegion",
      "us-east-2",
    ],
    [
      { SecretId: "Starfleet", SecretRegion: ["us-east-2"] },
      "STARFLEET.SecretsManager.SecretRegion",
      "got a list",
    ],
  ])("reports a bad SecretsManager field (%j)", (value, fieldPath, found) => {
    const issue = onlyIssue(stanzaIssues({ SecretsManager: value }));

    expect(issue.path).toBe(fieldPath);
    expect(issue.message).toContain(found);
  });

  it.each([
    ["yes", 'got a string. Write true or false without quotes: YAML 1.2 reads "yes" as text, not a boolean.'],
    [
      "true",
      'got a string. Write true or false without quotes: YAML 1.2 reads "true" as text, not a boolean.',
    ],
    ["enabled", "got a string. Write true or false."],
    [1, "got a number. Write true or false."],
  ])("reports a non-boolean SlackEnabled (%j)", (value, found) => {
    const issue = onlyIssue(
      stanzaIssues({ SlackEnabled: value, SecretsManager: { SecretId: "S", SecretRegion: "us-east-2" } }),
    );

    expect(issue.path).toBe("STARFLEET.SlackEnabled");
    expect(issue.message).toBe(`Must be a boolean, ${found}`);
  });

  it("reports SlackEnabled: yes written unquoted in YAML (PyYAML reads it as true, YAML 1.2 does not)", () => {
    const text = `${stanzaYaml({ SecretsManager: { SecretId: "S", SecretRegion: "us-east-2" } })}  SlackEnabled: yes\n`;

    expect(onlyIssue(loadErrorFor({ "starfleet.yaml": text }).issues).message).toContain("YAML 1.2 reads");
  });

  it("reports Slack enabled without Secrets Manager, with the fix", () => {
    const issue = onlyIssue(stanzaIssues({ SlackEnabled: true }));

    expect(issue.path).toBe("STARFLEET.SlackEnabled");
    expect(issue.message).toContain("Slack can only be enabled if Secrets Manager is configured");
    expect(issue.message).toContain("Add STARFLEET.SecretsManager with SecretId and SecretRegion");
  });

  it("does not add the Slack rule to a SecretsManager that is present but broken", () => {
    const issues = stanzaIssues({ SlackEnabled: true, SecretsManager: { SecretId: "S" } });

    expect(issues.map((issue) => issue.path)).toEqual(["STARFLEET.SecretsManager.SecretRegion"]);
  });

  it.each([
    [true, { SecretId: "S", SecretRegion: "us-east-2" }],
    [false, undefined],
  ])("accepts SlackEnabled: %s with SecretsManager %j", (slackEnabled, secretsManager) => {
    expect(loadStanza({ SlackEnabled: slackEnabled, SecretsManager: secretsManager }).SlackEnabled).toBe(
      slackEnabled,
    );
  });

  it.each(["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG", "NOTSET"])("accepts LogLevel %s", (level) => {
    expect(loadStanza({ LogLevel: level }).LogLevel).toBe(level);
  });

  it.each([
    ["debug", '"debug" is not a log level; did you mean DEBUG?'],
    ["WARN", '"WARN" is not a log level; did you mean WARNING?'],
    ["VERBOSE", '"VERBOSE" is not a log level. Use one of CRITICAL, ERROR, WARNING, INFO, DEBUG, NOTSET.'],
    [10, "Must be one of CRITICAL, ERROR, WARNING, INFO, DEBUG, NOTSET, got a number."],
  ])("reports the LogLevel %j", (value, message) => {
    const issue = onlyIssue(stanzaIssues({ LogLevel: value }));

    expect(issue.path).toBe("STARFLEET.LogLevel");
    expect(issue.message).toContain(message);
  });

  it("accepts ThirdPartyLoggerLevels mapping logger names to levels", () => {
    const levels = { botocore: "WARNING", "urllib3.connectionpool": "ERROR" };

    expect(loadStanza({ ThirdPartyLoggerLevels: levels }).ThirdPartyLoggerLevels).toEqual(levels);
  });

  it("reports each bad ThirdPartyLoggerLevels entry at its logger name", () => {
    const issues = stanzaIssues({
      ThirdPartyLoggerLevels: { botocore: "WARNING", boto3: "LOUD", "urllib3.connectionpool": 40 },
    });

    expect(issues.map((issue) => issue.path)).toEqual([
      "STARFLEET.ThirdPartyLoggerLevels.boto3",
      'STARFLEET.ThirdPartyLoggerLevels["urllib3.connectionpool"]',
    ]);
  });

  it("reports ThirdPartyLoggerLevels that is not a mapping", () => {
    const issue = onlyIssue(stanzaIssues({ ThirdPartyLoggerLevels: ["botocore", "WARNING"] }));

    expect(issue.path).toBe("STARFLEET.ThirdPartyLoggerLevels");
    expect(issue.message).toContain("Must be a mapping of logger name to log level");
    expect(issue.message).toContain("got a list");
  });

  it("reports every problem at once, in document order, in one error", () => {
    const error = loadErrorFor({
      "starfleet.yaml": stanzaYaml({
        DeploymentRegion: "us-east2",
        TemplateBucket: undefined,
        FanOutQueueUrl: "http://sqs.us-east-2.amazonaws.com/1/q",
        LogLevel: "LOUD",
      }),
    });

    expect(error).toBeInstanceOf(StarfleetConfigError);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      "STARFLEET.DeploymentRegion",
      "STARFLEET.FanOutQueueUrl",
      "STARFLEET.LogLevel",
      "STARFLEET.TemplateBucket",
    ]);
    for (const issue of error.issues) {
      expect(issue.file).toBe(path.join(error.directory ?? "", "starfleet.yaml"));
      expect(error.message).toContain(`${issue.file}: ${issue.path}: ${issue.message}`);
    }
    expect(error.message).toContain("(4 problems)");
  });

  it("names the file that defined STARFLEET when several files are merged", () => {
    const error = loadErrorFor({
      "a-workers.yaml": "Worker: {}\n",
      "z-starfleet.yml": stanzaYaml({ LogLevel: "LOUD" }),
    });

    expect(onlyIssue(error.issues).file).toBe(path.join(error.directory ?? "", "z-starfleet.yml"));
  });
});

describe("validateStarfleetConfig on a document built in code", () => {
  it("applies the defaults and leaves the document's other keys as they are", () => {
    const worker = { Enabled: true };

    const result = validateStarfleetConfig({ STARFLEET: MINIMAL_STARFLEET, Worker: worker }, new Map());

    expect(result).toEqual({
      valid: true,
      config: {
        STARFLEET: {
          ...MINIMAL_STARFLEET,
          AccountIndex: "StarfleetDefaultAccountIndex",
          ScopeToRegions: [],
          SlackEnabled: false,
          LogLevel: "INFO",
        },
        Worker: worker,
      },
    });
    expect(result.valid && result.config.Worker).toBe(worker);
  });

  it("describes an undefined field as empty and leaves out the file it cannot know", () => {
    const result = validateStarfleetConfig(
      { STARFLEET: { ...MINIMAL_STARFLEET, LogLevel: undefined } },
      new Map(),
    );

    expect(result).toEqual({
      valid: false,
      issues: [
        {
          path: "STARFLEET.LogLevel",
          message: "Must be one of CRITICAL, ERROR, WARNING, INFO, DEBUG, NOTSET, got an empty value.",
        },
      ],
    });
  });
});
