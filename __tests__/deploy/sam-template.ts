/**
 * Reads examples/template.yaml, and turns a function's esbuild BuildProperties into the esbuild command
 * line that `sam build` runs: SAM CLI renames the properties to snake_case, and aws-lambda-builders'
 * EsbuildCommandBuilder (workflows/nodejs_npm_esbuild/esbuild.py) turns them into flags, with its defaults
 * (--bundle --platform=node --outdir=ARTIFACTS; --target=es2020, --format=cjs and --minify unless set).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SCHEMA, load, Type } from "js-yaml";
import { ROOT_DIR } from "./lambda-layout.js";

export const TEMPLATE_FILE = path.join(ROOT_DIR, "examples", "template.yaml");

/** CloudFormation's short-form intrinsics (!Ref, !Sub, ...), read as their long form ({ "Fn::Sub": ... }). */
const INTRINSICS = ["Ref", "Sub", "GetAtt", "Join", "Split", "Select", "If", "Equals", "Not", "And", "Or"];
const CLOUDFORMATION_SCHEMA = DEFAULT_SCHEMA.extend(
  INTRINSICS.flatMap((name) =>
    (["scalar", "sequence", "mapping"] as const).map(
      (kind) =>
        new Type(`!${name}`, {
          kind,
          construct: (data: unknown) => ({ [name === "Ref" ? "Ref" : `Fn::${name}`]: data }),
        }),
    ),
  ),
);

export interface SamResource {
  readonly Type: string;
  readonly Metadata?: { readonly BuildMethod?: string; readonly BuildProperties?: Record<string, unknown> };
  readonly Properties: Record<string, unknown>;
}

export interface SamTemplate {
  readonly Parameters: Record<string, { readonly Default?: unknown }>;
  readonly Resources: Record<string, SamResource>;
}

export function loadTemplate(): SamTemplate {
  return load(readFileSync(TEMPLATE_FILE, "utf8"), { schema: CLOUDFORMATION_SCHEMA }) as SamTemplate;
}

const BOOLEAN = ["minify", "sourcemap"];
const SINGLE_VALUE = ["target", "format", "main_fields", "sources_content"];
const MULTI_VALUE = ["external", "loader", "out_extension", "banner"];

const snakeCase = (name: string) => name.replace(/(?<!^)(?=[A-Z])/g, "_").toLowerCase();
const kebabCase = (name: string) => name.replaceAll("_", "-");

/** The flags for `properties`; throws on a property aws-lambda-builders would not pass to esbuild. */
export function samEsbuildArgs(properties: Record<string, unknown>, artifactsDir: string): string[] {
  const config = new Map(Object.entries(properties).map(([key, value]) => [snakeCase(key), value]));
  const known = ["entry_points", ...BOOLEAN, ...SINGLE_VALUE, ...MULTI_VALUE];
  const unknown = [...config.keys()].filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new Error(`BuildProperties SAM does not pass to esbuild: ${unknown.join(", ")}`);
  return [
    ...(config.get("entry_points") as string[]),
    "--bundle",
    "--platform=node",
    `--outdir=${artifactsDir}`,
    ...(config.has("target") ? [] : ["--target=es2020"]),
    ...(config.has("format") ? [] : ["--format=cjs"]),
    ...(config.has("minify") ? [] : ["--minify"]),
    ...BOOLEAN.filter((key) => config.get(key) === true).map((key) => `--${kebabCase(key)}`),
    ...SINGLE_VALUE.filter((key) => config.has(key)).map((key) => `--${kebabCase(key)}=${config.get(key)}`),
    ...MULTI_VALUE.flatMap((key) =>
      ((config.get(key) as string[] | undefined) ?? []).map((value) => `--${kebabCase(key)}:${value}`),
    ),
  ];
}
