import type { RunningEmulator } from "../../emulator";
import { e2eSuite, type AssignmentArgs } from "../helpers/e2e-suite";
import { testRandom } from "../helpers/test-seed";

const DAY = 86_400;
const random = testRandom();

// Unassigning a number that took a call in the last 15 days is refused with 409 did_cool_off_in_effect.
// The emulator's clock is frozen, so every remaining time the tests read is exact.
describe(`the sub-account cool-off through pulumi destroy and up ${random.label}`, () => {
  const suite = e2eSuite({
    afterEachTest: async (emulator) => {
      await emulator.control.setAdmin("MA_DEMO0001", false);
      await emulator.control.changeClock({ advance_seconds: 16 * DAY });
    },
  });
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = suite.emulator();
    await emulator.control.freezeClock();
  });

  /** A stack holding one bought number assigned to a sub-account, whose last call was `secondsAgo` ago. */
  async function assignedNumber(name: string, args: AssignmentArgs, secondsAgo: number) {
    const assigned = await suite.assignedNumberStack(name, random, args);
    const now = Date.parse(await emulator.control.now());
    await emulator.control.setLastCall(assigned.e164, new Date(now - secondsAgo * 1000));
    return assigned;
  }

  it("fails destroy with the cool-off's end and the ways out, keeps the assignment, and succeeds once it has passed", async () => {
    const { e164, stack: s } = await assignedNumber("cooloff", { subAccountId: "SA_DEMO0001" }, 1 * DAY);

    const refused = s.destroy();
    await expect(refused).rejects.toThrow(/did_cool_off_in_effect/);
    await expect(refused).rejects.toThrow(/cool_off_until=\d{4}-\d\d-\d\dT/);
    await expect(refused).rejects.toThrow(/14d from now/);
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

  it("waits out a cool-off that ends within coolOffWaitSeconds, saying how long is left", async () => {
    const { e164, stack: s } = await assignedNumber("cooloff-wait", { subAccountId: "SA_DEMO0001", coolOffWaitSeconds: 120 }, 15 * DAY - 20);
    await emulator.control.resetRequests();
    const destroy = s.destroy();
    // The clock stands still until the provider has met the cool-off once; then the 20 seconds pass at once.
    await waitFor(async () => (await emulator.control.requests()).requests.some((r) => r.route === "unassignSubAccount" && r.status === 409));
    await emulator.control.advanceClock(20);
    const done = await destroy;

    expect(done.stdout + done.stderr).toMatch(/in its sub-account cool-off until \S+ \(20s left\); next try in \d+s/);
    expect(await emulator.control.getNumber(e164)).toMatchObject({ owner: "MA_DEMO0001", status: "pending_release" });
    const unassigns = (await emulator.control.requests()).requests.filter((r) => r.route === "unassignSubAccount").map((r) => r.status);
    expect(unassigns).toEqual([409, 204]);
  });
});

/** Polls `condition` every 200 ms until it holds; fails after 60 seconds. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("waitFor: the condition did not hold within 60 seconds");
}
