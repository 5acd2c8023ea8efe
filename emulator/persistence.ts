import { readFileSync } from "node:fs";
import { z } from "zod";
import { firstProblem } from "../sdk/zod-issue";
import { removeStaleTempFiles, writeFileAtomicSync } from "./atomic-write";
import { clockStateSchema, type ClockState } from "./clock";
import { emulatorStateSchema, type EmulatorState } from "./model";

/** The state-file format this emulator reads and writes; any other version is refused. */
export const STATE_FILE_VERSION = 1;

/** Raised when a state file exists but cannot be used; the message names the file and the reason. */
export class StateFileError extends Error {
  override readonly name = "StateFileError";

  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`emulator state file ${file} cannot be loaded: ${reason}. Fix or delete the file to start again.`);
  }
}

/** Everything a restart needs: the state and where the virtual clock stood. */
export interface PersistedState {
  state: EmulatorState;
  clock: ClockState;
}

const stateFileSchema = emulatorStateSchema.extend({
  version: z.literal(STATE_FILE_VERSION),
  saved_at: z.string(),
  clock: clockStateSchema,
});

/**
 * The state-file text for a state and clock. Deterministic for equal inputs, apart from `saved_at`
 * which is left out here so callers can compare snapshots; `writeStateFile` adds it.
 */
export function serializeState(persisted: PersistedState): string {
  const { accounts, numbers, ledger, audit } = persisted.state;
  return JSON.stringify({ version: STATE_FILE_VERSION, clock: persisted.clock, accounts, numbers, ledger, audit });
}

/** Atomically replaces the state file with a snapshot from serializeState. Throws the fs error. */
export function writeStateFile(file: string, snapshot: string): void {
  const withTime = `{"saved_at":${JSON.stringify(new Date().toISOString())},${snapshot.slice(1)}`;
  writeFileAtomicSync(file, `${withTime}\n`);
}

/**
 * Loads a state file. Returns undefined when the file does not exist; throws StateFileError when it
 * exists but is unreadable, not JSON, of another version or not the expected shape. Never resets.
 */
export function readStateFile(file: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(file, `it cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, `it is not valid JSON (${(error as Error).message})`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== STATE_FILE_VERSION) {
    throw new StateFileError(file, `its version is ${JSON.stringify(version)}, this emulator reads version ${STATE_FILE_VERSION}`);
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    const { field, problem } = firstProblem(parsed.error);
    throw new StateFileError(file, `it does not have the expected shape at ${field} (${problem})`);
  }
  const { clock, accounts, numbers, ledger, audit } = parsed.data;
  return { clock, state: { accounts, numbers, ledger, audit } };
}

/**
 * Keeps a state file in step with a live state: `saveIfChanged` writes only when the serialized
 * state differs from what was last written. The first call also removes temporary files that an earlier
 * process, killed in the middle of a save, left beside the file. Throws when a write fails.
 */
export class StateFileSaver {
  private lastSaved: string | undefined;

  constructor(
    readonly file: string,
    private readonly snapshot: () => PersistedState,
  ) {}

  saveIfChanged(): void {
    if (this.lastSaved === undefined) removeStaleTempFiles(this.file);
    const current = serializeState(this.snapshot());
    if (current === this.lastSaved) return;
    writeStateFile(this.file, current);
    this.lastSaved = current;
  }
}
