import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

/** A resource as the file backend's checkpoint records it. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  /** The provider that serves it, as `<provider urn>::<provider id>`; absent for providers and components. */
  provider?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
}

/** The checkpoint file the file backend in `backendDir` writes for a stack. */
export function checkpointFile(backendDir: string, projectName: string, stackName: string): string {
  return path.join(backendDir, ".pulumi", "stacks", projectName, `${stackName}.json`);
}

/** A checkpoint file's text, or undefined when there is none. */
export async function checkpointText(file: string): Promise<string | undefined> {
  return fs.promises.readFile(file, "utf8").catch(() => undefined);
}

/**
 * The checkpoint of a stack on any backend (an object store's included), from `pulumi stack export` run in its
 * project folder with its environment, in the file backend's shape; undefined when the stack does not exist.
 */
export async function exportedCheckpoint(dir: string, stackName: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const exported = await promisify(execFile)("pulumi", ["stack", "export", "--stack", stackName], { cwd: dir, env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }).catch(
    () => undefined,
  );
  if (exported === undefined) return undefined;
  const { deployment } = JSON.parse(exported.stdout) as { deployment: unknown };
  return JSON.stringify({ checkpoint: { latest: deployment } });
}

/** Every resource of a checkpoint's text. */
export function resourcesOf(checkpointText: string): StateResource[] {
  const state = JSON.parse(checkpointText) as { checkpoint: { latest?: { resources?: StateResource[] } } };
  return state.checkpoint.latest?.resources ?? [];
}

/** The resources of a checkpoint's text whose type ends with `:${typeName}`. */
export function resourcesOfType(checkpointText: string, typeName: string): StateResource[] {
  return resourcesOf(checkpointText).filter((r) => r.type.endsWith(`:${typeName}`));
}

/** A log file's text, or nothing when it was never written. */
export function logText(logFile: string): string {
  return fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
}
