import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import type { ObjectStoreStartLine } from "../../scripts/object-store";
import { repoRoot } from "../../scripts/pulumi-toolchain";

/** What `npm run object-store` runs. */
export const objectStoreLauncher = path.join(repoRoot, "dist", "scripts", "object-store.js");

/** The S3 key pair of a store. */
export interface ObjectStoreCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** How to start a store; each setting has a fresh default. */
export interface StartObjectStoreOptions {
  /** The data directory; a fresh one, removed by `stop()`, by default. */
  dir?: string;
  /** The S3 port; a free one by default. */
  port?: number;
  /** The key pair; a random one by default. */
  credentials?: ObjectStoreCredentials;
}

/** A running `npm run object-store`: what it printed, and how to stop or restart it. */
export interface RunningObjectStore extends ObjectStoreStartLine {
  /** The launcher's process id. */
  pid: number;
  /** Everything the launcher printed on stdout (the JSON line, and nothing else). */
  stdout(): string;
  /** Everything the launcher printed on stderr so far. */
  stderr(): string;
  /** Ctrl-C: sends SIGINT to the launcher and waits for it to exit; rejects unless it exits with 0. */
  stop(): Promise<void>;
  /** Stops the store, then starts it again on the same data directory, port and key pair. */
  restart(): Promise<RunningObjectStore>;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/**
 * Runs the object-store launcher (dist/scripts/object-store.js, as `npm run object-store` does) as a
 * child process and resolves once it printed its JSON line, that is once S3 serves the bucket. The first
 * run on a machine builds SeaweedFS (minutes); give the calling hook a long timeout. Rejects with the
 * launcher's stderr when it exits before printing the line.
 */
export async function startObjectStore(options: StartObjectStoreOptions = {}): Promise<RunningObjectStore> {
  if (!fs.existsSync(objectStoreLauncher)) throw new Error(`${objectStoreLauncher} is missing: run \`npm run build\` first (npm test does)`);
  // A directory of the helper's own unless the caller gives one, so that restart() finds the data again.
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "object-store-test-"));
  return launch({ ...options, dir }, options.dir === undefined);
}

async function launch(options: StartObjectStoreOptions & { dir: string }, ownsDir: boolean): Promise<RunningObjectStore> {
  const args = [
    objectStoreLauncher,
    "--dir",
    options.dir,
    ...(options.port === undefined ? [] : ["--port", String(options.port)]),
    ...(options.credentials === undefined ? [] : ["--access-key", options.credentials.accessKeyId, "--secret-key", options.credentials.secretAccessKey]),
  ];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));

  let started = false;
  const line = await new Promise<ObjectStoreStartLine>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once("line", (text) => {
      started = true;
      resolve(JSON.parse(text) as ObjectStoreStartLine);
    });
    void exitOf(child).then(({ code, signal }) => {
      if (started) return;
      if (ownsDir) fs.rmSync(options.dir, { recursive: true, force: true });
      reject(new Error(`the object store exited (${code ?? signal}) before starting:\n${stderr}`));
    });
  });

  const halt = async (): Promise<void> => {
    const exited = exitOf(child);
    child.kill("SIGINT");
    const { code, signal } = await exited;
    if (code !== 0) throw new Error(`the object store exited with ${code ?? signal} on SIGINT:\n${stderr}`);
  };
  return {
    ...line,
    pid: child.pid ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      await halt();
      if (ownsDir) fs.rmSync(options.dir, { recursive: true, force: true });
    },
    async restart() {
      await halt();
      const port = Number(new URL(line.endpoint).port);
      return launch({ dir: options.dir, port, credentials: { accessKeyId: line.accessKeyId, secretAccessKey: line.secretAccessKey } }, ownsDir);
    },
  };
}
