import { Refusal } from "../../../provider/core/refusal";
import { startDeployment } from "../../../provider/session/deployment-session";
import { diffPhoneNumber } from "../../../provider/phone-number/diff";
import { phoneNumberOperations } from "../../../provider/phone-number/operations";
import type { PhoneNumberOutputs } from "../../../provider/phone-number/inputs";
import { useEmulator } from "../../helpers/emulator";
import { providerSettings, vobizClient } from "../../helpers/vobiz-stack";

// The fast layer: provider methods called directly against the emulator over HTTP.
describe("PhoneNumber provider methods", () => {
  const emulator = useEmulator();
  const settings = () => providerSettings(emulator());

  async function inventoryNumber(index: number): Promise<string> {
    return (await vobizClient(emulator()).listInventory({ country: "US", perPage: 50 })).items[index]?.e164 ?? "";
  }

  it("treats deleting a number that is already released as done, without another release fee", async () => {
    const e164 = await inventoryNumber(1);
    const { outs } = await phoneNumberOperations.create(settings(), { e164 });
    await vobizClient(emulator()).releaseNumber(e164);
    const feesBefore = (await emulator().control.ledger()).filter((row) => row.kind === "release_fee").length;

    await phoneNumberOperations.delete(settings(), e164, outs as PhoneNumberOutputs);
    expect((await emulator().control.ledger()).filter((row) => row.kind === "release_fee")).toHaveLength(feesBefore);
  });

  it("reads a number released elsewhere as gone, so refresh drops it from state", async () => {
    const e164 = await inventoryNumber(2);
    const { outs } = await phoneNumberOperations.create(settings(), { e164 });
    expect(await phoneNumberOperations.read(settings(), e164, outs)).toMatchObject({ id: e164, props: { e164, status: "active" } });
    await vobizClient(emulator()).releaseNumber(e164, { immediate: true });
    startDeployment(); // the next refresh is a new provider process, with no listing cached
    expect(await phoneNumberOperations.read(settings(), e164, outs)).toEqual({});
  });

  it("refuses to adopt a number the account does not own, buying nothing", async () => {
    const e164 = await inventoryNumber(3);
    const refused = phoneNumberOperations.create(settings(), { e164, adopt: true });
    await expect(refused).rejects.toThrow(`Cannot adopt ${e164}: account MA_DEMO0001 does not own it`);
    await expect(refused).rejects.toBeInstanceOf(Refusal);
    expect((await emulator().control.getNumber(e164))?.owner).toBeNull();
  });

  it("says how to recover when updating a number the account no longer holds", async () => {
    const e164 = await inventoryNumber(4);
    const { outs } = await phoneNumberOperations.create(settings(), { e164 });
    await vobizClient(emulator()).releaseNumber(e164, { immediate: true });
    await expect(phoneNumberOperations.update(settings(), e164, outs as PhoneNumberOutputs, { e164, trunkGroupId: "t" })).rejects.toThrow(
      /no longer held by MA_DEMO0001\. Run `pulumi refresh`/,
    );
  });

  it("keeps a number pending release in state with its status, and cancels the release on update without buying", async () => {
    const e164 = await inventoryNumber(5);
    const { outs } = await phoneNumberOperations.create(settings(), { country: "US", contains: e164.slice(1), trunkGroupId: "trunk-r" });
    await vobizClient(emulator()).releaseNumber(e164);
    startDeployment();
    const refreshed = await phoneNumberOperations.read(settings(), e164, outs);
    expect(refreshed).toMatchObject({ id: e164, props: { status: "pending_release", trunkGroupId: null }, inputs: { country: "US", contains: e164.slice(1) } });
    const props = (refreshed as { props: PhoneNumberOutputs }).props;
    expect(diffPhoneNumber(props, { country: "US", contains: e164.slice(1), trunkGroupId: "trunk-r" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });

    await emulator().control.resetRequests();
    const { outs: updated } = await phoneNumberOperations.update(settings(), e164, props, { country: "US", contains: e164.slice(1), trunkGroupId: "trunk-r" });
    expect(updated).toMatchObject({ e164, status: "active", trunkGroupId: "trunk-r" });
    const { counters } = await emulator().control.requests();
    expect([counters["POST cancelRelease"], counters["POST purchaseNumber"]]).toEqual([1, undefined]);
    expect((await emulator().control.ledger()).filter((row) => row.e164 === e164).map((row) => row.kind)).toEqual(["purchase", "release_fee", "refund"]);
  });

  it("names the criteria when nothing in inventory matches them", async () => {
    await expect(phoneNumberOperations.create(settings(), { country: "US", contains: "99999" })).rejects.toThrow(
      "No number in Vobiz inventory matches country US, containing 99999",
    );
  });

  it("explains missing credentials before any API call", async () => {
    await emulator().control.resetRequests();
    const saved = { id: process.env["VOBIZ_AUTH_ID"], token: process.env["VOBIZ_AUTH_TOKEN"] };
    delete process.env["VOBIZ_AUTH_ID"];
    delete process.env["VOBIZ_AUTH_TOKEN"];
    try {
      await expect(phoneNumberOperations.create({ baseUrl: emulator().baseUrl }, { country: "US" })).rejects.toThrow(/vobiz:authId.*VOBIZ_AUTH_ID/s);
    } finally {
      if (saved.id !== undefined) process.env["VOBIZ_AUTH_ID"] = saved.id;
      if (saved.token !== undefined) process.env["VOBIZ_AUTH_TOKEN"] = saved.token;
    }
    expect((await emulator().control.requests()).total).toBe(0);
  });
});

describe("a purchase nobody could confirm", () => {
  const emulator = useEmulator();
  const settings = () => providerSettings(emulator());

  it("is recorded as a partial failure carrying the number, and the next update finishes without buying twice", async () => {
    const criteria = { country: "IN", contains: "9111", trunkGroupId: "trunk-u" };
    await emulator().control.injectFault({ match: { path_contains: "purchase-from-inventory" }, kind: "commit-then-502" });
    // The lookup that follows the lost answer fails too (the inventory listing before the purchase is not hit).
    await emulator().control.injectFault({ match: { method: "GET", path_contains: "/numbers?page=" }, kind: "status", status: 500 });

    const failure = await phoneNumberOperations.create(settings(), criteria).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      id: expect.stringMatching(/^\+9111/),
      properties: { status: "unconfirmed", country: "IN" },
      reasons: [expect.stringMatching(/recorded in the stack as unconfirmed.*run `pulumi up` again/)],
    });

    const { id: e164, properties } = failure as { id: string; properties: PhoneNumberOutputs };
    expect(diffPhoneNumber(properties, criteria).replaces).toEqual([]);
    const { outs } = await phoneNumberOperations.update(settings(), e164, properties, criteria);
    expect(outs).toMatchObject({ e164, status: "active", trunkGroupId: "trunk-u" });
    expect((await emulator().control.ledger()).filter((row) => row.kind === "purchase" && row.e164 === e164)).toHaveLength(1);
  });

  it("is bought by the next update when it did not go through, once", async () => {
    const criteria = { country: "IN", contains: "9122", trunkGroupId: "trunk-v" };
    await emulator().control.injectFault({ match: { path_contains: "purchase-from-inventory" }, kind: "status", status: 502 });
    await emulator().control.injectFault({ match: { method: "GET", path_contains: "/numbers?page=" }, kind: "status", status: 500 });

    const failure = await phoneNumberOperations.create(settings(), criteria).catch((error: unknown) => error);
    const { id: e164, properties } = failure as { id: string; properties: PhoneNumberOutputs };
    expect([e164, properties.status]).toEqual([expect.stringMatching(/^\+9122/), "unconfirmed"]);
    expect(await emulator().control.getNumber(e164)).toMatchObject({ owner: null });

    const { outs } = await phoneNumberOperations.update(settings(), e164, properties, criteria);
    expect(outs).toMatchObject({ e164, status: "active", trunkGroupId: "trunk-v" });
    expect((await emulator().control.ledger()).filter((row) => row.kind === "purchase" && row.e164 === e164)).toHaveLength(1);
  });
});
