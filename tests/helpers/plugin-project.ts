import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProjectStack } from "../../scripts/project-stack";
import { ensurePulumiCli, pulumiEnv, repoRoot } from "../../scripts/pulumi-toolchain";

/** The package's version, which is the plugin's. */
export const pluginVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

/** The tarball `npm run build:plugin` makes, as a user installs it. */
export const pluginTarball = path.join(repoRoot, "dist", "plugin", `pulumi-resource-vobiz-v${pluginVersion}-linux-amd64.tar.gz`);

/** A copy of a Pulumi YAML project folder with the vobiz plugin installed in its own Pulumi home, and a stack of it. */
export interface PluginProject {
  dir: string;
  /** The environment of every command: the Pulumi home and a PATH of the Pulumi toolchain alone (no Node.js). */
  env: Record<string, string>;
  stack: ProjectStack;
  /** Destroys what is left, removes the stack and the copy. */
  dispose(): Promise<void>;
}

/**
 * Builds the plugin tarball (scripts/build-plugin.sh does nothing while its sources are unchanged), copies
 * `source` to a temporary folder, installs the tarball there with `pulumi plugin install`, and makes a new stack
 * of it named after `label`. `env` is added to every command's environment; its PATH, if any, replaces the
 * toolchain's alone.
 */
export async function pluginProject(source: string, label: string, env: Record<string, string> = {}): Promise<PluginProject> {
  execFileSync("bash", [path.join(repoRoot, "scripts", "build-plugin.sh")], { stdio: ["ignore", "ignore", "inherit"] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vobiz-${label}-`));
  fs.cpSync(source, dir, { recursive: true });
  const commandEnv = { PATH: ensurePulumiCli(), ...env, PULUMI_HOME: path.join(dir, ".pulumi-home") };
  execFileSync("pulumi", ["plugin", "install", "resource", "vobiz", pluginVersion, "--file", pluginTarball], { env: pulumiEnv(commandEnv), stdio: "pipe" });
  const stack = await ProjectStack.init({ dir, name: label, env: commandEnv });
  return {
    dir,
    env: commandEnv,
    stack,
    async dispose() {
      await stack.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
