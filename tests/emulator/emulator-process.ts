import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

const cli = resolve(__dirname, "../../dist/emulator/cli.js");

/** How a process ended: its exit code, or the signal that killed it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A `vobiz-emulator` process and the JSON line it printed on start. */
export interface EmulatorProcess {
  child: ChildProcess;
  baseUrl: string;
  controlUrl: string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<ProcessExit>;
}

/** Starts the built `vobiz-emulator` (dist/) as its own process and resolves once it serves. */
export function startEmulatorProcess(args: readonly string[]): Promise<EmulatorProcess> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<ProcessExit>((done) => child.once("exit", (code, signal) => done({ code, signal })));
  return new Promise((resolveStart, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) => {
      const start = JSON.parse(line) as { baseUrl: string; controlUrl: string };
      resolveStart({ child, baseUrl: start.baseUrl, controlUrl: start.controlUrl, exited });
    });
    void exited.then(({ code, signal }) => reject(new Error(`vobiz-emulator exited (${code ?? signal}) before serving: ${stderr.trim()}`)));
  });
}
