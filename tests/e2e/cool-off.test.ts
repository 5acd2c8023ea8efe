import type { RunningEmulator } from "../../emulator";
import { PhoneNumber, SubAccountAssignment, type SubAccountAssignmentArgs } from "../../index";
import type { TestStack } from "../helpers/pulumi-stack";
import { startSeededEmulator, vobizClient, vobizStack } from "../helpers/vobiz-stack";

const DAY = 86_400;

// Unassigning a number that took a call in the last 15 days is refused with 409 did_cool_off_in_effect.
describe("the sub-account cool-off through pulumi destroy and up", () => {
  let emulator: RunningEmulator;
  let stack: TestStack | undefined;

  beforeAll(async () => {
    emulator = await startSeededEmulator();
  });
  afterEach(async () => {
    await emulator.control.setAdmin("MA_DEMO0001", false);
    await emulator.control.changeClock({ advance_seconds: 16 * DAY });
    await stack?.dispose();
    stack = undefined;
  });
  afterAll(() => emulator.close());

  /** A stack holding one bought number assigned to a sub-account, whose last call was `secondsAgo` ago. */
  async function assignedNumber(name: string, args: Omit<SubAccountAssignmentArgs, "e164">, secondsAgo: number) {
    const inventory = await vobizClient(emulator).listInventory({ country: "IN", perPage: 100 });
    const e164 = inventory.items[Math.floor(Math.random() * inventory.items.length)]?.e164 ?? "";
    let assignment: Omit<SubAccountAssignmentArgs, "e164"> = args;
    const s = await vobizStack(name, emulator, async () => {
      const number = new PhoneNumber("number", { e164 });
      new SubAccountAssignment("assignment", { e164: number.e164, ...assignment });
      return {};
    });
    stack = s;
    await s.up();
    const now = Date.parse(await emulator.control.now());
    await emulator.control.setLastCall(e164, new Date(now - secondsAgo * 1000));
    return { e164, stack: s, reassign: (next: Omit<SubAccountAssignmentArgs, "e164">) => (assignment = next) };
  }

  it("fails destroy with the cool-off's end and the ways out, keeps the assignment, and succeeds once it has passed", async () => {
    const { e164, stack: s } = await assignedNumber("cooloff", { subAccountId: "SA_DEMO0001" }, 1 * DAY);

    const refused = s.destroy();
    await expect(refused).rejects.toThrow(/did_cool_off_in_effect/);
    await expect(refused).rejects.toThrow(/cool_off_until=\d{4}-\d\d-\d\dT/);
    await expect(refused).rejects.toThrow(/13d 23h from now/);
    await expect(refused).rejects.toThrow(/force: true/);
    expect(s.resourcesOfType("SubAccountAssignment").map((r) => r.outputs?.["subAccountId"])).toEqual(["SA_DEMO0001"]);
    expect(s.resourcesOfType("PhoneNumber")).toHaveLength(1);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "SA_DEMO0001", status: "active" });

    await emulator.control.advanceClock(14 * DAY + 60);
    await s.destroy();
    expect(s.resourcesOfType("SubAccountAssignment")).toEqual([]);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release" });
  });

  it("keeps the old sub-account in state when a move is refused by the cool-off", async () => {
    const { e164, stack: s, reassign } = await assignedNumber("cooloff-move", { subAccountId: "SA_DEMO0001" }, 2 * DAY);
    reassign({ subAccountId: "SA_DEMO0002" });
    await expect(s.up()).rejects.toThrow(/Cannot move .* out of sub-account SA_DEMO0001 yet/);
    expect(s.resourcesOfType("SubAccountAssignment")[0]?.outputs?.["subAccountId"]).toBe("SA_DEMO0001");
    expect((await emulator.control.getNumber(e164))?.owner).toBe("SA_DEMO0001");
    await s.refresh({ previewOnly: true, expectNoChanges: true });
  });

  it("forces the unassign with admin credentials and records the cool-off it overrode", async () => {
    await emulator.control.setAdmin("MA_DEMO0001", true);
    const { e164, stack: s, reassign } = await assignedNumber("cooloff-force", { subAccountId: "SA_DEMO0001", force: true }, 3 * DAY);
    reassign({ subAccountId: "SA_DEMO0002", force: true });
    await s.up();
    const [assignment] = s.resourcesOfType("SubAccountAssignment");
    expect(assignment?.outputs).toMatchObject({ subAccountId: "SA_DEMO0002", coolOff: { resolvedBy: "force", until: expect.any(String) } });
    expect((await emulator.control.getNumber(e164))?.owner).toBe("SA_DEMO0002");
    expect((await emulator.control.audit()).filter((row) => row.e164 === e164)).toHaveLength(1);
  });

  it("refuses force without admin credentials and keeps the assignment", async () => {
    const { e164, stack: s } = await assignedNumber("cooloff-nonadmin", { subAccountId: "SA_DEMO0001", force: true }, 3 * DAY);
    await expect(s.destroy()).rejects.toThrow(/admin/);
    expect(s.resourcesOfType("SubAccountAssignment")).toHaveLength(1);
    expect((await emulator.control.getNumber(e164))?.owner).toBe("SA_DEMO0001");
    expect((await emulator.control.audit()).filter((row) => row.e164 === e164)).toEqual([]);
  });

  // 20 seconds of cool-off left when the destroy starts: long enough that the CLI's start-up cannot outlast it.
  it("waits out a cool-off that ends within coolOffWaitSeconds, printing its progress", async () => {
    const { e164, stack: s } = await assignedNumber("cooloff-wait", { subAccountId: "SA_DEMO0001", coolOffWaitSeconds: 120 }, 15 * DAY - 20);
    const destroy = await s.destroy();
    expect(destroy.stdout + destroy.stderr).toMatch(/in its sub-account cool-off until .*; waiting/);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release" });
  });
});
