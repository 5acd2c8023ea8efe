import type { RunningEmulator } from "../../../emulator";
import { startDeployment } from "../../../provider/session/deployment-session";
import { phoneNumberOperations } from "../../../provider/phone-number/operations";
import type { PhoneNumberOutputs } from "../../../provider/phone-number/inputs";
import { accountOwning, ENGINE_PARALLELISM, inBatches } from "../../../scripts/refresh-workload";
import { useEmulator } from "../../helpers/emulator";
import { providerSettings, vobizClient } from "../../helpers/vobiz-stack";

/** The public requests since the last reset, as `METHOD route status`. */
async function requestsOf(emulator: RunningEmulator): Promise<string[]> {
  return (await emulator.control.requests()).requests.filter((r) => r.api === "public").map((r) => `${r.method} ${r.route} ${r.status}`);
}

async function feesOf(emulator: RunningEmulator, e164: string): Promise<string[]> {
  return (await emulator.control.ledger()).filter((row) => row.e164 === e164).map((row) => row.kind);
}

// What `up` and `destroy` cost per number: the floor is one purchase, lookup or release each.
// Each test, and each step of a test after the first, is a deployment with a provider process of its own.
function nextDeployment(): void {
  startDeployment();
}

describe("PhoneNumber API calls per number", () => {
  const emulator = useEmulator();
  const settings = () => providerSettings(emulator());
  let next = 0;
  async function inventoryNumber(): Promise<string> {
    return (await vobizClient(emulator()).listInventory({ country: "US", perPage: 50 })).items[next++]?.e164 ?? "";
  }

  beforeEach(async () => {
    nextDeployment();
    await emulator().control.resetRequests();
  });

  it("buys an exact number with the purchase alone", async () => {
    const e164 = await inventoryNumber();
    await emulator().control.resetRequests();
    expect(await phoneNumberOperations.create(settings(), { e164 })).toMatchObject({ id: e164, outs: { e164, status: "active" } });
    expect(await requestsOf(emulator())).toEqual(["POST purchaseNumber 200"]);
  });

  it("releases a number with the release alone", async () => {
    const e164 = await inventoryNumber();
    const { outs } = await phoneNumberOperations.create(settings(), { e164 });
    await emulator().control.resetRequests();
    nextDeployment();
    await phoneNumberOperations.delete(settings(), e164, outs as PhoneNumberOutputs);
    expect(await requestsOf(emulator())).toEqual(["DELETE releaseNumber 200"]);
    expect(await feesOf(emulator(), e164)).toEqual(["purchase", "release_fee"]);
  });

  it("refuses an exact number the account holds after one refused purchase and one lookup, buying nothing", async () => {
    const e164 = await inventoryNumber();
    await vobizClient(emulator()).purchaseNumber(e164);
    await emulator().control.resetRequests();
    await expect(phoneNumberOperations.create(settings(), { e164 })).rejects.toThrow(`${e164} is already owned by MA_DEMO0001, so it cannot be bought`);
    expect(await requestsOf(emulator())).toEqual(["POST purchaseNumber 404", "GET listNumbers 200"]);
    expect(await feesOf(emulator(), e164)).toEqual(["purchase"]);
  });

  it("recreates a number pending release from this account by cancelling the release, buying nothing", async () => {
    const e164 = await inventoryNumber();
    const { outs } = await phoneNumberOperations.create(settings(), { e164, trunkGroupId: "trunk-x" });
    nextDeployment();
    await phoneNumberOperations.delete(settings(), e164, outs as PhoneNumberOutputs);
    await emulator().control.resetRequests();

    expect(await phoneNumberOperations.create(settings(), { e164, trunkGroupId: "trunk-x" })).toMatchObject({ outs: { status: "active", trunkGroupId: "trunk-x" } });
    expect(await requestsOf(emulator())).toEqual(["POST purchaseNumber 404", "GET listNumbers 200", "POST cancelRelease 200", "POST assignTrunk 204"]);
    expect(await feesOf(emulator(), e164)).toEqual(["purchase", "release_fee", "refund"]);
  });

  it("deletes a number already pending release after one refused release and one lookup, charging no second fee", async () => {
    const e164 = await inventoryNumber();
    const { outs } = await phoneNumberOperations.create(settings(), { e164 });
    await vobizClient(emulator()).releaseNumber(e164);
    await emulator().control.resetRequests();

    nextDeployment();
    await phoneNumberOperations.delete(settings(), e164, outs as PhoneNumberOutputs);
    expect(await requestsOf(emulator())).toEqual(["DELETE releaseNumber 400", "GET listNumbers 200"]);
    expect(await feesOf(emulator(), e164)).toEqual(["purchase", "release_fee"]);
  });

  it("fails a delete whose release is refused for a number the account still holds, keeping it in state", async () => {
    const e164 = await inventoryNumber();
    const { outs } = await phoneNumberOperations.create(settings(), { e164 });
    await emulator().control.injectFault({ match: { method: "DELETE", path_contains: encodeURIComponent(e164) }, kind: "status", status: 403 });

    nextDeployment();
    await expect(phoneNumberOperations.delete(settings(), e164, outs as PhoneNumberOutputs)).rejects.toThrow(/403/);
    expect(await emulator().control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "active" });
  });
});

describe("adopting many numbers", () => {
  let account: Awaited<ReturnType<typeof accountOwning>>;
  beforeAll(async () => {
    account = await accountOwning(250);
  });
  afterAll(async () => {
    await account.emulator.close();
  });

  it("costs the pages of one listing, shared by the creates of a deployment, and buys nothing", async () => {
    const settings = providerSettings(account.emulator);
    const ledgerBefore = (await account.emulator.control.ledger()).length;
    startDeployment();
    await account.emulator.control.resetRequests();

    const created = await inBatches(account.owned, ENGINE_PARALLELISM, (e164) => phoneNumberOperations.create(settings, { e164, adopt: true }));
    expect(created.map((c) => c.id)).toEqual(account.owned);
    const { counters, total } = await account.emulator.control.requests();
    expect(counters).toEqual({ "GET listNumbers": total });
    expect(total).toBe(3);
    expect((await account.emulator.control.ledger()).length).toBe(ledgerBefore);
  });
});
