/**
 * A local, stateful stand-in for the Vobiz Phone Numbers API (see docs/api-notes.md), with a
 * control API for tests. Start one with `startEmulator()`; drive it with `EmulatorControl`.
 */
export { startEmulator, type NoCredentials, type RunningEmulator, type StartEmulatorOptions } from "./start-emulator";
export { EmulatorControl, EmulatorControlError } from "./control-client";
export type * from "./control-types";
export { defaultSeedCredentials, type Credentials, type SeedCredentials, type SeedName } from "./seed";
export { StateFileError, STATE_FILE_VERSION } from "./persistence";
export { ClockError } from "./clock";
