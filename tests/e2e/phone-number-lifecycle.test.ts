import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { PhoneNumber, SubAccountAssignment } from "../../index";
import { installedProject } from "../../scripts/installed-project";
import { ProjectStack } from "../../scripts/project-stack";
import type { TestStack } from "../helpers/pulumi-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { purchasesByNumber, startSeededEmulator, vobizClient, vobizStack } from "../helpers/vobiz-stack";

// Up, an empty preview, a clean drift check and destroy, for each way of getting a number, through the real CLI.
describe("PhoneNumber and SubAccountAssignment through pulumi up, preview, refresh and destroy", () => {
  let emulator: RunningEmulator;
  let stack: TestStack | undefined;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
  });
  afterEach(async () => {
    await stack?.dispose();
    stack = undefined;
  });
  afterAll(() => emulator.close());

  async function inventoryNumber(country: string): Promise<string> {
    const page = await vobizClient(emulator).listInventory({ country, perPage: 5 });
    const number = page.items[page.items.length - 1];
    if (!number) throw new Error(`the emulator has no ${country} inventory`);
    return number.e164;
  }

  async function expectCleanCycle(s: TestStack): Promise<void> {
    const preview = await s.preview({ expectNoChanges: true });
    expect(Object.keys(preview.changeSummary)).toEqual(["same"]);
    await s.refresh({ previewOnly: true, expectNoChanges: true });
  }

  it("buys an exact number, records it in state, and releases it on destroy", async () => {
    const e164 = await inventoryNumber("IN");
    stack = await vobizStack("exact", emulator, async () => {
      const number = new PhoneNumber("exact", { e164 });
      return { e164: number.e164, monthlyFee: number.monthlyFee };
    });
    const up = await stack.up();
    expect(up.outputs["e164"]?.value).toBe(e164);

    const [resource] = stack.resourcesOfType("PhoneNumber");
    expect(resource?.type).toBe("pulumi-nodejs:dynamic/vobiz:PhoneNumber");
    expect(resource?.id).toBe(e164);
    expect(resource?.outputs).toMatchObject({ e164, accountId: "MA_DEMO0001", status: "active", country: "IN", trunkGroupId: null });
    expect(await purchasesByNumber(emulator)).toMatchObject({ [e164]: 1 });
    expect((await emulator.control.getNumber(e164))?.owner).toBe("MA_DEMO0001");

    await expectCleanCycle(stack);

    await stack.destroy();
    expect(stack.resourcesOfType("PhoneNumber")).toEqual([]);
    const released = await emulator.control.getNumber(e164);
    expect(released?.status).toBe("pending_release");
    expect((await emulator.control.ledger()).filter((row) => row.e164 === e164).map((row) => row.kind)).toEqual(["purchase", "release_fee"]);
  });

  it("picks a number by criteria once and keeps it on later runs", async () => {
    stack = await vobizStack("criteria", emulator, async () => {
      const number = new PhoneNumber("criteria", { country: "US", excludePrefixes: ["1212"], maxMonthlyFee: 900 });
      return { e164: number.e164, country: number.country, monthlyFee: number.monthlyFee };
    });
    const up = await stack.up();
    const e164 = String(up.outputs["e164"]?.value);
    expect(e164).toMatch(/^\+1/);
    expect(e164.startsWith("+1212")).toBe(false);
    expect(up.outputs["country"]?.value).toBe("US");
    expect(Number(up.outputs["monthlyFee"]?.value)).toBeLessThanOrEqual(900);

    await expectCleanCycle(stack);
    const again = await stack.up();
    expect(again.summary.resourceChanges).toEqual({ same: 2 });
    expect(again.outputs["e164"]?.value).toBe(e164);
    expect(await purchasesByNumber(emulator)).toMatchObject({ [e164]: 1 });
  });

  it("routes a number to a trunk, moves it to an application in place, and assigns it to a sub-account", async () => {
    const e164 = await inventoryNumber("IN");
    let routing: { trunkGroupId?: string; applicationId?: string } = { trunkGroupId: "trunk-a" };
    let subAccountId = "SA_DEMO0001";
    stack = await vobizStack("routed", emulator, async () => {
      const number = new PhoneNumber("routed", { e164, ...routing });
      new SubAccountAssignment("routed-assignment", { e164: number.e164, subAccountId });
      return {};
    });
    // The assignment's e164 is unknown until the number exists: check and diff must accept that in a preview.
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ create: 3 });
    await stack.up();
    expect(await emulator.control.getNumber(e164)).toMatchObject({ trunk_group_id: "trunk-a", application_id: null, owner: "SA_DEMO0001" });
    await expectCleanCycle(stack);

    routing = { applicationId: "app-7" };
    subAccountId = "SA_DEMO0002";
    const moved = await stack.up();
    expect(moved.summary.resourceChanges).toMatchObject({ update: 2 });
    expect(moved.summary.resourceChanges?.["replace"]).toBeUndefined();
    expect(await emulator.control.getNumber(e164)).toMatchObject({ trunk_group_id: null, application_id: "app-7", owner: "SA_DEMO0002" });
    const [assignment] = stack.resourcesOfType("SubAccountAssignment");
    expect(assignment?.outputs).toMatchObject({ e164, subAccountId: "SA_DEMO0002", masterAccountId: "MA_DEMO0001", coolOff: null });
    await expectCleanCycle(stack);

    await stack.destroy();
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release", application_id: null });
    expect(await purchasesByNumber(emulator)).toMatchObject({ [e164]: 1 });
  });

  it("proposes no change when only the serialized provider code differs", async () => {
    const e164 = await inventoryNumber("US");
    stack = await vobizStack("provider-churn", emulator, async () => {
      new PhoneNumber("churn", { e164, trunkGroupId: "trunk-c" });
      return {};
    });
    await stack.up();
    // Make the recorded provider code differ from what the program serializes now, as after an upgrade.
    const deployment = await stack.stack.exportStack();
    const resources = (deployment.deployment as { resources: { type: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] }).resources;
    const recorded = resources.find((r) => r.type.endsWith(":PhoneNumber"));
    if (!recorded) throw new Error("the PhoneNumber is not in the exported state");
    for (const props of [recorded.inputs, recorded.outputs]) props["__provider"] = `// an older build of the provider\n${String(props["__provider"])}`;
    await stack.stack.importStack(deployment);
    expect(String(stack.resourcesOfType("PhoneNumber")[0]?.outputs?.["__provider"])).toContain("an older build");

    const preview = await stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 2 });
  });

  it("adopts a number the account already owns without buying it", async () => {
    const client = vobizClient(emulator);
    const e164 = await inventoryNumber("US");
    await client.purchaseNumber(e164);
    const ledgerBefore = (await emulator.control.ledger()).length;

    stack = await vobizStack("adopted", emulator, async () => {
      const number = new PhoneNumber("adopted", { e164, adopt: true, releaseMode: "immediate" });
      return { purchasedAt: number.purchasedAt };
    });
    const up = await stack.up();
    expect(up.outputs["purchasedAt"]?.value).toEqual(expect.any(String));
    expect((await emulator.control.ledger()).length).toBe(ledgerBefore);
    await expectCleanCycle(stack);

    await stack.destroy();
    expect((await emulator.control.getNumber(e164))?.status).toBe("released");
  });

  it("refuses to buy a number the account already owns unless it is adopted", async () => {
    const e164 = await inventoryNumber("IN");
    await vobizClient(emulator).purchaseNumber(e164);
    stack = await vobizStack("owned", emulator, async () => {
      new PhoneNumber("owned", { e164 });
      return {};
    });
    await expect(stack.up()).rejects.toThrow(/already owned by MA_DEMO0001.*set adopt: true/s);
    expect(await purchasesByNumber(emulator)).toMatchObject({ [e164]: 1 });
  });
});

// The same lifecycle as users run it: the quickstart folder, installed from the package's tarball, driven by
// the `pulumi` command; its settings change routing and the sub-account in place.
describe("the lifecycle in a project folder, through the pulumi command", () => {
  let emulator: RunningEmulator;
  let folderStack: ProjectStack | undefined;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
  });
  afterAll(async () => {
    await folderStack?.dispose();
    await emulator.close();
  });

  it("buys, re-routes and moves in place, keeps preview and refresh clean, and releases on destroy", async () => {
    const s = await ProjectStack.init({ dir: await installedProject(path.join(repoRoot, "examples", "quickstart")), name: "lifecycle-folder" });
    folderStack = s;
    await s.configure({ "vobiz:baseUrl": emulator.baseUrl, "vobiz:authId": emulator.credentials.master.authId }, { "vobiz:authToken": emulator.credentials.master.authToken });
    const created = await s.up();
    expect(created.stdout).toMatch(/Resources:\s+\+ 4 created/);
    const { supportNumber, salesNumber } = (await s.outputs()) as Record<string, string>;
    const support = supportNumber ?? "";
    const sales = salesNumber ?? "";
    expect(await purchasesByNumber(emulator)).toEqual({ [support]: 1, [sales]: 1 });
    await s.preview(["--expect-no-changes"]);
    await s.refresh(["--preview-only", "--expect-no-changes"]);

    await s.configure({ supportTrunkGroupId: "trunk-b", salesApplicationId: "app-b", salesSubAccountId: "SA_DEMO0002" });
    // The preview announces what the up does: three changes in place, no replacement.
    const changed = await s.up();
    expect(changed.stdout).toMatch(/Resources:\s+~ 3 to update\s+1 unchanged/);
    expect(changed.stdout).toMatch(/Resources:\s+~ 3 updated/);
    expect(changed.stdout).not.toMatch(/replace/);
    expect(await emulator.control.getNumber(support)).toMatchObject({ trunk_group_id: "trunk-b", owner: "MA_DEMO0001" });
    expect(await emulator.control.getNumber(sales)).toMatchObject({ application_id: "app-b", owner: "SA_DEMO0002" });
    expect(await purchasesByNumber(emulator)).toEqual({ [support]: 1, [sales]: 1 });
    await s.preview(["--expect-no-changes"]);
    await s.refresh(["--preview-only", "--expect-no-changes"]);

    const destroyed = await s.destroy();
    expect(destroyed.stdout).toMatch(/Resources:\s+- 4 deleted/);
    for (const e164 of [support, sales]) expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release" });
  });
});
