import type { PhoneNumberArgs } from "../../index";
import { e2eSuite } from "../helpers/e2e-suite";
import type { StateResource } from "../helpers/pulumi-stack";
import { testRandom } from "../helpers/test-seed";
import { purchasesByNumber, vobizClient } from "../helpers/vobiz-stack";

const random = testRandom();

/** The resource is pending deletion: the old half of a replacement whose delete did not happen. */
const isPendingDelete = (resource: StateResource): boolean => (resource as StateResource & { delete?: boolean }).delete === true;

// deletionProtection promises that no command releases the number; a replacement would buy another one
// first and then be refused the release, leaving two numbers paid for and the old one stuck in state.
describe(`a protected PhoneNumber facing a replacement ${random.label}`, () => {
  const suite = e2eSuite();

  /** Two different numbers still in inventory. */
  async function twoFreshNumbers(): Promise<[string, string]> {
    const items = (await vobizClient(suite.emulator()).listInventory({ country: "IN", perPage: 100 })).items.map((n) => n.e164);
    const first = random.pick(items);
    return [first, random.pick(items.filter((e164) => e164 !== first))];
  }

  async function numberStack(name: string, initial: PhoneNumberArgs) {
    const created = await suite.numberStack(name, initial);
    await created.stack.up();
    return created;
  }

  it("is refused at preview, and by up before anything is bought or released", async () => {
    const [kept, wanted] = await twoFreshNumbers();
    const { stack: s, setArgs } = await numberStack("protect-refuse", { e164: kept, deletionProtection: true });
    setArgs({ e164: wanted, deletionProtection: true });
    await suite.emulator().control.resetRequests();

    const preview = s.preview();
    await expect(preview).rejects.toThrow(new RegExp(`Cannot replace \\${kept} with another number: deletionProtection is true`));
    await expect(preview).rejects.toThrow(/deletionProtection: false.*then change e164 in the next/s);
    await expect(s.up()).rejects.toThrow(/Cannot replace .* deletionProtection is true/);

    const routes = (await suite.emulator().control.requests()).requests.map((r) => r.route);
    expect(routes).not.toContain("purchaseNumber");
    expect(routes).not.toContain("releaseNumber");
    const recorded = s.resourcesOfType("PhoneNumber");
    expect(recorded.map((r) => [r.id, isPendingDelete(r)])).toEqual([[kept, false]]);
    expect(await suite.emulator().control.getNumber(wanted)).toMatchObject({ owner: null, stage: "inventory" });
    expect(await suite.emulator().control.getNumber(kept)).toMatchObject({ owner: "MA_DEMO0001", status: "active" });
  });

  it("is not replaced by a forced up --replace: the release is refused before another number is bought", async () => {
    const { stack: s } = await numberStack("protect-forced", { country: "IN", deletionProtection: true });
    const [recorded] = s.resourcesOfType("PhoneNumber");
    const kept = recorded?.id ?? "";
    await suite.emulator().control.resetRequests();

    await expect(s.up({ replace: [recorded?.urn ?? ""] })).rejects.toThrow(new RegExp(`\\${kept} was not released: deletionProtection is true`));

    const routes = (await suite.emulator().control.requests()).requests.map((r) => r.route);
    expect(routes).not.toContain("purchaseNumber");
    expect(routes).not.toContain("releaseNumber");
    expect(s.resourcesOfType("PhoneNumber").map((r) => r.id)).toEqual([kept]);
    expect(await suite.emulator().control.getNumber(kept)).toMatchObject({ owner: "MA_DEMO0001", status: "active" });
    await s.preview({ expectNoChanges: true });
  });

  it("is replaced along the path the refusal gives: protection off in one up, the new number in the next", async () => {
    const [kept, wanted] = await twoFreshNumbers();
    const { stack: s, setArgs } = await numberStack("protect-path", { e164: kept, deletionProtection: true });

    setArgs({ e164: kept, deletionProtection: false });
    expect((await s.up()).summary.resourceChanges).toMatchObject({ update: 1 });
    setArgs({ e164: wanted });
    expect((await s.up()).summary.resourceChanges).toMatchObject({ replace: 1 });

    expect(s.resourcesOfType("PhoneNumber").map((r) => [r.id, isPendingDelete(r)])).toEqual([[wanted, false]]);
    expect(await suite.emulator().control.getNumber(kept)).toMatchObject({ status: "pending_release" });
    expect(await suite.emulator().control.getNumber(wanted)).toMatchObject({ owner: "MA_DEMO0001", status: "active" });
    const purchases = await purchasesByNumber(suite.emulator());
    expect([purchases[kept], purchases[wanted]]).toEqual([1, 1]);
    await s.preview({ expectNoChanges: true });
  });
});
