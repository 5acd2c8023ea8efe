import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  LocalWorkspace,
  PulumiCommand,
  type ConfigMap,
  type PulumiFn,
  type Stack,
} from "@pulumi/pulumi/automation";
import { checkpointFile, checkpointText, logText, resourcesOfType, type StateResource } from "../../scripts/checkpoint";
import { ensurePulumiCli, node22BinDir, repoRoot } from "../../scripts/pulumi-toolchain";
import { registerStack } from "./money-invariant";

export { ensurePulumiCli, repoRoot, type StateResource };

export interface TestStackOptions {
  /** Short label used in the project name and the log file name. */
  name: string;
  program: PulumiFn;
  config?: ConfigMap;
  /** Environment for the CLI and the provider plugin it starts. */
  env?: Record<string, string>;
  /** A directory to run in instead of a fresh one under .cache/e2e (must resolve node_modules). */
  workDir?: string;
}

/**
 * A real Pulumi stack on a throw-away file backend, driven through the Automation API and the real CLI.
 *
 * Every CLI run's output is appended to `logFile`; when an operation fails, the error thrown carries the
 * tail of that output so a failing test shows what the engine said.
 */
export class TestStack {
  readonly output: string[] = [];

  private constructor(
    readonly stack: Stack,
    readonly projectName: string,
    readonly workDir: string,
    readonly backendDir: string,
    readonly logFile: string,
  ) {}

  static async create(options: TestStackOptions): Promise<TestStack> {
    const binDir = ensurePulumiCli();
    const id = `${options.name}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
    const scratch = path.join(repoRoot, ".cache", "e2e", id);
    const workDir = options.workDir ?? path.join(scratch, "program");
    const backendDir = path.join(scratch, "backend");
    fs.mkdirSync(workDir, { recursive: true });
    fs.mkdirSync(backendDir, { recursive: true });
    const projectName = `vobiz-e2e-${options.name}`;
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(binDir) });
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "test", projectName, program: options.program },
      {
        workDir,
        pulumiCommand,
        pulumiHome: path.join(repoRoot, ".cache", "pulumi-home"),
        envVars: {
          PATH: [binDir, node22BinDir, process.env["PATH"] ?? ""].join(path.delimiter),
          PULUMI_BACKEND_URL: `file://${backendDir}`,
          PULUMI_CONFIG_PASSPHRASE: `passphrase-${id}`,
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
          ...options.env,
        },
        projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backendDir}` } },
        secretsProvider: "passphrase",
      },
    );
    if (options.config) await stack.setAllConfig(options.config);
    registerStack({ checkpoint: () => checkpointText(checkpointFile(backendDir, projectName, "test")), env: options.env ?? {} });
    return new TestStack(stack, projectName, workDir, backendDir, path.join(scratch, "cli.log"));
  }

  /** Replaces the inline program that the next operation runs. */
  setProgram(program: PulumiFn): void {
    this.stack.workspace.program = program;
  }

  /** Runs one CLI operation, keeping its output; rethrows with the output's tail on failure. */
  async run<T>(label: string, operation: (onOutput: (text: string) => void) => Promise<T>): Promise<T> {
    const chunks: string[] = [];
    const onOutput = (text: string): void => {
      chunks.push(text);
      fs.appendFileSync(this.logFile, text);
    };
    fs.appendFileSync(this.logFile, `\n===== ${label} =====\n`);
    try {
      return await operation(onOutput);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      fs.appendFileSync(this.logFile, `\n----- ${label} failed -----\n${message}\n`);
      this.output.push(chunks.join(""), message);
      throw new StackOperationError(label, message, chunks.join(""), this.logFile);
    } finally {
      this.output.push(chunks.join(""));
    }
  }

  up(options: { refresh?: boolean; replace?: string[]; logVerbosity?: number; logToStdErr?: boolean; debug?: boolean; onError?: (text: string) => void } = {}) {
    return this.run("up", (onOutput) => this.stack.up({ onOutput, color: "never", ...options }));
  }

  preview(options: { expectNoChanges?: boolean } = {}) {
    return this.run("preview", (onOutput) => this.stack.preview({ onOutput, color: "never", ...options }));
  }

  refresh(options: { previewOnly?: boolean; expectNoChanges?: boolean } = {}) {
    return this.run("refresh", (onOutput) => this.stack.refresh({ onOutput, color: "never", ...options }));
  }

  destroy(options: { runProgram?: boolean; refresh?: boolean } = {}) {
    return this.run("destroy", (onOutput) => this.stack.destroy({ onOutput, color: "never", ...options }));
  }

  /** The checkpoint file exactly as the file backend wrote it. */
  stateText(): string {
    return fs.readFileSync(checkpointFile(this.backendDir, this.projectName, "test"), "utf8");
  }

  /** The resources of the checkpoint whose type ends with `:${typeName}`. */
  resourcesOfType(typeName: string): StateResource[] {
    return resourcesOfType(this.stateText(), typeName);
  }

  /** Everything the CLI printed so far, for leak checks. */
  allOutput(): string {
    return logText(this.logFile);
  }

  /** Destroys what is left and removes the stack; used in afterAll. */
  async dispose(): Promise<void> {
    try {
      await this.stack.destroy({ color: "never" });
    } catch {
      // A test that leaves a resource its provider cannot delete still gets its stack removed.
    }
    await this.stack.workspace.removeStack("test", { force: true }).catch(() => undefined);
    // The CLI log stays for reading after a failure; the state and program folders go.
    fs.rmSync(this.backendDir, { recursive: true, force: true });
  }
}

/** A failed CLI operation, with what the CLI printed before it failed. */
export class StackOperationError extends Error {
  constructor(
    readonly operation: string,
    readonly cliMessage: string,
    readonly cliOutput: string,
    readonly logFile: string,
  ) {
    super(`pulumi ${operation} failed (full log: ${logFile}):\n${cliMessage.slice(-6000)}`);
    this.name = "StackOperationError";
  }
}
