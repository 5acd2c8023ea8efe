import type { PhoneNumberArgs } from "../../index";
import { e2eSuite } from "../helpers/e2e-suite";
import { testRandom } from "../helpers/test-seed";
import { purchasesByNumber, vobizClient } from "../helpers/vobiz-stack";

const random = testRandom();

// What a demanding user checks first: money is never spent twice, and nothing bought is ever lost.
describe(`PhoneNumber when things go wrong ${random.label}`, () => {
  const suite = e2eSuite({
    afterEachTest: async (emulator) => {
      await emulator.control.clearFaults();
      await emulator.control.setBalance("MA_DEMO0001", "INR", 50_000);
    },
  });
  let emulator: ReturnType<typeof suite.emulator>;
  beforeAll(() => {
    emulator = suite.emulator();
  });

  async function freshNumber(): Promise<string> {
    const page = await vobizClient(emulator).listInventory({ country: "IN", perPage: 100 });
    return random.pick(page.items).e164;
  }

  const numberStack = (name: string, initial: PhoneNumberArgs) => suite.numberStack(name, initial);

  it("rejects bad input in check, naming the property, before any API call", async () => {
    await emulator.control.resetRequests();
    const { stack: s } = await numberStack("bad-input", { e164: "+918065550001", country: "IN", trunkGroupId: "t", applicationId: "a" });
    const refused = s.up();
    await expect(refused).rejects.toThrow(/e164.*give either e164 \(one exact number\) or search criteria, not both/s);
    await expect(refused).rejects.toThrow(/applicationId.*a trunk or to an application, not both/s);
    expect((await emulator.control.requests()).total).toBe(0);
    expect(s.resourcesOfType("PhoneNumber")).toEqual([]);
  });

  it("reports a purchase whose routing failed as a partial failure that the next up completes without buying again", async () => {
    const e164 = await freshNumber();
    const { stack: s } = await numberStack("partial", { e164, trunkGroupId: "trunk-7" });
    await emulator.control.injectFault({ match: { method: "POST", path_contains: "/assign" }, kind: "status", status: 500 });

    await expect(s.up()).rejects.toThrow(/is now owned by MA_DEMO0001, but routing it failed.*run `pulumi up` again/s);
    const [recorded] = s.resourcesOfType("PhoneNumber");
    expect(recorded?.id).toBe(e164);
    expect(recorded?.initErrors?.[0]).toMatch(/HTTP 500|500/);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", trunk_group_id: null });
    // The recorded outputs carry the provider code, so a refresh in between reads the number as it is.
    await s.refresh();
    expect(s.resourcesOfType("PhoneNumber").map((r) => [r.id, r.outputs?.["trunkGroupId"]])).toEqual([[e164, null]]);

    const second = await s.up();
    expect(second.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(s.resourcesOfType("PhoneNumber")[0]?.initErrors ?? []).toEqual([]);
    expect((await emulator.control.getNumber(e164))?.trunk_group_id).toBe("trunk-7");
    expect(await purchasesByNumber(emulator)).toMatchObject({ [e164]: 1 });
    await s.preview({ expectNoChanges: true });
  });

  it("fails clearly on an insufficient balance, buying nothing and recording nothing", async () => {
    const e164 = await freshNumber();
    await emulator.control.setBalance("MA_DEMO0001", "INR", 10);
    const ledgerBefore = await emulator.control.ledger();
    const { stack: s } = await numberStack("balance", { e164 });

    await expect(s.up()).rejects.toThrow(new RegExp(`Buying \\${e164} for MA_DEMO0001 failed for lack of funds.*10 INR available`, "s"));
    expect(s.resourcesOfType("PhoneNumber")).toEqual([]);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: null, status: "active" });
    expect(await emulator.control.ledger()).toEqual(ledgerBefore);
  });

  it("rides out a storm of 429s, honouring Retry-After, and still buys exactly once", async () => {
    const e164 = await freshNumber();
    const { stack: s } = await numberStack("storm", { e164 });
    await emulator.control.resetRequests();
    await emulator.control.injectFault({ kind: "status", status: 429, retry_after_seconds: 1, times: 4 });

    const up = await s.up();
    expect(up.stdout + up.stderr).toMatch(/retrying in 1s/);
    const log = await emulator.control.requests();
    expect(log.requests.filter((r) => r.status === 429)).toHaveLength(4);
    expect(await purchasesByNumber(emulator)).toMatchObject({ [e164]: 1 });
    expect((await emulator.control.getNumber(e164))?.owner).toBe("MA_DEMO0001");
  });

  it("refuses to release a protected number until protection is turned off", async () => {
    const e164 = await freshNumber();
    const { stack: s, setArgs } = await numberStack("protected", { e164, deletionProtection: true });
    await s.up();

    await expect(s.destroy()).rejects.toThrow(/was not released: deletionProtection is true/);
    expect(s.resourcesOfType("PhoneNumber")).toHaveLength(1);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "active" });

    setArgs({ e164, deletionProtection: false });
    expect((await s.up()).summary.resourceChanges).toMatchObject({ update: 1 });
    await s.destroy();
    expect((await emulator.control.getNumber(e164))?.status).toBe("pending_release");
  });

  it("cancels the release instead of buying again when a number is recreated within 24 hours", async () => {
    const e164 = await freshNumber();
    const { stack: s } = await numberStack("recreate", { e164, trunkGroupId: "trunk-9" });
    await s.up();
    await s.destroy();
    await emulator.control.advanceClock(23 * 3600);

    await s.up();
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "active", trunk_group_id: "trunk-9" });
    const kinds = (await emulator.control.ledger()).filter((row) => row.e164 === e164).map((row) => row.kind);
    expect(kinds).toEqual(["purchase", "release_fee", "refund"]);
  });

  it("replaces the number when criteria change so that it no longer qualifies, releasing the old one", async () => {
    const { stack: s, setArgs } = await numberStack("requalify", { country: "IN", contains: "9180" });
    const first = String((await s.up()).outputs["e164"]?.value);
    setArgs({ country: "IN", contains: "9122" });
    const replaced = await s.up();
    const second = String(replaced.outputs["e164"]?.value);
    expect(replaced.summary.resourceChanges).toMatchObject({ replace: 1 });
    expect(second).toMatch(/^\+9122/);
    expect((await emulator.control.getNumber(first))?.status).toBe("pending_release");
    expect((await emulator.control.getNumber(second))?.owner).toBe("MA_DEMO0001");
  });
});
