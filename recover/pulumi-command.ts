import { execFile } from "node:child_process";

/** Runs `pulumi <args>` on the stack and resolves to what it printed on stdout. */
export type PulumiRunner = (args: readonly string[]) => Promise<string>;

const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/**
 * A runner of the `pulumi` command on `PATH`, in `cwd` (the project folder), with `env`, adding
 * `--stack NAME` when a stack is named. A command that exits non-zero rejects with an error that names it
 * and ends with what it printed on stderr; `redact` is applied to that text first.
 */
export function pulumiRunner(options: { cwd: string; env: NodeJS.ProcessEnv; stack?: string | undefined; redact?: (text: string) => string }): PulumiRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      const fullArgs = options.stack === undefined ? [...args] : [...args, "--stack", options.stack];
      execFile("pulumi", fullArgs, { cwd: options.cwd, env: options.env, maxBuffer: MAX_OUTPUT_BYTES, encoding: "utf8" }, (error, stdout, stderr) => {
        if (error === null) return resolve(stdout);
        const printed = (options.redact ?? ((text: string) => text))(`${stderr}`.trim()).split("\n").slice(-12).join("\n");
        const how = typeof error.code === "number" ? `exit code ${error.code}` : error.code === "ENOENT" ? "no `pulumi` command on PATH" : error.message;
        reject(new Error(`\`pulumi ${args.join(" ")}\` failed (${how})${printed === "" ? "" : `:\n${printed}`}`));
      });
    });
}
