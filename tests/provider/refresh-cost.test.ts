import type { RunningEmulator } from "../../emulator";
import { accountOwning, ENGINE_PARALLELISM, refreshThroughRead, shuffled, type OwningAccount } from "../../scripts/refresh-workload";

const PAGE_SIZE = 100;

describe("refreshing many numbers", () => {
  const emulators: RunningEmulator[] = [];
  afterAll(async () => {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  });

  async function owning(count: number): Promise<OwningAccount> {
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
      const { results, calls } = await refreshThroughRead(account.emulator, order);
      expect(results.map((r) => ("id" in r ? r.props?.e164 : undefined))).toEqual(order);
      expect(calls).toBeLessThanOrEqual(2 * floor + ENGINE_PARALLELISM);
    });
  });

  it("costs far fewer calls than one search per number for 1000 numbers", async () => {
    const account = await owning(1000);
    const { calls, counters } = await refreshThroughRead(account.emulator, shuffled(account.owned));
    expect(calls).toBeLessThan(1000 / 20);
    expect(counters).toEqual({ "GET listNumbers": calls });
  });

  describe.each([
    ["a standard release", false, "keeps it, pending release,"],
    ["an immediate release", true, "drops exactly the released number"],
  ])("after %s made outside Pulumi", (_release, immediate, outcome) => {
    it(`${outcome} and costs at most one call more than before`, async () => {
      const account = await owning(250);
      const order = shuffled(account.owned);
      const before = await refreshThroughRead(account.emulator, order);
      const released = order[200] as string;
      await account.client.releaseNumber(released, { immediate });

      const after = await refreshThroughRead(account.emulator, order);

      const reported = after.results.map((r) => ("id" in r ? r.props?.status : "gone"));
      expect(reported.filter((status) => status !== "active")).toEqual([immediate ? "gone" : "pending_release"]);
      expect(reported[order.indexOf(released)]).toBe(immediate ? "gone" : "pending_release");
      expect(after.calls).toBeLessThanOrEqual(before.calls + 1);
    });
  });
});
