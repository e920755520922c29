/**
 * Figure 4: bundle size. esbuild bundles each example handler (minified, ESM, platform node) twice: with
 * the AWS SDK external, as the Lambda Node.js runtimes provide it, and with the SDK bundled, as a deployment
 * that pins its own SDK version does.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { Library } from "./fixture.ts";

export interface SizeFigure {
  readonly id: string;
  readonly label: string;
  /** Bundle bytes, minified, and gzipped (about what it adds to the deployment zip). */
  readonly sdkExternal: number;
  readonly sdkExternalGzip: number;
  readonly sdkBundled: number;
  readonly sdkBundledGzip: number;
}

export const SDK_EXTERNAL = ["@aws-sdk/*", "@smithy/*"];

async function bundle(entry: string, external: string[]): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node22",
    external,
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.contents;
}

export async function sizeFigures(libraries: readonly Library[]): Promise<SizeFigure[]> {
  const figures: SizeFigure[] = [];
  for (const library of libraries) {
    const external = await bundle(library.handlerFile, SDK_EXTERNAL);
    const bundled = await bundle(library.handlerFile, []);
    figures.push({
      id: library.id,
      label: library.label,
      sdkExternal: external.byteLength,
      sdkExternalGzip: gzipSync(external).byteLength,
      sdkBundled: bundled.byteLength,
      sdkBundledGzip: gzipSync(bundled).byteLength,
    });
  }
  return figures;
}
