import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkpointFile, checkpointText, exportedCheckpoint, logText, resourcesOfType, type StateResource } from "./checkpoint";
import { pulumiEnv, repoRoot } from "./pulumi-toolchain";

/** One finished `pulumi` command. */
export interface CliRun {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProjectStackOptions {
  /** The project folder to run in (an installed copy, see installed-project.ts). */
  dir: string;
  /** Short label, part of the stack name and the log folder. */
  name: string;
  /** Extra environment for every command (a user's shell exports). */
  env?: Record<string, string>;
  /** The state backend; a fresh file backend under .cache/e2e by default. */
  backendUrl?: string;
  /** The stack's name; unique by default, so that tests can share a folder. */
  stackName?: string;
  /**
   * A Pulumi home of the stack's own, for commands that rely on the selected stack (as a user's shell
   * does) while other tests select other stacks of the same folder.
   */
  ownHome?: boolean;
}

/** Options of one command. */
export interface RunOptions {
  /** What the exit code must be: zero (the default), non-zero, or either. */
  expect?: "success" | "failure" | "any";
  env?: Record<string, string>;
  /** What to type at the command's prompt (its standard input). */
  input?: string;
}

/**
 * A stack of a Pulumi project folder, driven by the `pulumi` command exactly as a user or a pipeline runs
 * it: the CLI starts the Node.js language host, which runs the folder's program. Every command's output is
 * appended to `logFile`; a command that ends other than expected throws with the tail of its output.
 */
/** A stack as it is made: how to read its checkpoint, and the environment its commands run with. */
export interface CreatedStack {
  /** The checkpoint as its backend holds it now, or undefined while there is none (before `stack init`, after `stack rm`). */
  checkpoint(): Promise<string | undefined>;
  env: NodeJS.ProcessEnv;
}

const stackListeners: ((stack: CreatedStack) => void)[] = [];

/** Calls `listener` for every stack made from now on in this process, on any backend (tests check each one). */
export function onStackCreated(listener: (stack: CreatedStack) => void): void {
  stackListeners.push(listener);
}

export class ProjectStack {
  private constructor(
    readonly dir: string,
    readonly stackName: string,
    readonly projectName: string,
    readonly backendDir: string | undefined,
    readonly logFile: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Settles where the stack's state, passphrase and log go, without creating it (see `init`). */
  static create(options: ProjectStackOptions): ProjectStack {
    const id = `${options.name}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
    const scratch = path.join(repoRoot, ".cache", "e2e", id);
    const backendDir = options.backendUrl === undefined ? path.join(scratch, "backend") : undefined;
    fs.mkdirSync(backendDir ?? scratch, { recursive: true });
    const env = pulumiEnv({
      // Without `metadata=skip` the file backend writes a sidecar `.attrs` file next to the checkpoint in place,
      // and a `kill -9` in the middle of that write leaves it empty: every later command then fails with
      // "failed to load checkpoint: EOF". The checkpoint itself is written to a temporary file and renamed.
      PULUMI_BACKEND_URL: options.backendUrl ?? `file://${backendDir}?metadata=skip`,
      PULUMI_CONFIG_PASSPHRASE: `passphrase-${id}`,
      ...(options.ownHome ? { PULUMI_HOME: path.join(scratch, "pulumi-home") } : {}),
      ...options.env,
    });
    const projectName = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(options.dir, "Pulumi.yaml"), "utf8"))?.[1] ?? "";
    const stackName = options.stackName ?? id;
    const checkpoint =
      backendDir === undefined ? () => exportedCheckpoint(options.dir, stackName, env) : () => checkpointText(checkpointFile(backendDir, projectName, stackName));
    for (const listener of stackListeners) listener({ checkpoint, env });
    return new ProjectStack(options.dir, stackName, projectName, backendDir, path.join(scratch, "cli.log"), env);
  }

  /** Creates a new stack of the folder with `pulumi stack init`. */
  static async init(options: ProjectStackOptions): Promise<ProjectStack> {
    const stack = ProjectStack.create(options);
    await stack.pulumi(["stack", "init", stack.stackName]);
    return stack;
  }

  /** Runs `pulumi <args>` on this stack in the project folder. */
  async pulumi(args: string[], options: RunOptions = {}): Promise<CliRun> {
    const fullArgs = args[0] === "stack" && args[1] === "init" ? args : [...args, "--stack", this.stackName];
    return this.command("pulumi", fullArgs, options);
  }

  /** Runs a shell script in the project folder with this stack's environment, as a user types commands. */
  script(text: string, options: RunOptions = {}): Promise<CliRun> {
    return this.command("bash", ["-euo", "pipefail", "-c", text], options);
  }

  private async command(file: string, args: string[], options: RunOptions): Promise<CliRun> {
    fs.appendFileSync(this.logFile, `\n$ ${file} ${args.join(" ")}\n`);
    const result = await new Promise<CliRun>((resolve, reject) => {
      const child = spawn(file, args, { cwd: this.dir, env: { ...this.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
      child.stdin.end(options.input ?? "");
      const out: string[] = [];
      const err: string[] = [];
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out.push(chunk);
        fs.appendFileSync(this.logFile, chunk);
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        err.push(chunk);
        fs.appendFileSync(this.logFile, chunk);
      });
      child.once("error", reject);
      child.once("close", (code) => resolve({ args: [file, ...args], code, stdout: out.join(""), stderr: err.join("") }));
    });
    const expected = options.expect ?? "success";
    if ((expected === "success" && result.code !== 0) || (expected === "failure" && result.code === 0)) {
      throw new PulumiCliError(result, expected, this.logFile);
    }
    return result;
  }

  /**
   * `pulumi config set` for each plain setting, and `pulumi config set --secret` for each secret, the
   * secret typed at the prompt rather than given on the command line (where `ps` and logs would show it).
   */
  async configure(settings: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
    for (const [key, value] of Object.entries(settings)) await this.pulumi(["config", "set", key, value]);
    for (const [key, value] of Object.entries(secrets)) await this.pulumi(["config", "set", "--secret", key], { input: value });
  }

  up(args: string[] = [], options?: RunOptions): Promise<CliRun> {
    return this.pulumi(["up", "--yes", ...args], options);
  }

  preview(args: string[] = [], options?: RunOptions): Promise<CliRun> {
    return this.pulumi(["preview", ...args], options);
  }

  refresh(args: string[] = [], options?: RunOptions): Promise<CliRun> {
    return this.pulumi(["refresh", ...(args.includes("--preview-only") ? [] : ["--yes"]), ...args], options);
  }

  destroy(args: string[] = [], options?: RunOptions): Promise<CliRun> {
    return this.pulumi(["destroy", "--yes", ...args], options);
  }

  /** The stack outputs, as `pulumi stack output --json` prints them. */
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.pulumi(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  }

  /** The checkpoint file exactly as the file backend wrote it. */
  stateText(): string {
    if (this.backendDir === undefined) throw new Error("stateText() reads a file backend; this stack uses another backend");
    return fs.readFileSync(checkpointFile(this.backendDir, this.projectName, this.stackName), "utf8");
  }

  /** The resources of the checkpoint whose type ends with `:${typeName}`. */
  resourcesOfType(typeName: string): StateResource[] {
    return resourcesOfType(this.stateText(), typeName);
  }

  /** Everything the CLI printed for this stack so far. */
  allOutput(): string {
    return logText(this.logFile);
  }

  /** Destroys what is left and removes the stack and its settings file; for afterAll/afterEach. */
  async dispose(): Promise<void> {
    await this.destroy([], { expect: "any" });
    await this.pulumi(["stack", "rm", "--yes", "--force"], { expect: "any" });
    if (this.backendDir !== undefined) fs.rmSync(this.backendDir, { recursive: true, force: true });
  }
}

/** A `pulumi` command that ended other than expected, with the tail of what it printed. */
export class PulumiCliError extends Error {
  constructor(
    readonly run: CliRun,
    expected: "success" | "failure",
    readonly logFile: string,
  ) {
    const printed = `${run.stdout}\n${run.stderr}`.slice(-6000);
    super(`\`${run.args.join(" ")}\` ${expected === "success" ? `failed with exit code ${run.code}` : "succeeded but was expected to fail"} (full log: ${logFile}):\n${printed}`);
    this.name = "PulumiCliError";
  }
}
