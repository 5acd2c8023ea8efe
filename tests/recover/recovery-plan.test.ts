import { planRecovery, RecoveryDecisionError, type RecoveryInput, type RecoveryPlan } from "../../recover/recovery-plan";
import type { PendingOperation } from "../../recover/stack-deployment";
import { asPlugin, asPluginOperation, assignmentCreate, deployment, listed, MASTER, numberCreate, pluginDeployment, pluginUrnOf, recordedNumber, SUB, urnOf, WINDOW } from "./recovery-fixture";

function plan(input: Partial<RecoveryInput> & Pick<RecoveryInput, "deployment">): RecoveryPlan {
  return planRecovery({ authId: MASTER, numbers: [], window: { since: WINDOW, source: "test" }, ...input });
}

const names = (operations: { operation: PendingOperation }[]): string[] => operations.map((o) => o.operation.resource.urn.split("::").pop() ?? "");
const recordedAs = (p: RecoveryPlan): Record<string, string> => Object.fromEntries(p.recorded.map((r) => [r.operation.resource.urn.split("::").pop(), r.number.e164]));

describe("a recovery plan", () => {
  it("records an exact number the account holds and no resource does, and drops one the account does not hold", () => {
    const p = plan({
      deployment: deployment([], [numberCreate("sales", { e164: "+14155550100" }), numberCreate("support", { e164: "+14155550101" })]),
      numbers: [listed("+14155550100", { purchased_at: "2025-01-01T00:00:00Z" })],
    });
    expect(recordedAs(p)).toEqual({ sales: "+14155550100" });
    expect(p.dropped.map((d) => [d.operation.resource.urn.split("::").pop(), d.reason])).toEqual([["support", "the account does not hold +14155550101: nothing was bought"]]);
  });

  it("drops an exact create whose number another resource of the stack holds", () => {
    const p = plan({
      deployment: deployment([recordedNumber("old-sales", "+14155550100")], [numberCreate("sales", { e164: "+14155550100" })]),
      numbers: [listed("+14155550100")],
    });
    expect(p.recorded).toEqual([]);
    expect(p.dropped[0]?.reason).toBe("+14155550100 is held by old-sales already");
  });

  it("gives creates by criteria the numbers bought in the window that meet them, and drops the creates left over", () => {
    const p = plan({
      deployment: deployment(
        [recordedNumber("line-0", "+918065550000")],
        [numberCreate("line-1", { country: "IN" }), numberCreate("line-2", { country: "IN" }), numberCreate("line-3", { country: "IN" })],
      ),
      numbers: [
        listed("+918065550000"), // the stack's own
        listed("+918065550001"),
        listed("+918065550002"),
        listed("+918065550003", { purchased_at: "2026-03-25T05:59:59Z" }), // before the window
        listed("+918065550004", { account_id: SUB }), // a sub-account's
        listed("+918065550005", { status: "pending_release" }),
        listed("+14155550100"), // bought in the window, meets no create's criteria
      ],
    });
    expect(Object.values(recordedAs(p)).sort()).toEqual(["+918065550001", "+918065550002"]);
    expect(p.dropped).toHaveLength(1);
    expect(p.dropped[0]?.reason).toMatch(/^nothing was bought for it: no number bought since 2026-03-25T06:00:00.000Z that no resource holds meets its criteria \(country IN\)/);
    expect(p.unclaimed.map((n) => n.e164)).toEqual(["+14155550100"]);
    expect(p.undecided).toEqual([]);
  });

  it("does not guess when more numbers meet the criteria than the creates can have bought", () => {
    const creates = [numberCreate("line-1", { country: "IN", contains: "9180" }), numberCreate("line-2", { country: "IN", contains: "9180" })];
    const p = plan({
      deployment: deployment([], creates),
      numbers: [listed("+918065550001"), listed("+918065550002"), listed("+918065550003")],
    });
    expect(p.recorded).toEqual([]);
    expect(p.dropped).toEqual([]);
    expect(p.undecided).toHaveLength(1);
    expect(p.undecided[0]?.operations).toEqual(creates);
    expect(p.undecided[0]?.candidates.map((n) => n.e164)).toEqual(["+918065550001", "+918065550002", "+918065550003"]);
    expect(p.undecided[0]?.reason).toMatch(/^3 numbers bought since .* meet the criteria \(country IN, containing 9180\) of 2 pending creates/);
    expect(p.unclaimed).toEqual([]);
  });

  it("does not guess when the numbers cannot all be purchases of the creates that accept them", () => {
    const p = plan({
      deployment: deployment([], [numberCreate("any", { country: "IN" }), numberCreate("bengaluru-1", { country: "IN", contains: "9180" }), numberCreate("bengaluru-2", { country: "IN", contains: "9180" })]),
      numbers: [listed("+912265550001"), listed("+914465550002"), listed("+918065550003")],
    });
    expect(p.recorded).toEqual([]);
    expect(p.undecided[0]?.reason).toMatch(/^3 numbers .* of 3 pending creates, and no pairing gives each of them to a create that accepts it/);
  });

  it("pairs creates whose criteria overlap so that each gets a number it accepts", () => {
    const p = plan({
      deployment: deployment([], [numberCreate("bengaluru", { country: "IN", contains: "9180" }), numberCreate("any-1", { country: "IN" }), numberCreate("any-2", { country: "IN" })]),
      numbers: [listed("+918065550001"), listed("+912265550002"), listed("+918065550003")],
    });
    const recorded = recordedAs(p);
    expect(recorded["bengaluru"]).toMatch(/^\+9180/);
    expect(Object.values(recorded).sort()).toEqual(["+912265550002", "+918065550001", "+918065550003"]);
  });

  it("gives a number already routed as a create asks to that create", () => {
    const p = plan({
      deployment: deployment([], [numberCreate("to-trunk", { country: "IN", trunkGroupId: "trunk-2" }), numberCreate("to-app", { country: "IN", applicationId: "app-1" })]),
      numbers: [listed("+918065550001", { trunk_group_id: "trunk-2" }), listed("+918065550002", { application_id: "app-1" })],
    });
    expect(recordedAs(p)).toEqual({ "to-trunk": "+918065550001", "to-app": "+918065550002" });
  });

  it("records an assignment whose number the sub-account holds, and drops one whose number is still with the master", () => {
    const p = plan({
      deployment: deployment(
        [recordedNumber("line-1", "+918065550001"), recordedNumber("line-2", "+918065550002")],
        [assignmentCreate("line-1-sub", "line-1", "+918065550001"), assignmentCreate("line-2-sub", "line-2", "+918065550002")],
      ),
      numbers: [listed("+918065550001", { account_id: SUB }), listed("+918065550002")],
    });
    expect(recordedAs(p)).toEqual({ "line-1-sub": "+918065550001" });
    expect(p.dropped[0]?.reason).toBe(`+918065550002 is held by ${MASTER}, not by ${SUB}: the assignment was not made`);
  });

  it("drops a recorded create that depends on a resource the stack does not have", () => {
    const p = plan({
      deployment: deployment([], [assignmentCreate("line-1-sub", "line-1", "+918065550001")]),
      numbers: [listed("+918065550001", { account_id: SUB })],
    });
    expect(p.recorded).toEqual([]);
    expect(p.dropped[0]?.reason).toBe(`it depends on ${urnOf("line-1")}, which is not in the stack`);
  });

  it("follows --assign, a number for one create and none for another, and then shares the rest as usual", () => {
    const creates = [numberCreate("line-1", { country: "IN" }), numberCreate("line-2", { country: "IN" }), numberCreate("line-3", { country: "IN" })];
    const numbers = [listed("+918065550001"), listed("+918065550002"), listed("+918065550003"), listed("+918065550004")];
    expect(plan({ deployment: deployment([], creates), numbers }).undecided).toHaveLength(1);

    const decisions = new Map([
      [urnOf("line-1"), "+918065550003"],
      [urnOf("line-2"), null],
    ]);
    const p = plan({ deployment: deployment([], creates), numbers: [listed("+918065550001"), listed("+918065550003"), listed("+14155550100")], decisions });
    expect(recordedAs(p)).toEqual({ "line-1": "+918065550003", "line-3": "+918065550001" });
    expect(p.dropped.map((d) => d.reason)).toEqual(["--assign says it bought nothing"]);
    expect(p.unclaimed.map((n) => n.e164)).toEqual(["+14155550100"]);
  });

  it("refuses an --assign that names no pending create, a number the account does not hold or the stack holds, or one the create would not buy", () => {
    const d = deployment([recordedNumber("line-0", "+918065550000")], [numberCreate("line-1", { country: "IN", contains: "9180" }), numberCreate("line-2", { country: "IN" })]);
    const numbers = [listed("+918065550000"), listed("+918065550001"), listed("+912265550002")];
    const refused = (decisions: [string, string | null][]): unknown => {
      try {
        plan({ deployment: d, numbers, decisions: new Map(decisions) });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const cases: [[string, string | null][], string][] = [
      [[[urnOf("line-9"), "+918065550001"]], "which is not a pending create of a PhoneNumber"],
      [[[urnOf("line-1"), "+918065559999"]], "the account does not hold +918065559999"],
      [[[urnOf("line-1"), "+918065550000"]], `+918065550000 is held by ${urnOf("line-0")} already`],
      [[[urnOf("line-1"), "+912265550002"]], "+912265550002 does not meet the create's contains, so it did not buy it"],
      [
        [
          [urnOf("line-1"), "+918065550001"],
          [urnOf("line-2"), "+918065550001"],
        ],
        "+918065550001 is given to another pending create too",
      ],
    ];
    for (const [decisions, message] of cases) {
      const error = refused(decisions);
      expect(error).toBeInstanceOf(RecoveryDecisionError);
      expect((error as Error).message).toContain(message);
    }
  });

  it("clears updates and deletes, and creates of other packages, without resolving them", () => {
    const update: PendingOperation = { type: "updating", resource: recordedNumber("line-0", "+918065550000") };
    const other: PendingOperation = { type: "creating", resource: { urn: "urn:pulumi:dev::pool::random:index/randomId:RandomId::id", type: "random:index/randomId:RandomId" } };
    const p = plan({ deployment: deployment([recordedNumber("line-0", "+918065550000")], [update, other]), numbers: [listed("+918065550000")] });
    expect(p.cleared).toEqual([update, other]);
    expect(p.recorded).toEqual([]);
    expect(p.unclaimed).toEqual([]);
  });

  it("counts every number the account holds when no window bounds the search", () => {
    const p = planRecovery({
      authId: MASTER,
      deployment: deployment([], [numberCreate("line-1", { country: "IN" })]),
      numbers: [listed("+918065550001", { purchased_at: "2020-01-01T00:00:00Z" })],
      window: { since: undefined, source: "no history" },
    });
    expect(recordedAs(p)).toEqual({ "line-1": "+918065550001" });
  });

  it("names each create once, whatever it decides", () => {
    const creates = [numberCreate("a", { e164: "+14155550100" }), numberCreate("b", { country: "IN" }), numberCreate("c", { country: "US" })];
    const p = plan({ deployment: deployment([], creates), numbers: [listed("+918065550001")] });
    expect([...names(p.recorded), ...names(p.dropped)].sort()).toEqual(["a", "b", "c"]);
  });
});

describe("a recovery plan for a stack of the vobiz plugin", () => {
  const creates = [
    numberCreate("sales", { e164: "+14155550100" }),
    numberCreate("old-sales", { e164: "+14155550101" }),
    numberCreate("line-1", { country: "IN", contains: "9180" }),
    assignmentCreate("sales-sub", "sales", "+14155550100"),
  ].map(asPluginOperation);
  const numbers = [listed("+14155550100", { account_id: SUB }), listed("+14155550101"), listed("+918065550001"), listed("+918065550002", { purchased_at: "2026-03-25T05:00:00Z" })];
  const p = plan({ deployment: pluginDeployment([asPlugin(recordedNumber("line-0", "+14155550101"))], creates), numbers });

  it("records the exact number, the number that meets the criteria and the assignment, as for dynamic resources", () => {
    expect(recordedAs(p)).toEqual({ sales: "+14155550100", "line-1": "+918065550001", "sales-sub": "+14155550100" });
    expect(p.recorded.map((r) => r.operation.resource.type)).toEqual(["vobiz:index:PhoneNumber", "vobiz:index:PhoneNumber", "vobiz:index:SubAccountAssignment"]);
  });

  it("drops a create whose number a plugin resource of the stack holds, and clears nothing", () => {
    expect(p.dropped.map((d) => [names([d])[0], d.reason])).toEqual([["old-sales", "+14155550101 is held by line-0 already"]]);
    expect(p.cleared).toEqual([]);
    expect(p.unclaimed).toEqual([]);
  });

  it("does not guess between plugin creates any more than between dynamic ones, and takes --assign by the plugin's URN", () => {
    const twins = [numberCreate("line-1", { country: "IN" }), numberCreate("line-2", { country: "IN" })].map(asPluginOperation);
    const three = [listed("+918065550001"), listed("+918065550002"), listed("+918065550003")];
    expect(plan({ deployment: pluginDeployment([], twins), numbers: three }).undecided).toHaveLength(1);
    const decisions = new Map([[pluginUrnOf("line-1"), "+918065550003"], [pluginUrnOf("line-2"), null]]);
    const decided = plan({ deployment: pluginDeployment([], twins), numbers: three, decisions });
    expect(recordedAs(decided)).toEqual({ "line-1": "+918065550003" });
  });
});
