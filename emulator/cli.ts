#!/usr/bin/env node
import type { Writable } from "node:stream";
import { CommanderError, InvalidArgumentError, Option } from "commander";
import { toolCommand } from "../cli/tool-command";
import { StateFileError } from "./persistence";
import type { SeedCredentials, SeedName } from "./seed";
import { startEmulator, type NoCredentials, type RunningEmulator } from "./start-emulator";

const USAGE = "usage: vobiz-emulator [--port N] [--state FILE] [--seed default|empty] [--latency-ms N]";

const HELP_AFTER = `
On start it prints one JSON line on stdout: baseUrl (give it to the SDK or to vobiz:baseUrl), controlUrl,
authId and authToken of the seeded master account, subAccounts, adminAuthId, adminAuthToken and stateFile.
It serves until Ctrl-C (SIGINT) or SIGTERM. Bad arguments, a corrupt state file or a port in use print one
line on stderr and exit with code 2.`;

/** Where the CLI writes; the real process streams by default, any writable in tests. */
export interface CliStreams {
  stdout: Pick<Writable, "write">;
  stderr: Pick<Writable, "write">;
}

/**
 * The outcome of `main`: a serving emulator; exit code 0 without one after --help or --version; or exit
 * code 2 after a one-line error on stderr.
 */
export type CliOutcome =
  | { exitCode: 0; emulator: RunningEmulator<SeedCredentials | NoCredentials> }
  | { exitCode: 0 | 2; emulator?: undefined };

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
 * Parses `[--port N] [--state FILE] [--seed default|empty] [--latency-ms N]`, starts the emulator and prints one
 * JSON line (StartLine) to stdout. `--help` and `--version` print on stdout and resolve to exit code 0
 * without serving. On bad arguments, a corrupt state file or a failed listen, it prints one line to
 * stderr and resolves to exit code 2 without serving.
 */
export async function main(argv: readonly string[], streams: CliStreams = process): Promise<CliOutcome> {
  let options: CliOptions;
  try {
    options = parseOptions(argv, streams);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { exitCode: 0 };
    return fail(streams, `vobiz-emulator: ${error.message.replace(/^error: /, "")} ${USAGE}`);
  }
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

interface CliOptions {
  port: number;
  seed: SeedName;
  stateFile?: string;
  latencyMs: number;
}

// Each option converts and checks its own value, so adding one is one more `.option(...)` line.
function parseOptions(argv: readonly string[], streams: CliStreams): CliOptions {
  const program = toolCommand("vobiz-emulator", "A local, stateful stand-in for the Vobiz Phone Numbers API, with a control API for tests.", streams)
    .option("--port <N>", "TCP port on 127.0.0.1; 0 picks a free one", portNumber, 0)
    .option("--state <FILE>", "load state from FILE when it exists, and save every change to it before answering", filePath)
    .addOption(new Option("--seed <name>", "starting state when there is no state file").choices(["default", "empty"]).default("default"))
    .option("--latency-ms <N>", "milliseconds every request waits before it is answered, standing for a real network", milliseconds, 0)
    .addHelpText("after", HELP_AFTER);
  program.parse([...argv], { from: "user" });
  const { port, seed, state, latencyMs } = program.opts<{ port: number; seed: SeedName; state?: string; latencyMs: number }>();
  return { port, seed, latencyMs, ...(state === undefined ? {} : { stateFile: state }) };
}

function portNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError("--port must be an integer from 0 to 65535.");
  return Number(value);
}

function milliseconds(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 600_000) throw new InvalidArgumentError("--latency-ms must be an integer from 0 to 600000.");
  return Number(value);
}

function filePath(value: string): string {
  if (value === "") throw new InvalidArgumentError("--state needs a file path.");
  return value;
}

function fail(streams: CliStreams, message: string): CliOutcome {
  streams.stderr.write(`${message.replace(/\s*\n\s*/g, " ")}\n`);
  return { exitCode: 2 };
}

async function run(): Promise<void> {
  const outcome = await main(process.argv.slice(2));
  if (outcome.emulator === undefined) {
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
