import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository: the nearest folder with a package.json, from these sources or their build in dist/ (npm run bench). */
export const repoRoot = nearestPackageRoot(__dirname);

function nearestPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`no package.json above ${from}`);
  }
}

/** The Node 22 that `@pulumi/pulumi` needs, from the `node` package in devDependencies. */
export const node22BinDir = path.join(repoRoot, "node_modules", "node", "bin");

let toolchainDir: string | undefined;

/**
 * The directory holding `pulumi`, the Node.js language host and the dynamic-provider launcher, built once
 * from the Go module proxy when none is installed (scripts/ensure-pulumi.sh).
 */
export function ensurePulumiCli(): string {
  toolchainDir ??= execFileSync("bash", [path.join(repoRoot, "scripts/ensure-pulumi.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return toolchainDir;
}

/**
 * The environment every Pulumi CLI run of the tests gets: the toolchain and Node 22 first on PATH, the
 * repository's plugin home, no update check and no plugin downloads (the machine is offline).
 */
export function pulumiEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [ensurePulumiCli(), node22BinDir, process.env["PATH"] ?? ""].join(path.delimiter),
    PULUMI_HOME: path.join(repoRoot, ".cache", "pulumi-home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...extra,
  };
}
