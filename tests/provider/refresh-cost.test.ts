import { startEmulator, type RunningEmulator } from "../../emulator";
import { SeededRandom } from "../../emulator/prng";
import { forgetOwnedNumbers } from "../../provider/owned-number-lookup";
import { phoneNumberOperations } from "../../provider/phone-number-operations";
import { VobizClient } from "../../sdk";

// Pulumi's engine runs a refresh's reads concurrently in one provider process, up to `--parallel`
// (default 4 × GOMAXPROCS: 8 on a 2-core machine).
const ENGINE_PARALLELISM = 8;
const PAGE_SIZE = 100;

interface Account {
  emulator: RunningEmulator;
  client: VobizClient;
  owned: string[];
}

/** A fresh emulator whose master account owns `count` US numbers, bought from stock added for the test. */
async function accountOwning(count: number): Promise<Account> {
  const emulator = await startEmulator({ port: 0 });
  const { master } = emulator.credentials;
  const owned = Array.from({ length: count }, (_, i) => `+1650555${String(i).padStart(4, "0")}`);
  await emulator.control.addInventory(
    owned.map((e164) => ({ e164, country: "US", region: "CA", setup_fee: 0, monthly_fee: 250, currency: "INR" })),
  );
  // 250 INR per purchase, and room for one 700 INR release fee.
  await emulator.control.setBalance(master.authId, "INR", 250 * count + 1000);
  const client = new VobizClient({ ...master, baseUrl: emulator.baseUrl });
  await inBatches(owned, ENGINE_PARALLELISM, (e164) => client.purchaseNumber(e164));
  return { emulator, client, owned };
}

/** Calls `task` on every item with at most `parallel` in flight, the way the engine schedules reads. */
async function inBatches<T, R>(items: readonly T[], parallel: number, task: (item: T) => Promise<R>): Promise<R[]> {
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

/** Reads every number as `pulumi refresh` does and returns what each read reported and the API calls it took. */
async function refresh(account: Account, order: readonly string[]) {
  const { emulator } = account;
  const settings = { ...emulator.credentials.master, baseUrl: emulator.baseUrl };
  // Each `pulumi refresh` starts a new provider process, so nothing is cached from an earlier one.
  forgetOwnedNumbers();
  await emulator.control.resetRequests();
  const results = await inBatches(order, ENGINE_PARALLELISM, (e164) =>
    phoneNumberOperations.read(settings, e164, { selection: { e164 }, releaseMode: "standard", deletionProtection: false }),
  );
  const { total, counters } = await emulator.control.requests();
  return { results, calls: total, counters };
}

/** The same numbers in an order unrelated to the listing's (sorted by e164), like a stack grown over time. */
function shuffled(e164s: readonly string[]): string[] {
  const random = new SeededRandom(42);
  const out = [...e164s];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.integer(0, i);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

describe("refreshing many numbers", () => {
  const emulators: RunningEmulator[] = [];
  afterAll(async () => {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  });

  async function owning(count: number): Promise<Account> {
    const account = await accountOwning(count);
    emulators.push(account.emulator);
    return account;
  }

  const inListingOrder = (e164s: readonly string[]): string[] => [...e164s];

  describe.each([
    [1, "in shuffled order", shuffled],
    [10, "in shuffled order", shuffled],
    [100, "in shuffled order", shuffled],
    [1000, "in shuffled order", shuffled],
    [1000, "in listing order", inListingOrder],
  ])("with %i numbers read %s", (count, _order, orderOf) => {
    const floor = Math.ceil(count / PAGE_SIZE);

    it("keeps every number and costs at most twice the pages of one listing plus the reads in flight", async () => {
      const account = await owning(count);
      const order = orderOf(account.owned);
      const { results, calls } = await refresh(account, order);
      expect(results.map((r) => ("id" in r ? r.props?.e164 : undefined))).toEqual(order);
      expect(calls).toBeLessThanOrEqual(2 * floor + ENGINE_PARALLELISM);
    });
  });

  it("costs far fewer calls than one search per number for 1000 numbers", async () => {
    const account = await owning(1000);
    const { calls, counters } = await refresh(account, shuffled(account.owned));
    expect(calls).toBeLessThan(1000 / 20);
    expect(counters).toEqual({ "GET listNumbers": calls });
  });

  describe.each([
    ["a standard release", false],
    ["an immediate release", true],
  ])("after %s made outside Pulumi", (_release, immediate) => {
    it("drops exactly the released number and costs at most one call more than before", async () => {
      const account = await owning(250);
      const order = shuffled(account.owned);
      const before = await refresh(account, order);
      const released = order[200] as string;
      await account.client.releaseNumber(released, { immediate });

      const after = await refresh(account, order);

      expect(after.results[order.indexOf(released)]).toEqual({});
      expect(after.results.flatMap((r, i) => ("id" in r ? [] : [order[i]]))).toEqual([released]);
      expect(after.calls).toBeLessThanOrEqual(before.calls + 1);
    });
  });
});
