import { startEmulator, type RunningEmulator } from "../../emulator";
import { clientFor } from "../../provider/core/client-factory";

/**
 * For one suite, an emulator whose credentials are in the environment, where a provider method finds them when
 * no settings are passed: any API call a check made would land in its request log. Returns a getter, since the
 * emulator exists once beforeAll has run.
 */
export function useEmulatorInEnvironment(): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    process.env["VOBIZ_BASE_URL"] = emulator.baseUrl;
    process.env["VOBIZ_AUTH_ID"] = emulator.credentials.master.authId;
    process.env["VOBIZ_AUTH_TOKEN"] = emulator.credentials.master.authToken;
  });
  afterAll(async () => {
    process.env = savedEnv;
    await emulator?.close();
  });
  return () => {
    if (emulator === undefined) throw new Error("useEmulatorInEnvironment(): the emulator starts in beforeAll; read it inside a test");
    return emulator;
  };
}

/** The emulator logged no request so far, and does log one made with the same credentials: the checks called nothing. */
export async function expectNoCallSoFar(emulator: RunningEmulator): Promise<void> {
  expect((await emulator.control.requests()).total).toBe(0);
  await clientFor(undefined).getBalance("INR");
  expect((await emulator.control.requests()).total).toBe(1);
}
