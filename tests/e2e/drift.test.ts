import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { PhoneNumber, SubAccountAssignment } from "../../index";
import { installedProject } from "../../scripts/installed-project";
import { ProjectStack } from "../../scripts/project-stack";
import { StackOperationError, type TestStack } from "../helpers/pulumi-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { purchasesByNumber, startSeededEmulator, vobizClient, vobizStack } from "../helpers/vobiz-stack";

// Scheduled drift checks run `pulumi refresh --preview-only --expect-no-changes`: it must fail (non-zero exit)
// on every change made behind Pulumi's back, and `pulumi up --refresh` must converge again.
describe("drift made outside Pulumi", () => {
  let emulator: RunningEmulator;
  let stack: TestStack;
  let e164: string;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
    const inventory = await vobizClient(emulator).listInventory({ country: "IN", search: "9122", perPage: 1 });
    e164 = inventory.items[0]?.e164 ?? "";
    stack = await vobizStack("drift", emulator, async () => {
      const number = new PhoneNumber("drifting", { e164, trunkGroupId: "trunk-main" });
      new SubAccountAssignment("drifting-assignment", { e164: number.e164, subAccountId: "SA_DEMO0001" });
      return {};
    });
    await stack.up();
  });
  afterAll(async () => {
    await stack.dispose();
    await emulator.close();
  });

  async function expectDriftDetected(): Promise<void> {
    const check = stack.refresh({ previewOnly: true, expectNoChanges: true });
    await expect(check).rejects.toBeInstanceOf(StackOperationError);
    await expect(check).rejects.toThrow(/no changes were expected/);
  }

  async function expectConverged(): Promise<void> {
    await stack.up({ refresh: true });
    await stack.refresh({ previewOnly: true, expectNoChanges: true });
    await stack.preview({ expectNoChanges: true });
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "SA_DEMO0001", trunk_group_id: "trunk-main", status: "active" });
  }

  it("passes the drift check when nothing changed", async () => {
    const refresh = await stack.refresh({ previewOnly: true, expectNoChanges: true });
    expect(refresh.summary.result).toBe("succeeded");
  });

  it("catches a routing change and routes the number back", async () => {
    const client = vobizClient(emulator);
    await client.unassignTrunk(e164);
    await client.attachApplication(e164, "app-from-console");
    await expectDriftDetected();
    // Refreshed inputs replace the recorded ones, so the program now differs from the state.
    await stack.refresh();
    await expect(stack.preview({ expectNoChanges: true })).rejects.toThrow(/no changes were expected/);
    await expectConverged();
    expect((await emulator.control.getNumber(e164))?.application_id).toBeNull();
  });

  it("catches a reassignment to another sub-account and moves the number back", async () => {
    const client = vobizClient(emulator);
    await client.unassignSubAccount(e164);
    await client.assignSubAccount(e164, "SA_DEMO0002");
    await expectDriftDetected();
    await expectConverged();
  });

  it("catches an out-of-band release and gets the same number back by cancelling the release", async () => {
    await vobizClient(emulator).releaseNumber(e164);
    await expectDriftDetected();
    await expectConverged();
    expect(await purchasesByNumber(emulator)).toEqual({ [e164]: 1 });
    const kinds = (await emulator.control.ledger()).filter((row) => row.e164 === e164).map((row) => row.kind);
    expect(kinds).toEqual(["purchase", "release_fee", "refund"]);
  });
});

// A standard release can be cancelled for 24 hours, which keeps the same number and refunds the fee. A number
// chosen by criteria must therefore stay in state while its release is pending, or the next `up` would buy
// a different one.
describe("a criteria-chosen number released outside Pulumi", () => {
  let emulator: RunningEmulator;
  let stack: TestStack;
  let e164: string;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
    stack = await vobizStack("drift-release", emulator, async () => {
      const number = new PhoneNumber("pool-line", { country: "IN", contains: "9144", trunkGroupId: "trunk-pool" });
      return { e164: number.e164 };
    });
    e164 = String((await stack.up()).outputs["e164"]?.value);
  });
  afterAll(async () => {
    await stack.dispose();
    await emulator.close();
  });

  it("stays in state as pending_release, shows as an update, and up cancels the release with no purchase", async () => {
    await vobizClient(emulator).releaseNumber(e164);
    await expect(stack.refresh({ previewOnly: true, expectNoChanges: true })).rejects.toThrow(/no changes were expected/);
    await stack.refresh();
    expect(stack.resourcesOfType("PhoneNumber").map((r) => [r.id, r.outputs?.["status"]])).toEqual([[e164, "pending_release"]]);
    expect((await stack.preview()).changeSummary).toEqual({ update: 1, same: 1 });

    await emulator.control.resetRequests();
    expect((await stack.up()).summary.resourceChanges).toEqual({ update: 1, same: 1 });
    const counters = (await emulator.control.requests()).counters;
    expect(counters["POST cancelRelease"]).toBe(1);
    expect(counters["POST purchaseNumber"]).toBeUndefined();
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "active", trunk_group_id: "trunk-pool" });
    expect((await emulator.control.ledger()).filter((row) => row.e164 === e164).map((row) => row.kind)).toEqual(["purchase", "release_fee", "refund"]);
    await stack.refresh({ previewOnly: true, expectNoChanges: true });
    await stack.preview({ expectNoChanges: true });
  });

  it("leaves the state once the number has really left the account", async () => {
    await vobizClient(emulator).releaseNumber(e164, { immediate: true });
    await stack.refresh();
    expect(stack.resourcesOfType("PhoneNumber")).toEqual([]);
  });
});

// The scheduled drift check as a pipeline runs it: the `pulumi` command in a project folder.
describe("drift in a project folder, through the pulumi command", () => {
  let emulator: RunningEmulator;
  let folderStack: ProjectStack;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
    folderStack = await ProjectStack.init({ dir: await installedProject(path.join(repoRoot, "examples", "quickstart")), name: "drift-folder" });
    await folderStack.configure({ "vobiz:baseUrl": emulator.baseUrl, "vobiz:authId": emulator.credentials.master.authId }, { "vobiz:authToken": emulator.credentials.master.authToken });
    await folderStack.up();
  }, 300_000);
  afterAll(async () => {
    await folderStack.dispose();
    await emulator.close();
  });

  it("fails the drift check naming what changed, and pulumi up --refresh puts it back", async () => {
    const { supportNumber, salesNumber } = (await folderStack.outputs()) as Record<string, string>;
    const console = vobizClient(emulator);
    await console.unassignTrunk(supportNumber ?? "");
    await console.unassignSubAccount(salesNumber ?? "");
    await console.assignSubAccount(salesNumber ?? "", "SA_DEMO0002");

    const check = await folderStack.refresh(["--preview-only", "--expect-no-changes"], { expect: "failure" });
    expect(check.stdout).toMatch(/~ +pulumi-nodejs:dynamic\/vobiz:PhoneNumber support-line update \[diff: -trunkGroupId\]/);
    expect(check.stdout).toMatch(/~ +pulumi-nodejs:dynamic\/vobiz:SubAccountAssignment sales-line-to-sales-team update \[diff: ~subAccountId\]/);
    expect(check.stdout + check.stderr).toMatch(/no changes were expected for refresh but changes were proposed/);

    const purchasesBefore = Object.keys(await purchasesByNumber(emulator)).length;
    await folderStack.up(["--refresh"]);
    expect(await emulator.control.getNumber(supportNumber ?? "")).toMatchObject({ trunk_group_id: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f" });
    expect(await emulator.control.getNumber(salesNumber ?? "")).toMatchObject({ owner: "SA_DEMO0001" });
    expect(Object.keys(await purchasesByNumber(emulator))).toHaveLength(purchasesBefore);
    await folderStack.refresh(["--preview-only", "--expect-no-changes"]);
    await folderStack.preview(["--expect-no-changes"]);
  });
});
