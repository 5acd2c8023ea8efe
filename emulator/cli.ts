#!/usr/bin/env node
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { StateFileError } from "./persistence";
import type { SeedCredentials, SeedName } from "./seed";
import { startEmulator, type NoCredentials, type RunningEmulator } from "./start-emulator";

const USAGE = "usage: vobiz-emulator [--port N] [--state FILE] [--seed default|empty]";

/** Where the CLI writes; the real process streams by default, any writable in tests. */
export interface CliStreams {
  stdout: Pick<Writable, "write">;
  stderr: Pick<Writable, "write">;
}

/** The outcome of `main`: a serving emulator, or the exit code after a one-line error on stderr. */
export type CliOutcome =
  | { exitCode: 0; emulator: RunningEmulator<SeedCredentials | NoCredentials> }
  | { exitCode: 2; emulator?: undefined };

/** The single JSON line printed on start. */
export interface StartLine {
  baseUrl: string;
  controlUrl: string;
  authId: string | null;
  authToken: string | null;
  subAccounts: string[];
  adminAuthId: string | null;
  adminAuthToken: string | null;
  stateFile: string | null;
}

/**
 * Parses `[--port N] [--state FILE] [--seed default|empty]`, starts the emulator and prints one
 * JSON line (StartLine) to stdout. On bad arguments, a corrupt state file or a failed listen, it
 * prints one line to stderr and resolves to exit code 2 without serving.
 */
export async function main(argv: readonly string[], streams: CliStreams = process): Promise<CliOutcome> {
  const options = parseOptions(argv);
  if (typeof options === "string") return fail(streams, `vobiz-emulator: ${options}. ${USAGE}`);
  let emulator: RunningEmulator<SeedCredentials | NoCredentials>;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    const message = error instanceof StateFileError ? error.message : `cannot start: ${(error as Error).message}`;
    return fail(streams, `vobiz-emulator: ${message}`);
  }
  const { master, admin, subAccounts } = emulator.credentials;
  const line: StartLine = {
    baseUrl: emulator.baseUrl,
    controlUrl: `${emulator.origin}/__emulator`,
    authId: master?.authId ?? null,
    authToken: master?.authToken ?? null,
    subAccounts: subAccounts.map((s) => s.authId),
    adminAuthId: admin?.authId ?? null,
    adminAuthToken: admin?.authToken ?? null,
    stateFile: emulator.stateFile,
  };
  streams.stdout.write(`${JSON.stringify(line)}\n`);
  return { exitCode: 0, emulator };
}

function parseOptions(argv: readonly string[]): { port: number; stateFile?: string; seed: SeedName } | string {
  let values: { port?: string; state?: string; seed?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: "string" }, state: { type: "string" }, seed: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return (error as Error).message.split("\n")[0] ?? "invalid arguments";
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? "0") || port > 65535) return `--port must be an integer from 0 to 65535, got ${values.port}`;
  const seed = values.seed ?? "default";
  if (seed !== "default" && seed !== "empty") return `--seed must be "default" or "empty", got ${JSON.stringify(seed)}`;
  if (values.state === "") return "--state needs a file path";
  return { port, seed, ...(values.state === undefined ? {} : { stateFile: values.state }) };
}

function fail(streams: CliStreams, message: string): CliOutcome {
  streams.stderr.write(`${message.replace(/\s*\n\s*/g, " ")}\n`);
  return { exitCode: 2 };
}

async function run(): Promise<void> {
  const outcome = await main(process.argv.slice(2));
  if (outcome.exitCode !== 0) {
    process.exitCode = outcome.exitCode;
    return;
  }
  const { emulator } = outcome;
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) void run();
