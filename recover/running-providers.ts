import { execFile } from "node:child_process";
import { readlinkSync, realpathSync } from "node:fs";
import * as path from "node:path";

/** A provider process that can still act for the folder's stack, with its command line. */
export interface RunningProvider {
  pid: number;
  command: string;
  /** What it is, for a message: the folder's dynamic-provider host or the `vobiz` plugin. */
  kind: "dynamic-provider" | "vobiz plugin";
}

/** The executable of the `vobiz` resource plugin, as the engine starts it from the plugin's folder. */
const PLUGIN_EXECUTABLE = "pulumi-resource-vobiz";

/**
 * The provider processes that can still act for the stack of the project folder `projectDir`, from `ps`: the
 * dynamic-provider hosts running from the `@pulumi/pulumi` that the folder installs, and the `vobiz` plugin
 * processes, unless `/proc` shows one running in another folder. After a `kill -9` of `pulumi up`, the
 * provider the engine started is not in the killed process group: it keeps running and finishes the
 * purchases, routings and assignments it had begun. Resolves to undefined when `ps` cannot be run, since
 * then nobody can tell.
 */
export function runningProviders(projectDir: string): Promise<RunningProvider[] | undefined> {
  const marker = path.join(pulumiPackageDir(projectDir), "cmd", "dynamic-provider");
  const folder = realFolder(projectDir);
  return new Promise((resolve) => {
    execFile("ps", ["-eo", "pid=,args="], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error !== null) return resolve(undefined);
      const found: RunningProvider[] = [];
      for (const line of stdout.split("\n")) {
        const match = /^\s*(\d+)\s+(.*)$/.exec(line);
        const pid = Number(match?.[1]);
        const command = match?.[2];
        if (command === undefined || pid === process.pid) continue;
        if (command.includes(marker)) found.push({ pid, command, kind: "dynamic-provider" });
        else if (isPlugin(command) && !runsElsewhere(pid, folder)) found.push({ pid, command, kind: "vobiz plugin" });
      }
      resolve(found);
    });
  });
}

function isPlugin(command: string): boolean {
  return path.basename(command.split(" ")[0] ?? "") === PLUGIN_EXECUTABLE;
}

// The engine starts a resource plugin in the project folder; where /proc cannot say, the plugin counts.
function runsElsewhere(pid: number, folder: string): boolean {
  try {
    return realpathSync(readlinkSync(`/proc/${pid}/cwd`)) !== folder;
  } catch {
    return false;
  }
}

function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

// Where the folder's program loads @pulumi/pulumi from, which may be a node_modules above it.
function pulumiPackageDir(projectDir: string): string {
  try {
    return path.dirname(realpathSync(require.resolve("@pulumi/pulumi/package.json", { paths: [path.resolve(projectDir)] })));
  } catch {
    return path.join(path.resolve(projectDir), "node_modules", "@pulumi", "pulumi");
  }
}
