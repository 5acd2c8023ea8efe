import type { RunningEmulator } from "../../emulator";
import adoptExisting from "../../examples/adopt-existing";
import regionalPool from "../../examples/regional-pool";
import subAccountHandoff from "../../examples/sub-account-handoff";
import { startSeededEmulator, vobizClient, vobizStack } from "../helpers/vobiz-stack";

// The examples are stories users copy: each must work as written against the emulator.
describe("the examples", () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
  });
  afterAll(() => emulator.close());

  it("regional-pool buys two routed numbers per city and grows without buying the existing ones again", async () => {
    const stack = await vobizStack("example-pool", emulator, regionalPool);
    try {
      const up = await stack.up();
      const pools = up.outputs["pools"]?.value as Record<string, string[]>;
      expect(pools["bengaluru"]).toHaveLength(2);
      expect(pools["mumbai"]?.every((e164) => e164.startsWith("+9122"))).toBe(true);
      await stack.preview({ expectNoChanges: true });

      await stack.stack.setConfig("example:numbersPerCity", { value: "3" });
      const grown = await stack.up();
      expect(grown.summary.resourceChanges).toMatchObject({ create: 2 });
      const purchases = (await emulator.control.ledger()).filter((row) => row.kind === "purchase");
      expect(purchases).toHaveLength(6);
    } finally {
      await stack.dispose();
    }
  });

  it("adopt-existing manages an owned number without buying it and leaves it with the account on destroy", async () => {
    const client = vobizClient(emulator);
    const existing = (await client.listInventory({ country: "US", perPage: 1 })).items[0]?.e164 ?? "";
    await client.purchaseNumber(existing);
    const purchasesBefore = (await emulator.control.ledger()).filter((row) => row.kind === "purchase").length;

    const stack = await vobizStack("example-adopt", emulator, adoptExisting);
    try {
      await stack.stack.setConfig("example:existingNumber", { value: existing });
      const up = await stack.up();
      expect(up.outputs["hotline"]?.value).toBe(existing);
      expect(up.outputs["hotlineRegion"]?.value).toEqual(expect.any(String));
      expect((await emulator.control.getNumber(existing))?.application_id).toBe("20577609616603585");
      expect((await emulator.control.ledger()).filter((row) => row.kind === "purchase")).toHaveLength(purchasesBefore);
      await stack.preview({ expectNoChanges: true });

      await stack.destroy();
      expect(await emulator.control.getNumber(existing)).toMatchObject({ owner: "MA_DEMO0001", status: "active" });
    } finally {
      await stack.dispose();
    }
  });

  it("sub-account-handoff gives each team a number and moves one between teams in place", async () => {
    const stack = await vobizStack("example-handoff", emulator, subAccountHandoff);
    try {
      const up = await stack.up();
      const [supportNumber] = String(up.outputs["support"]?.value).split(" -> ");
      expect(up.outputs["support"]?.value).toMatch(/-> SA_DEMO0001$/);
      expect(up.outputs["sales"]?.value).toMatch(/-> SA_DEMO0002$/);

      await stack.stack.setConfig("example:supportSubAccountId", { value: "SA_DEMO0002" });
      const moved = await stack.up();
      expect(moved.summary.resourceChanges).toMatchObject({ update: 1 });
      expect((await emulator.control.getNumber(supportNumber ?? ""))?.owner).toBe("SA_DEMO0002");
    } finally {
      await stack.dispose();
    }
  });
});
