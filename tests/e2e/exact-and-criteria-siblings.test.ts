import type { RunningEmulator } from "../../emulator";
import { PhoneNumber } from "../../index";
import type { TestStack } from "../helpers/pulumi-stack";
import { testRandom } from "../helpers/test-seed";
import { purchasesByNumber, startSeededEmulator, vobizStack } from "../helpers/vobiz-stack";

const random = testRandom();
// A country of its own, so the criteria below match exactly these numbers and nothing in the seed.
const STOCK = Array.from({ length: 8 }, (_, i) => `+4477009001${String(i + 1).padStart(2, "0")}`);
const CRITERIA_SIBLINGS = 4;

// One program asks for some numbers exactly and for others by criteria that those exact numbers also meet.
// The criteria siblings are declared first, so the engine starts creating them while it is still checking
// the exact ones; none of them may take a number an exact sibling wants.
describe(`exact and criteria PhoneNumbers racing in one deployment ${random.label}`, () => {
  let emulator: RunningEmulator;
  let stack: TestStack;
  const exact: string[] = [];

  beforeAll(async () => {
    emulator = await startSeededEmulator();
    await emulator.control.addInventory(STOCK.map((e164) => ({ e164, country: "GB", region: "London", setup_fee: 0, monthly_fee: 100, currency: "INR" })));
    const pool = [...STOCK];
    while (exact.length < STOCK.length - CRITERIA_SIBLINGS) {
      const pick = random.pick(pool);
      exact.push(pick);
      pool.splice(pool.indexOf(pick), 1);
    }
    stack = await vobizStack("exact-criteria", emulator, async () => {
      const byCriteria = Array.from({ length: CRITERIA_SIBLINGS }, (_, i) => new PhoneNumber(`any-${i}`, { country: "GB" }));
      const named = exact.map((e164, i) => new PhoneNumber(`exact-${i}`, { e164 }));
      return Object.fromEntries([...byCriteria, ...named].map((n, i) => [`n${i}`, n.e164]));
    });
  });
  afterAll(async () => {
    await stack.dispose();
    await emulator.close();
  });

  it("reserves every exact number before any criteria pick, rides out 429s, and lists the inventory once", async () => {
    await emulator.control.resetRequests();
    await emulator.control.injectFault({ match: { method: "POST", path_contains: "purchase-from-inventory" }, kind: "status", status: 429, retry_after_seconds: 1, times: 6 });
    await emulator.control.injectFault({ match: { path_contains: "/inventory/numbers" }, kind: "status", status: 429, retry_after_seconds: 1, times: 2 });

    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: STOCK.length + 1 });

    const held = new Map(stack.resourcesOfType("PhoneNumber").map((r) => [r.urn.split("::").pop(), String(r.id)]));
    exact.forEach((e164, i) => expect(held.get(`exact-${i}`)).toBe(e164));
    const picked = Array.from({ length: CRITERIA_SIBLINGS }, (_, i) => held.get(`any-${i}`));
    expect([...picked].sort()).toEqual(STOCK.filter((e164) => !exact.includes(e164)).sort());

    const purchases = await purchasesByNumber(emulator);
    expect(STOCK.map((e164) => purchases[e164])).toEqual(STOCK.map(() => 1));
    const { requests } = await emulator.control.requests();
    expect(requests.filter((r) => r.route === "purchaseNumber" && r.status === 404)).toEqual([]);
    expect(requests.filter((r) => r.route === "purchaseNumber" && r.status === 429)).toHaveLength(6);
    expect(requests.filter((r) => r.route === "listInventory" && r.status === 200)).toHaveLength(1);
    await stack.preview({ expectNoChanges: true });
  });
});
