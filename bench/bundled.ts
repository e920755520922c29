/**
 * The bundled handlers for the "as deployed" cold-start rows: each library's handler bundled with the plain
 * esbuild recipe's options (examples/deploy/esbuild-options.ts: ESM, SDK external, the flags CDK's
 * NodejsFunction passes), beside a copy of the Starfleet configuration, and run with LAMBDA_TASK_ROOT set
 * to that folder, as on Lambda. The folders sit under the repository, so the external SDK resolves from its
 * node_modules, standing in for the runtime's.
 */
import { cpSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { lambdaBundleOptions } from "../examples/deploy/esbuild-options.ts";
import { CONFIG_DIR, type Library, type LibraryId, ROOT_DIR } from "./fixture.ts";

const BUNDLES_DIR = path.join(ROOT_DIR, ".cache", "bench-bundles");

/** `library` with its handler bundled as deployed; `bundleBytes` is the size of the bundle. */
export async function bundledLibrary(library: Library): Promise<Library & { readonly bundleBytes: number }> {
  const taskRoot = path.join(BUNDLES_DIR, library.id);
  const handlerFile = path.join(taskRoot, "index.mjs");
  rmSync(taskRoot, { recursive: true, force: true });
  await build(lambdaBundleOptions(library.handlerFile, handlerFile));
  cpSync(library.env?.STARFLEET_CONFIG_DIR ?? CONFIG_DIR, path.join(taskRoot, "configuration_files"), {
    recursive: true,
  });
  return {
    ...library,
    id: `${library.id}-bundled` as LibraryId,
    label: `${library.label}, bundled`,
    handlerFile,
    // An empty STARFLEET_CONFIG_DIR counts as unset: the configuration comes from LAMBDA_TASK_ROOT.
    env: { ...library.env, STARFLEET_CONFIG_DIR: "", LAMBDA_TASK_ROOT: taskRoot },
    bundleBytes: statSync(handlerFile).size,
  };
}
