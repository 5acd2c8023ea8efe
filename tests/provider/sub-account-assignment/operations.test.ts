import { subAccountAssignmentOperations } from "../../../provider/sub-account-assignment/operations";
import { useEmulator } from "../../helpers/emulator";
import { providerSettings, vobizClient } from "../../helpers/vobiz-stack";

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

  it("refuses a move to a sub-account the master does not have without unassigning the number", async () => {
    const e164 = await ownedNumber(4);
    const { outs } = await subAccountAssignmentOperations.create(settings(), { e164, subAccountId: "SA_DEMO0001" });
    await emulator().control.resetRequests();
    await expect(subAccountAssignmentOperations.update(settings(), e164, outs, { e164, subAccountId: "SA_OTHER001" })).rejects.toThrow(
      /SA_OTHER001 is not a sub-account of MA_DEMO0001.*Nothing was changed: the number stays with SA_DEMO0001/s,
    );
    expect((await emulator().control.requests()).counters["DELETE unassignSubAccount"]).toBeUndefined();
    expect((await emulator().control.getNumber(e164))?.owner).toBe("SA_DEMO0001");
  });

  it("reports a failed assign after the unassign as a partial failure that records the number with the master", async () => {
    const e164 = await ownedNumber(5);
    const created = await subAccountAssignmentOperations.create(settings(), { e164, subAccountId: "SA_DEMO0001" });
    const olds = { ...created.outs, coolOff: { until: "2026-01-01T00:00:00.000Z", resolvedBy: "wait" as const } };
    await emulator().control.injectFault({ match: { method: "POST", path_contains: "assign-subaccount" }, kind: "status", status: 503 });

    const failure = await subAccountAssignmentOperations.update(settings(), e164, olds, { e164, subAccountId: "SA_DEMO0002" }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      id: e164,
      properties: { e164, subAccountId: null, masterAccountId: "MA_DEMO0001", coolOff: olds.coolOff },
      reasons: [expect.stringContaining(`${e164} is now with the master account MA_DEMO0001`)],
    });
    const { properties } = failure as { properties: typeof olds };
    expect(await subAccountAssignmentOperations.read(settings(), e164, properties)).toEqual({ id: e164, props: properties });

    const { outs } = await subAccountAssignmentOperations.update(settings(), e164, properties, { e164, subAccountId: "SA_DEMO0002" });
    expect(outs).toMatchObject({ subAccountId: "SA_DEMO0002", coolOff: olds.coolOff });
    expect((await emulator().control.getNumber(e164))?.owner).toBe("SA_DEMO0002");
  });

  it("counts an assign whose answer was lost but which took effect as done", async () => {
    const e164 = await ownedNumber(6);
    const { outs } = await subAccountAssignmentOperations.create(settings(), { e164, subAccountId: "SA_DEMO0001" });
    await emulator().control.injectFault({ match: { method: "POST", path_contains: "assign-subaccount" }, kind: "commit-then-502" });
    const { outs: moved } = await subAccountAssignmentOperations.update(settings(), e164, outs, { e164, subAccountId: "SA_DEMO0002" });
    expect(moved).toMatchObject({ subAccountId: "SA_DEMO0002" });
    expect((await emulator().control.getNumber(e164))?.owner).toBe("SA_DEMO0002");
  });
});
