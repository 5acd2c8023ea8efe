import {
  startEmulator,
  type Credentials,
  type NoCredentials,
  type RunningEmulator,
  type SeedCredentials,
  type StartEmulatorOptions,
} from "../../emulator";

/**
 * Starts one emulator (default seed, free port) for the enclosing suite in beforeAll and closes it
 * in afterAll. Returns a getter, because the emulator only exists once beforeAll has run.
 */
export function useEmulator(options: Omit<StartEmulatorOptions, "seed"> = {}): () => RunningEmulator {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, ...options, seed: "default" });
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (running === undefined) throw new Error("useEmulator(): the emulator starts in beforeAll; read it inside a test or hook");
    return running;
  };
}

/** A decoded emulator response. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  // Tests read whatever fields the reply carries; typing each body would only restate the assertion.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Options of one public API call; `auth: null` sends no credentials. */
export interface CallOptions {
  auth?: Credentials | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Calls the public API at `${baseUrl}${path}` (e.g. `/v1/Account/MA_X/numbers`), with the seed
 * master's credentials (none on an empty seed) unless `auth` says otherwise, and decodes the JSON
 * reply (undefined when empty).
 */
export async function callApi(
  emulator: RunningEmulator<SeedCredentials | NoCredentials>,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const auth = options.auth === undefined ? emulator.credentials.master : options.auth;
  const headers: Record<string, string> = {
    ...(auth === null || auth === undefined ? {} : { "X-Auth-ID": auth.authId, "X-Auth-Token": auth.authToken }),
    ...(options.body === undefined ? {} : { "content-type": "application/json" }),
    ...options.headers,
  };
  const response = await fetch(`${emulator.baseUrl}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** A phone number as it goes in a path: `+` encoded as `%2B`. */
export function inPath(e164: string): string {
  return encodeURIComponent(e164);
}
