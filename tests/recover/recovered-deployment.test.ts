import { phoneNumberOutputs } from "../../provider/phone-number/outputs";
import { recoveredDeployment } from "../../recover/recovered-deployment";
import { planRecovery } from "../../recover/recovery-plan";
import type { StackExport } from "../../recover/stack-deployment";
import { asPlugin, asPluginOperation, assignmentCreate, deployment, listed, MASTER, numberCreate, pluginDeployment, pluginUrnOf, recordedNumber, SUB, urnOf, WINDOW } from "./recovery-fixture";

describe("the deployment a plan writes", () => {
  const exported: StackExport = {
    version: 3,
    deployment: deployment(
      [recordedNumber("line-1", "+918065550001")],
      [assignmentCreate("line-1-sub", "line-1", "+918065550001"), numberCreate("line-2", { country: "IN", trunkGroupId: "trunk-1" })],
    ),
  };
  const number = listed("+918065550002", { trunk_group_id: "trunk-1" });
  const numbers = [listed("+918065550001", { account_id: SUB }), number];
  const plan = planRecovery({ deployment: exported.deployment, authId: MASTER, numbers, window: { since: WINDOW, source: "test" } });
  const written = recoveredDeployment(exported, plan, MASTER);
  const byUrn = new Map(written.deployment.resources.map((r) => [r.urn, r]));

  it("records each resolved create as a resource, the number before the assignment that depends on it, and leaves no pending operation", () => {
    expect(written.deployment.resources.map((r) => r.urn.split("::").pop())).toEqual(["pool-dev", "default", "line-1", "line-2", "line-1-sub"]);
    expect(written.deployment.pending_operations).toEqual([]);
    expect(written.deployment["secrets_providers"]).toEqual(exported.deployment["secrets_providers"]);
  });

  it("gives a PhoneNumber the number as id and the outputs its create returns, with the serialized provider", () => {
    const resource = byUrn.get(urnOf("line-2"));
    const { __provider, ...inputs } = resource?.inputs ?? {};
    expect(resource?.id).toBe("+918065550002");
    expect(resource?.outputs).toEqual({ ...phoneNumberOutputs(number, inputs), __provider });
    expect(resource?.outputs).toMatchObject({ e164: "+918065550002", trunkGroupId: "trunk-1", selection: { country: "IN" }, accountId: MASTER });
    expect(resource?.parent).toBe(exported.deployment.resources[0]?.urn);
    expect(resource?.provider).toBe(exported.deployment.pending_operations[1]?.resource.provider);
  });

  it("gives a SubAccountAssignment the outputs its create returns", () => {
    const resource = byUrn.get(urnOf("line-1-sub", "SubAccountAssignment"));
    expect(resource?.id).toBe("+918065550001");
    expect(resource?.outputs).toEqual({
      e164: "+918065550001",
      subAccountId: SUB,
      masterAccountId: MASTER,
      force: false,
      coolOffWaitSeconds: 0,
      coolOff: null,
      __provider: resource?.inputs?.["__provider"],
    });
    expect(resource?.dependencies).toEqual([urnOf("line-1")]);
  });

  it("refuses to write a plan with undecided creates", () => {
    const crowded = planRecovery({
      deployment: deployment([], [numberCreate("line-1", { country: "IN" })]),
      authId: MASTER,
      numbers: [listed("+918065550001"), listed("+918065550002")],
      window: { since: WINDOW, source: "test" },
    });
    expect(() => recoveredDeployment(exported, crowded, MASTER)).toThrow(/undecided pending creates; settle each with --assign/);
  });
});

describe("the deployment a plan writes for a stack of the vobiz plugin", () => {
  const exported: StackExport = {
    version: 3,
    deployment: pluginDeployment(
      [asPlugin(recordedNumber("line-1", "+918065550001"))],
      [assignmentCreate("line-1-sub", "line-1", "+918065550001"), numberCreate("line-2", { country: "IN", trunkGroupId: "trunk-1" })].map(asPluginOperation),
    ),
  };
  const number = listed("+918065550002", { trunk_group_id: "trunk-1" });
  const numbers = [listed("+918065550001", { account_id: SUB }), number];
  const plan = planRecovery({ deployment: exported.deployment, authId: MASTER, numbers, window: { since: WINDOW, source: "test" } });
  const written = recoveredDeployment(exported, plan, MASTER);
  const byUrn = new Map(written.deployment.resources.map((r) => [r.urn, r]));

  it("gives a PhoneNumber the outputs the shared create returns, without __provider, and keeps its inputs and plugin provider", () => {
    const resource = byUrn.get(pluginUrnOf("line-2"));
    const pending = exported.deployment.pending_operations[1]?.resource;
    expect(resource?.id).toBe("+918065550002");
    expect(resource?.outputs).toStrictEqual(phoneNumberOutputs(number, { country: "IN", trunkGroupId: "trunk-1" }));
    expect(resource?.inputs).toEqual({ country: "IN", trunkGroupId: "trunk-1" });
    expect(resource?.provider).toBe(pending?.provider);
    expect(resource?.provider).toMatch(/^urn:pulumi:dev::pool::pulumi:providers:vobiz::default_0_1_0::/);
  });

  it("gives a SubAccountAssignment the outputs its create returns, without __provider, after the number it depends on", () => {
    expect(written.deployment.resources.map((r) => r.urn.split("::").pop())).toEqual(["pool-dev", "default_0_1_0", "line-1", "line-2", "line-1-sub"]);
    expect(byUrn.get(pluginUrnOf("line-1-sub", "SubAccountAssignment"))?.outputs).toStrictEqual({
      e164: "+918065550001",
      subAccountId: SUB,
      masterAccountId: MASTER,
      force: false,
      coolOffWaitSeconds: 0,
      coolOff: null,
    });
    expect(written.deployment.pending_operations).toEqual([]);
  });
});
