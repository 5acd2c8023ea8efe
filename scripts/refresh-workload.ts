import { startEmulator, type RunningEmulator } from "../emulator";
import { SeededRandom } from "../emulator/prng";
import { startDeployment } from "../provider/session/deployment-session";
import { phoneNumberOperations } from "../provider/phone-number/operations";
import { VobizClient } from "../sdk";

// The engine runs a refresh's reads concurrently in one provider process, up to `--parallel`
// (default 4 × GOMAXPROCS: 8 on a 2-core machine).
export const ENGINE_PARALLELISM = 8;

/** An emulator whose master account holds (or can buy) `count` US numbers, with the balance to release them all too. */
export interface OwningAccount {
  emulator: RunningEmulator;
  client: VobizClient;
  /** The numbers, in listing order (sorted by E.164). */
  owned: string[];
}

/** What every stocked number starts with; the index in four digits follows, so that up to 10,000 fit. */
export const NUMBER_PREFIX = "+1650555";

/**
 * Starts a fresh emulator with `count` numbers in stock (`NUMBER_PREFIX` then 0000, 0001, …) and the balance
 * to buy and release every one, answering each request after `latencyMs`.
 */
export async function accountStocking(count: number, options: { latencyMs?: number } = {}): Promise<OwningAccount> {
  const emulator = await startEmulator({ port: 0, latencyMs: options.latencyMs ?? 0 });
  const owned = Array.from({ length: count }, (_, i) => `${NUMBER_PREFIX}${String(i).padStart(4, "0")}`);
  await emulator.control.addInventory(
    owned.map((e164) => ({ e164, country: "US", region: "CA", setup_fee: 0, monthly_fee: 250, currency: "INR" })),
  );
  // 250 INR per purchase and 700 INR per release, so a stack holding them can also be destroyed.
  await emulator.control.setBalance(emulator.credentials.master.authId, "INR", (250 + 700) * count + 1000);
  const client = new VobizClient({ ...emulator.credentials.master, baseUrl: emulator.baseUrl });
  return { emulator, client, owned };
}

/** Like `accountStocking`, with every number already bought by the master account. */
export async function accountOwning(count: number, options: { latencyMs?: number } = {}): Promise<OwningAccount> {
  const account = await accountStocking(count, options);
  await inBatches(account.owned, ENGINE_PARALLELISM, (e164) => account.client.purchaseNumber(e164));
  return account;
}

/** The public API calls since the last reset, and how many of them searched for one number. */
export async function countCalls(emulator: RunningEmulator) {
  const { requests, total, counters } = await emulator.control.requests();
  const searches = requests.filter((r) => r.api === "public" && r.path.includes("search=")).length;
  return { calls: total, searches, counters };
}

/** Calls `task` on every item with at most `parallel` in flight, as the engine schedules steps. */
export async function inBatches<T, R>(items: readonly T[], parallel: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/** The same numbers in a fixed order unrelated to the listing's, like a stack grown over time. */
export function shuffled(e164s: readonly string[]): string[] {
  const random = new SeededRandom(42);
  const out = [...e164s];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.integer(0, i);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

/**
 * Reads `managed` through the provider's `read`, as one `pulumi refresh` does (a new provider process with
 * nothing cached, 8 reads in flight), and returns what each read reported and the API calls it took.
 */
export async function refreshThroughRead(emulator: RunningEmulator, managed: readonly string[]) {
  const settings = { ...emulator.credentials.master, baseUrl: emulator.baseUrl };
  startDeployment();
  await emulator.control.resetRequests();
  const results = await inBatches(managed, ENGINE_PARALLELISM, (e164) =>
    phoneNumberOperations.read(settings, e164, { selection: { e164 }, releaseMode: "standard", deletionProtection: false }),
  );
  return { results, ...(await countCalls(emulator)) };
}
