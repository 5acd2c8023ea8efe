import { PartialFailure } from "../../provider/core/partial-failure";
import { phoneNumberOperations } from "../../provider/phone-number/operations";
import type { PhoneNumberOutputs } from "../../provider/phone-number/inputs";
import { startDeployment } from "../../provider/session/deployment-session";
import { useEmulator } from "../helpers/emulator";
import { providerSettings, vobizClient } from "../helpers/vobiz-stack";

// One number, one owner: the interleavings in which a resource whose purchase had no answer (recorded as
// unconfirmed) and a sibling picking by criteria both want the same number, each run as the engine would run
// it in one deployment, with the emulator's ledger as the judge.
describe("one number has one owner among the resources of a deployment", () => {
  const emulator = useEmulator();
  const settings = () => providerSettings(emulator());
  let next = 20;

  /** A number still in inventory, and criteria that match it and nothing else. */
  async function loneCandidate(): Promise<{ e164: string; criteria: { country: string; contains: string } }> {
    const e164 = (await vobizClient(emulator()).listInventory({ country: "US", perPage: 100 })).items[next++]?.e164 ?? "";
    return { e164, criteria: { country: "US", contains: e164.slice(1) } };
  }

  /**
   * A purchase of `e164` whose answer was lost (a 502, nothing bought) and whose lookup failed too, as the
   * first deployment records it: the create fails partially, with the number recorded as unconfirmed.
   */
  async function unconfirmedPurchase(e164: string): Promise<PhoneNumberOutputs> {
    startDeployment();
    const { control } = emulator();
    await control.injectFault({ match: { method: "POST", path_contains: "purchase-from-inventory" }, kind: "status", status: 502, times: 1 });
    await control.injectFault({ match: { method: "GET", path_contains: `${settings().authId}/numbers?` }, kind: "status", status: 403, times: 1 });
    const failure = await phoneNumberOperations.create(settings(), { e164 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(failure instanceof PartialFailure)) throw new Error(`expected a partial failure, got ${String(failure)}`);
    const recorded = failure.properties as PhoneNumberOutputs;
    expect(recorded).toMatchObject({ e164, status: "unconfirmed" });
    expect((await control.getNumber(e164))?.owner).toBeNull();
    return recorded;
  }

  async function purchasesOf(e164: string): Promise<number> {
    return (await emulator().control.ledger()).filter((row) => row.kind === "purchase" && row.e164 === e164).length;
  }

  it("keeps a pick by criteria off a number recorded as unconfirmed, and the next up buys it for its recorder", async () => {
    const { e164, criteria } = await loneCandidate();
    const recorded = await unconfirmedPurchase(e164);

    // The next deployment: the engine diffs the recorded resource when the program registers it, and a
    // sibling created by criteria picks while the recorded purchase is settled.
    startDeployment();
    await phoneNumberOperations.diff(e164, recorded, { e164 });
    await expect(phoneNumberOperations.create(settings(), criteria)).rejects.toThrow(`No number in Vobiz inventory matches country US, containing ${criteria.contains}`);
    const { outs } = await phoneNumberOperations.update(settings(), e164, recorded, { e164 });

    expect(outs).toMatchObject({ e164, status: "active", accountId: settings().authId });
    expect(await purchasesOf(e164)).toBe(1);
  });

  it("does not settle an unconfirmed purchase onto the number a sibling of the deployment bought", async () => {
    const { e164, criteria } = await loneCandidate();
    const recorded = await unconfirmedPurchase(e164);

    // The sibling's pick comes before the recorded resource is diffed: it buys the number, which the account
    // then holds. That the account holds it says nothing about the unconfirmed purchase.
    startDeployment();
    const sibling = await phoneNumberOperations.create(settings(), criteria);
    expect(sibling.id).toBe(e164);
    const settled = await phoneNumberOperations.update(settings(), e164, recorded, { e164 }).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(settled).toBeInstanceOf(PartialFailure);
    expect((settled as PartialFailure).message).toContain(`The purchase of ${e164} recorded as unconfirmed did not buy it: a PhoneNumber chosen by criteria of this deployment bought it`);
    expect((settled as PartialFailure).properties).toMatchObject({ e164, status: "not_bought" });
    expect(await purchasesOf(e164)).toBe(1);
    expect((await emulator().control.getNumber(e164))?.owner).toBe(settings().authId);
  });

  it("holds no number after that: refresh drops it, destroy releases nothing, and up replaces it", async () => {
    const { e164, criteria } = await loneCandidate();
    const recorded = await unconfirmedPurchase(e164);
    startDeployment();
    await phoneNumberOperations.create(settings(), criteria);
    const settled = await phoneNumberOperations.update(settings(), e164, recorded, { e164 }).catch((error: PartialFailure) => error);
    const notBought = (settled as PartialFailure).properties as PhoneNumberOutputs;

    startDeployment();
    expect(await phoneNumberOperations.read(settings(), e164, notBought)).toEqual({});
    expect(await phoneNumberOperations.diff(e164, notBought, criteria)).toMatchObject({ changes: true, replaces: ["e164"] });
    await phoneNumberOperations.delete(settings(), e164, notBought);
    expect((await emulator().control.getNumber(e164))?.stage).toBe("owned");
    expect((await emulator().control.ledger()).filter((row) => row.e164 === e164).map((row) => row.kind)).toEqual(["purchase"]);
  });

  it("keeps a refresh from confirming an unconfirmed purchase because the account holds the number", async () => {
    const { e164, criteria } = await loneCandidate();
    const recorded = await unconfirmedPurchase(e164);
    startDeployment();
    await phoneNumberOperations.create(settings(), criteria);

    startDeployment();
    expect(await phoneNumberOperations.read(settings(), e164, recorded)).toMatchObject({ id: e164, props: { status: "unconfirmed" } });
  });

  it("never lets a pick send a purchase for a number another operation of the deployment is buying", async () => {
    const { e164, criteria } = await loneCandidate();
    const recorded = await unconfirmedPurchase(e164);
    const { control } = emulator();

    startDeployment();
    await control.resetRequests();
    // The recorded resource's purchase is held at Vobiz while a sibling picks.
    await control.injectFault({ match: { method: "POST", path_contains: "purchase-from-inventory" }, kind: "latency", latency_ms: 1_000, times: 1 });
    const settling = phoneNumberOperations.update(settings(), e164, recorded, { e164 });
    while ((await control.faults()).length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(phoneNumberOperations.create(settings(), criteria)).rejects.toThrow("No number in Vobiz inventory matches");
    const { outs } = await settling;

    expect(outs).toMatchObject({ e164, status: "active" });
    expect((await control.requests()).counters["POST purchaseNumber"]).toBe(1);
    expect(await purchasesOf(e164)).toBe(1);
  });
});
