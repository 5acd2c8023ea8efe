import type { PulumiFn } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { VobizClient } from "../../sdk";
import { TestStack } from "./pulumi-stack";

export interface Credentials {
  authId: string;
  authToken: string;
}

/** A stack whose `vobiz:*` config points at the given emulator and credentials (token stored as a secret). */
export function vobizStack(name: string, emulator: RunningEmulator, program: PulumiFn, credentials: Credentials = emulator.credentials.master): Promise<TestStack> {
  return TestStack.create({
    name,
    program,
    config: {
      "vobiz:authId": { value: credentials.authId },
      "vobiz:authToken": { value: credentials.authToken, secret: true },
      "vobiz:baseUrl": { value: emulator.baseUrl },
    },
  });
}

/** An SDK client on the emulator, for doing things behind Pulumi's back and for checking results. */
export function vobizClient(emulator: RunningEmulator, credentials: Credentials = emulator.credentials.master): VobizClient {
  return new VobizClient({ ...credentials, baseUrl: emulator.baseUrl });
}

/** Starts an emulator with the default seed for one test file; close it in afterAll. */
export function startSeededEmulator(): Promise<RunningEmulator> {
  return startEmulator({ port: 0 });
}

/** Purchase debits in the emulator's ledger, by number. */
export async function purchasesByNumber(emulator: RunningEmulator): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await emulator.control.ledger()) {
    if (row.kind === "purchase") counts[row.e164] = (counts[row.e164] ?? 0) + 1;
  }
  return counts;
}

/** The settings a provider's `configure` would hand its methods, for the emulator's master account. */
export function providerSettings(emulator: RunningEmulator): { authId: string; authToken: string; baseUrl: string } {
  return { ...emulator.credentials.master, baseUrl: emulator.baseUrl };
}
