import type { RunningEmulator } from "../../emulator";
import { PhoneNumber } from "../../index";
import type { TestStack } from "../helpers/pulumi-stack";
import { injectPurchaseAndListingLimits, siblingRequests, stockForSiblings, type SiblingStock } from "../helpers/sibling-stock";
import { testRandom } from "../helpers/test-seed";
import { purchasesByNumber, startSeededEmulator, vobizStack } from "../helpers/vobiz-stack";

const random = testRandom();
const CRITERIA_SIBLINGS = 4;

// One program asks for some numbers exactly and for others by criteria that those exact numbers also meet.
// The criteria siblings are declared first, so the engine starts creating them while it is still checking
// the exact ones; none of them may take a number an exact sibling wants.
describe(`exact and criteria PhoneNumbers racing in one deployment ${random.label}`, () => {
  let emulator: RunningEmulator;
  let stack: TestStack;
  let numbers: SiblingStock;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
    numbers = await stockForSiblings(emulator, random, "01", 8, 8 - CRITERIA_SIBLINGS);
    stack = await vobizStack("exact-criteria", emulator, async () => {
      const byCriteria = Array.from({ length: CRITERIA_SIBLINGS }, (_, i) => new PhoneNumber(`any-${i}`, { country: "GB" }));
      const named = numbers.exact.map((e164, i) => new PhoneNumber(`exact-${i}`, { e164 }));
      return Object.fromEntries([...byCriteria, ...named].map((n, i) => [`n${i}`, n.e164]));
    });
  });
  afterAll(async () => {
    await stack.dispose();
    await emulator.close();
  });

  it("reserves every exact number before any criteria pick, rides out 429s, and lists the inventory once", async () => {
    await injectPurchaseAndListingLimits(emulator);
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: numbers.stock.length + 1 });

    const held = new Map(stack.resourcesOfType("PhoneNumber").map((r) => [r.urn.split("::").pop(), String(r.id)]));
    numbers.exact.forEach((e164, i) => expect(held.get(`exact-${i}`)).toBe(e164));
    const picked = Array.from({ length: CRITERIA_SIBLINGS }, (_, i) => held.get(`any-${i}`));
    expect([...picked].sort()).toEqual([...numbers.rest].sort());

    const purchases = await purchasesByNumber(emulator);
    expect(numbers.stock.map((e164) => purchases[e164])).toEqual(numbers.stock.map(() => 1));
    expect(await siblingRequests(emulator)).toEqual({ purchasesOfTakenNumbers: 0, purchaseLimits: 6, listings: 1 });
    await stack.preview({ expectNoChanges: true });
  });
});
