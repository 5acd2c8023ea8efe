import type { RunningEmulator } from "../../emulator";
import { PhoneNumber } from "../../index";
import type { TestStack } from "../helpers/pulumi-stack";
import { purchasesByNumber, startSeededEmulator, vobizStack } from "../helpers/vobiz-stack";

const COUNT = 20;

// Search-then-buy races when many resources share criteria (terraform-provider-aws#45572); ours must not.
describe("many PhoneNumbers with the same criteria in one deployment", () => {
  let emulator: RunningEmulator;
  let stack: TestStack;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
    stack = await vobizStack("parallel", emulator, async () => {
      const numbers = Array.from({ length: COUNT }, (_, i) => new PhoneNumber(`pool-${i}`, { country: "IN", contains: "9180", maxMonthlyFee: 2000 }));
      return Object.fromEntries(numbers.map((n, i) => [`pool${i}`, n.e164]));
    });
  });
  afterAll(async () => {
    await stack.dispose();
    await emulator.close();
  });

  it("creates them in parallel with no failures and ends with as many distinct numbers, each bought once", async () => {
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: COUNT + 1 });
    const numbers = stack.resourcesOfType("PhoneNumber").map((r) => String(r.id));
    expect(numbers).toHaveLength(COUNT);
    expect(new Set(numbers).size).toBe(COUNT);
    for (const e164 of numbers) expect(e164.startsWith("+9180")).toBe(true);

    const purchases = await purchasesByNumber(emulator);
    expect(Object.keys(purchases).sort()).toEqual([...numbers].sort());
    expect(Object.values(purchases).every((count) => count === 1)).toBe(true);
    // Siblings never even tried to buy the same number: no purchase was refused as already taken.
    const { requests } = await emulator.control.requests();
    const purchaseAttempts = requests.filter((r) => r.route === "purchaseNumber");
    expect(purchaseAttempts.filter((r) => r.status === 404)).toEqual([]);
    expect(purchaseAttempts).toHaveLength(COUNT);
    await stack.preview({ expectNoChanges: true });
  });
});
