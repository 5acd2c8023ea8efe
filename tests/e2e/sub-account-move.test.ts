import { e2eSuite } from "../helpers/e2e-suite";
import type { TestStack } from "../helpers/pulumi-stack";
import { testRandom } from "../helpers/test-seed";

const DAY = 86_400;
const random = testRandom();

// Moving a number between sub-accounts is an unassign (possibly a forced, audited override) then an assign.
// The unassign must not happen when the assign is bound to fail, and a failed assign must leave a state that
// says where the number really is.
describe(`a SubAccountAssignment moving to another sub-account ${random.label}`, () => {
  const suite = e2eSuite({
    afterEachTest: async (emulator) => {
      await emulator.control.clearFaults();
      await emulator.control.setAdmin("MA_DEMO0001", false);
    },
  });
  const control = () => suite.emulator().control;

  const recordedAssignment = (s: TestStack) => s.resourcesOfType("SubAccountAssignment")[0];

  it("refuses a move to a sub-account this master does not have, before unassigning anything", async () => {
    const { e164, stack: s, reassign } = await suite.assignedNumberStack("move-unknown", random, { subAccountId: "SA_DEMO0001" });
    reassign({ subAccountId: "SA_NOPE0001" });
    await control().resetRequests();

    await expect(s.up()).rejects.toThrow(/SA_NOPE0001 is not a sub-account of MA_DEMO0001.*Nothing was changed/s);

    const routes = (await control().requests()).requests.map((r) => `${r.method} ${r.route}`);
    expect(routes).not.toContain("DELETE unassignSubAccount");
    expect((await control().getNumber(e164))?.owner).toBe("SA_DEMO0001");
    expect(recordedAssignment(s)?.outputs?.["subAccountId"]).toBe("SA_DEMO0001");
  });

  it("records a move whose assign failed after a forced unassign as a partial failure that the next up completes", async () => {
    await control().setAdmin("MA_DEMO0001", true);
    const { e164, stack: s, reassign } = await suite.assignedNumberStack("move-partial", random, { subAccountId: "SA_DEMO0001", force: true });
    const now = Date.parse(await control().now());
    await control().setLastCall(e164, new Date(now - 3 * DAY * 1000));
    reassign({ subAccountId: "SA_DEMO0002", force: true });
    await control().injectFault({ match: { method: "POST", path_contains: "assign-subaccount" }, kind: "status", status: 500 });

    await expect(s.up()).rejects.toThrow(new RegExp(`\\${e164} is now with the master account MA_DEMO0001.*run \`pulumi up\` again`, "s"));
    expect((await control().getNumber(e164))?.owner).toBe("MA_DEMO0001");
    const partial = recordedAssignment(s);
    expect(partial?.initErrors?.length).toBe(1);
    expect(partial?.outputs).toMatchObject({ subAccountId: null, coolOff: { resolvedBy: "force", until: expect.any(String) } });
    const forcedUntil = (partial?.outputs?.["coolOff"] as { until: string }).until;

    await s.refresh();
    expect(recordedAssignment(s)?.outputs).toMatchObject({ subAccountId: null, coolOff: { resolvedBy: "force", until: forcedUntil } });

    await s.up();
    expect((await control().getNumber(e164))?.owner).toBe("SA_DEMO0002");
    expect(recordedAssignment(s)?.outputs).toMatchObject({ subAccountId: "SA_DEMO0002", coolOff: { resolvedBy: "force", until: forcedUntil } });
    expect(recordedAssignment(s)?.initErrors ?? []).toEqual([]);
    expect((await control().audit()).filter((row) => row.e164 === e164)).toHaveLength(1);
    await s.refresh({ previewOnly: true, expectNoChanges: true });
    await s.preview({ expectNoChanges: true });
  });
});
