import { execFile } from "node:child_process";
import { realpathSync } from "node:fs";
import * as path from "node:path";

/** A process of the dynamic-provider host, with its command line. */
export interface RunningProvider {
  pid: number;
  command: string;
}

/**
 * The dynamic-provider processes running from the `@pulumi/pulumi` that the project folder `projectDir`
 * installs, from `ps`. After a `kill -9` of `pulumi up`, the provider the engine started is not in the killed
 * process group: it keeps running and finishes the purchases, routings and assignments it had begun.
 * Resolves to undefined when `ps` cannot be run, since then nobody can tell.
 */
export function runningProviders(projectDir: string): Promise<RunningProvider[] | undefined> {
  const marker = path.join(pulumiPackageDir(projectDir), "cmd", "dynamic-provider");
  return new Promise((resolve) => {
    execFile("ps", ["-eo", "pid=,args="], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error !== null) return resolve(undefined);
      const found: RunningProvider[] = [];
      for (const line of stdout.split("\n")) {
        const match = /^\s*(\d+)\s+(.*)$/.exec(line);
        if (match && match[2]?.includes(marker) && Number(match[1]) !== process.pid) found.push({ pid: Number(match[1]), command: match[2] });
      }
      resolve(found);
    });
  });
}

// Where the folder's program loads @pulumi/pulumi from, which may be a node_modules above it.
function pulumiPackageDir(projectDir: string): string {
  try {
    return path.dirname(realpathSync(require.resolve("@pulumi/pulumi/package.json", { paths: [path.resolve(projectDir)] })));
  } catch {
    return path.join(path.resolve(projectDir), "node_modules", "@pulumi", "pulumi");
  }
}
