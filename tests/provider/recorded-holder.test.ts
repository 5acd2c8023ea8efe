import { startDeployment } from "../../provider/session/deployment-session";
import { phoneNumberOperations } from "../../provider/phone-number/operations";
import type { PhoneNumberOutputs } from "../../provider/phone-number/inputs";
import { subAccountAssignmentOperations } from "../../provider/sub-account-assignment/operations";
import type { SubAccountAssignmentOutputs } from "../../provider/sub-account-assignment/inputs";
import { useEmulator } from "../helpers/emulator";
import { providerSettings, vobizClient } from "../helpers/vobiz-stack";

// Credentials for another account than the one a number was recorded with (an explicit provider or
// `vobiz:authId` pointed elsewhere) do not see the number. That must not read as "gone": a refresh would drop
// it from the stack, and a destroy would count it released, leaving it rented and managed by no one.
describe("a number recorded with another account than the credentials in use", () => {
  const emulator = useEmulator();
  const OTHER = { authId: "MA_OTHER0001", authToken: "tok-other-account" };
  const settings = () => providerSettings(emulator());
  const otherSettings = () => ({ ...OTHER, baseUrl: emulator().baseUrl });
  let next = 10;

  beforeAll(async () => {
    await emulator().control.seedAccount({ auth_id: OTHER.authId, auth_token: OTHER.authToken, balances: { INR: 50_000 } });
  });
  beforeEach(() => startDeployment());

  async function bought(): Promise<{ e164: string; outs: PhoneNumberOutputs }> {
    const e164 = (await vobizClient(emulator()).listInventory({ country: "US", perPage: 50 })).items[next++]?.e164 ?? "";
    const { outs } = await phoneNumberOperations.create(settings(), { e164 });
    return { e164, outs: outs as PhoneNumberOutputs };
  }

  const releaseFees = async (e164: string): Promise<number> =>
    (await emulator().control.ledger()).filter((row) => row.kind === "release_fee" && row.e164 === e164).length;

  it("refuses to refresh, update or release a PhoneNumber, naming both accounts, and changes nothing", async () => {
    const { e164, outs } = await bought();
    const refusal = `${e164} is recorded in the stack as held by MA_DEMO0001, but the credentials in use are for MA_OTHER0001, which does not hold it.`;
    await expect(phoneNumberOperations.read(otherSettings(), e164, outs)).rejects.toThrow(refusal);
    await expect(phoneNumberOperations.update(otherSettings(), e164, outs, { e164, trunkGroupId: "trunk-x" })).rejects.toThrow(refusal);
    startDeployment(); // a destroy: no program declares the number
    await expect(phoneNumberOperations.delete(otherSettings(), e164, outs)).rejects.toThrow(
      /Nothing was dropped from the stack, released or changed\. Run the command with the credentials of MA_DEMO0001 .*`pulumi state delete`/,
    );
    expect(await emulator().control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "active", trunk_group_id: null });
    expect(await releaseFees(e164)).toBe(0);
  });

  it("still drops a number its own account released, and one recorded with a sub-account of that account", async () => {
    const own = await bought();
    await vobizClient(emulator()).releaseNumber(own.e164, { immediate: true });
    expect(await phoneNumberOperations.read(settings(), own.e164, own.outs)).toEqual({});

    const handed = await bought();
    await vobizClient(emulator()).assignSubAccount(handed.e164, "SA_DEMO0001");
    startDeployment();
    const refreshed = await phoneNumberOperations.read(settings(), handed.e164, handed.outs);
    expect(refreshed).toMatchObject({ props: { accountId: "SA_DEMO0001" } });
    await vobizClient(emulator(), emulator().credentials.subAccounts[0]).releaseNumber(handed.e164, { immediate: true });
    startDeployment();
    expect(await phoneNumberOperations.read(settings(), handed.e164, (refreshed as { props: PhoneNumberOutputs }).props)).toEqual({});
  });

  it("refuses to refresh, move or undo a SubAccountAssignment, and the number stays with its sub-account", async () => {
    const { e164 } = await bought();
    const { outs } = await subAccountAssignmentOperations.create(settings(), { e164, subAccountId: "SA_DEMO0002" });
    const recorded = outs as SubAccountAssignmentOutputs;
    const refusal = `${e164} is recorded in the stack as held by MA_DEMO0001, but the credentials in use are for MA_OTHER0001`;
    await expect(subAccountAssignmentOperations.read(otherSettings(), e164, recorded)).rejects.toThrow(refusal);
    await expect(subAccountAssignmentOperations.update(otherSettings(), e164, recorded, { e164, subAccountId: "SA_DEMO0001" })).rejects.toThrow(refusal);
    await expect(subAccountAssignmentOperations.delete(otherSettings(), e164, recorded)).rejects.toThrow(refusal);
    expect(await emulator().control.getNumber(e164)).toMatchObject({ owner: "SA_DEMO0002", status: "active" });
    expect(await subAccountAssignmentOperations.read(settings(), e164, recorded)).toMatchObject({ props: { subAccountId: "SA_DEMO0002" } });
  });
});
