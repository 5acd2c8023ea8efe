import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { isLoopback } from "../sdk/loopback";
import { VirtualClock } from "./clock";
import { EmulatorControl } from "./control-client";
import { FaultQueue } from "./faults";
import { createHttpServer } from "./http-server";
import { readStateFile, StateFileSaver } from "./persistence";
import { RequestLog } from "./request-log";
import { defaultSeedCredentials, seedState, type Credentials, type SeedCredentials, type SeedName } from "./seed";
import { createRequestListener } from "./server";
import { EmulatorStore } from "./store";

/** How to start an emulator. Every field is optional. */
export interface StartEmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Loopback address to bind: `127.0.0.1` (default), `::1` or `localhost`. Anything else is refused. */
  host?: string;
  /** Load state from this file when it exists, and save every change to it before answering. */
  stateFile?: string;
  /** Starting state when there is no state file: the demo accounts and inventory (default) or nothing. */
  seed?: SeedName;
  /**
   * Milliseconds every request waits before it is handled, standing for the network between a client and
   * the real API; a whole number, 0 (the default) adds nothing. Throws on a negative or fractional value.
   */
  latencyMs?: number;
}

/** The credentials an empty seed provides: none. */
export interface NoCredentials {
  master: undefined;
  admin: undefined;
  subAccounts: Credentials[];
}

/** A listening emulator. */
export interface RunningEmulator<C extends SeedCredentials | NoCredentials = SeedCredentials> {
  /** The Vobiz base URL to give the SDK, e.g. `http://127.0.0.1:4010/api`. */
  readonly baseUrl: string;
  /** e.g. `http://127.0.0.1:4010`; the control API is under `${origin}/__emulator`. */
  readonly origin: string;
  readonly port: number;
  /** The seed's accounts (fixed by the `seed` option, even when state comes from a file). */
  readonly credentials: C;
  readonly control: EmulatorControl;
  readonly stateFile: string | null;
  /** Stops listening and closes every open connection, so a test process can exit. */
  close(): Promise<void>;
}

/**
 * Starts an emulator on loopback. With `stateFile`, an existing file is loaded (the seed is then
 * ignored) and a missing one is created from the seed. Rejects when the host is not loopback, the
 * port is taken, or the state file exists but cannot be loaded (a StateFileError naming the file).
 */
export function startEmulator(options: StartEmulatorOptions & { seed: "empty" }): Promise<RunningEmulator<NoCredentials>>;
export function startEmulator(options?: StartEmulatorOptions & { seed?: "default" }): Promise<RunningEmulator>;
export function startEmulator(options?: StartEmulatorOptions): Promise<RunningEmulator<SeedCredentials | NoCredentials>>;
export async function startEmulator(
  options: StartEmulatorOptions = {},
): Promise<RunningEmulator<SeedCredentials | NoCredentials>> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host)) throw new Error(`the emulator only listens on loopback; refusing host ${JSON.stringify(host)}`);
  const seed = options.seed ?? "default";
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new Error(`latencyMs must be a whole number of milliseconds, 0 or more; got ${latencyMs}`);
  const stateFile = options.stateFile ?? null;

  const loaded = stateFile === null ? undefined : readStateFile(stateFile);
  const store = new EmulatorStore(loaded?.state ?? seedState(seed), new VirtualClock(loaded?.clock));
  const saver =
    stateFile === null ? undefined : new StateFileSaver(stateFile, () => ({ state: store.state, clock: store.clock.toState() }));
  saver?.saveIfChanged();

  const closing = new AbortController();
  const listener = createRequestListener({
    store,
    faults: new FaultQueue(),
    log: new RequestLog(),
    persist: () => saver?.saveIfChanged(),
    closing: closing.signal,
  });
  const server = createHttpServer(latencyMs === 0 ? listener : withLatency(listener, latencyMs, closing.signal));
  const port = await listen(server, options.port ?? 0, host);
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    baseUrl: `${origin}/api`,
    origin,
    port,
    credentials: seed === "default" ? cloneCredentials(defaultSeedCredentials) : { master: undefined, admin: undefined, subAccounts: [] },
    control: new EmulatorControl(origin),
    stateFile,
    close: () => close(server, closing),
  };
}

// The wait comes before the request is read, as a network's would, so the store, the clock and the request
// log see the request when it "arrives". Closing the emulator cuts short every wait.
function withLatency(listener: RequestListener, latencyMs: number, closing: AbortSignal): RequestListener {
  return (req, res) => {
    sleep(latencyMs, undefined, { signal: closing }).then(
      () => listener(req, res),
      () => req.socket.destroy(),
    );
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server, closing: AbortController): Promise<void> {
  closing.abort();
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

function cloneCredentials(c: Readonly<SeedCredentials>): SeedCredentials {
  return { master: { ...c.master }, admin: { ...c.admin }, subAccounts: c.subAccounts.map((s) => ({ ...s })) };
}
