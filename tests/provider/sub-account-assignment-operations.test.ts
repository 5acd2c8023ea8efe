import { subAccountAssignmentOperations } from "../../provider/sub-account-assignment-operations";
import { useEmulator } from "../helpers/emulator";
import { providerSettings, vobizClient } from "../helpers/vobiz-stack";

// The fast layer: assignment methods called directly against the emulator over HTTP.
describe("SubAccountAssignment provider methods", () => {
  const emulator = useEmulator();
  const settings = () => providerSettings(emulator());

  async function ownedNumber(index: number): Promise<string> {
    const client = vobizClient(emulator());
    const e164 = (await client.listInventory({ country: "IN", search: "9144", perPage: 50 })).items[index]?.e164 ?? "";
    await client.purchaseNumber(e164);
    return e164;
  }

  it("counts a number already held by the target sub-account as assigned, without calling assign", async () => {
    const e164 = await ownedNumber(0);
    await vobizClient(emulator()).assignSubAccount(e164, "SA_DEMO0001");
    await emulator().control.resetRequests();
    const { id, outs } = await subAccountAssignmentOperations.create(settings(), { e164, subAccountId: "SA_DEMO0001" });
    expect(id).toBe(e164);
    expect(outs).toMatchObject({ subAccountId: "SA_DEMO0001", masterAccountId: "MA_DEMO0001", coolOff: null });
    expect((await emulator().control.requests()).counters["POST assignSubAccount"]).toBeUndefined();
  });

  it("refuses to take a number that another sub-account holds", async () => {
    const e164 = await ownedNumber(1);
    await vobizClient(emulator()).assignSubAccount(e164, "SA_DEMO0002");
    await expect(subAccountAssignmentOperations.create(settings(), { e164, subAccountId: "SA_DEMO0001" })).rejects.toThrow(
      "it is assigned to SA_DEMO0002",
    );
    expect((await emulator().control.getNumber(e164))?.owner).toBe("SA_DEMO0002");
  });

  it("leaves a number alone on delete when another sub-account has taken it since", async () => {
    const e164 = await ownedNumber(2);
    const { outs } = await subAccountAssignmentOperations.create(settings(), { e164, subAccountId: "SA_DEMO0001" });
    const client = vobizClient(emulator());
    await client.unassignSubAccount(e164);
    await client.assignSubAccount(e164, "SA_DEMO0002");

    await subAccountAssignmentOperations.delete(settings(), e164, outs);
    expect((await emulator().control.getNumber(e164))?.owner).toBe("SA_DEMO0002");
  });

  it("reads an assignment whose number went back to the master account as gone", async () => {
    const e164 = await ownedNumber(3);
    const { outs } = await subAccountAssignmentOperations.create(settings(), { e164, subAccountId: "SA_DEMO0001" });
    await vobizClient(emulator()).unassignSubAccount(e164);
    expect(await subAccountAssignmentOperations.read(settings(), e164, outs)).toEqual({});
  });
});
