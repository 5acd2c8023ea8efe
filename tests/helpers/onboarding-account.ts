import type { InventoryNumberInput, RunningEmulator } from "../../emulator";
import { VobizClient } from "../../sdk";

/** The trunk group the seeded numbers routed to a trunk use. */
export const SEEDED_TRUNK = "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f";
/** The voice application the seeded numbers routed to an application use. */
export const SEEDED_APPLICATION = "20577609616603585";

/** What the seeding does to one number of the account; the pattern is fixed so every expectation can be derived. */
export interface SeededNumber {
  e164: string;
  country: "IN" | "US";
  routing?: "trunk" | "application";
  subAccount?: string;
  pendingRelease: boolean;
}

/**
 * The number of index `i` of a seeded account: the first 600 Indian, the rest American; one in 25 pending
 * release (those keep no routing); of the others one in four routed to the trunk and one in four to the
 * application; one in ten handed to SA_DEMO0001 and one in ten to SA_DEMO0002.
 */
export function seededNumber(i: number): SeededNumber {
  const country = i < 600 ? "IN" : "US";
  const e164 = country === "IN" ? `+9140${String(5550000 + i).padStart(8, "0")}` : `+1628${String(5550000 + i)}`;
  const pendingRelease = i % 25 === 24;
  return {
    e164,
    country,
    pendingRelease,
    ...(pendingRelease ? {} : i % 4 === 0 ? { routing: "trunk" as const } : i % 4 === 1 ? { routing: "application" as const } : {}),
    ...(i % 10 === 2 ? { subAccount: "SA_DEMO0001" } : i % 10 === 3 ? { subAccount: "SA_DEMO0002" } : {}),
  };
}

/** The first `count` numbers of the seeded pattern. */
export function seededNumbers(count: number): SeededNumber[] {
  return Array.from({ length: count }, (_, i) => seededNumber(i));
}

/** The entry name `vobiz-onboard` gives a number: its country in lowercase and its digits. */
export function onboardedEntryName(n: { e164: string; country: string }): string {
  return `${n.country.toLowerCase()}-${n.e164.slice(1)}`;
}

/**
 * Gives the emulator's seed master account MA_DEMO0001 the `numbers`, through the control API (stock, balance)
 * and the public API as a customer would have done it: buy each number, route it, hand it to its sub-account,
 * and release the ones meant to be pending release. Every purchase and release fee is in the ledger afterwards.
 */
export async function seedAccountNumbers(emulator: RunningEmulator, numbers: readonly SeededNumber[]): Promise<void> {
  const master = emulator.credentials.master;
  const client = new VobizClient({ ...master, baseUrl: emulator.baseUrl });
  await emulator.control.setBalance(master.authId, "INR", 100_000_000);
  const stock: InventoryNumberInput[] = numbers.map((n) => ({
    e164: n.e164,
    country: n.country,
    region: n.country === "IN" ? "Telangana" : "CA",
    setup_fee: 100,
    monthly_fee: 300,
    currency: "INR",
  }));
  await emulator.control.addInventory(stock);
  // Eight at a time: the emulator answers each in a millisecond or two, so this is network-bound.
  const inBatches = async (work: (n: SeededNumber) => Promise<unknown>): Promise<void> => {
    for (let start = 0; start < numbers.length; start += 8) await Promise.all(numbers.slice(start, start + 8).map(work));
  };
  await inBatches((n) => client.purchaseNumber(n.e164));
  await inBatches(async (n) => {
    if (n.routing === "trunk") await client.assignTrunk(n.e164, SEEDED_TRUNK);
    if (n.routing === "application") await client.attachApplication(n.e164, SEEDED_APPLICATION);
    if (n.subAccount !== undefined) await client.assignSubAccount(n.e164, n.subAccount);
    if (n.pendingRelease) await client.releaseNumber(n.e164);
  });
}
