import * as fs from "node:fs";
import * as path from "node:path";

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
