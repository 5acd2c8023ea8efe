import { unassignRespectingCoolOff } from "../../../provider/sub-account-assignment/cool-off";
import { useEmulator } from "../../helpers/emulator";
import { vobizClient } from "../../helpers/vobiz-stack";

const DAY = 86_400;

// The provider's sleep is replaced by a jump of the emulator's frozen clock, so an hour of waiting takes
// no time and every remaining time is exact.
describe("waiting out a sub-account cool-off", () => {
  const emulator = useEmulator();

  /** A number held by SA_DEMO0001 whose cool-off ends `secondsLeft` from now. */
  async function numberInCoolOff(index: number, secondsLeft: number): Promise<string> {
    const client = vobizClient(emulator());
    const e164 = (await client.listInventory({ country: "IN", search: "9122", perPage: 50 })).items[index]?.e164 ?? "";
    await client.purchaseNumber(e164);
    await client.assignSubAccount(e164, "SA_DEMO0001");
    const now = Date.parse((await emulator().control.freezeClock()).now);
    await emulator().control.setLastCall(e164, new Date(now - (15 * DAY - secondsLeft) * 1000));
    await emulator().control.resetRequests();
    return e164;
  }

  function recorder() {
    const pauses: number[] = [];
    const lines: string[] = [];
    const options = {
      force: false,
      log: (line: string) => lines.push(line),
      sleep: async (ms: number) => {
        pauses.push(ms / 1000);
        await emulator().control.advanceClock(ms / 1000);
      },
    };
    return { pauses, lines, options };
  }

  it("tries again after pauses that double, never past cool_off_until, saying how long is left", async () => {
    const e164 = await numberInCoolOff(0, 3600);
    const { pauses, lines, options } = recorder();

    const met = await unassignRespectingCoolOff(vobizClient(emulator()), e164, "SA_DEMO0001", { ...options, waitSeconds: 3600 });

    expect(pauses).toEqual([5, 10, 20, 40, 80, 160, 320, 600, 600, 600, 600, 565]);
    expect(met).toEqual({ until: expect.any(String), resolvedBy: "wait" });
    expect(Date.parse(await emulator().control.now())).toBe(Date.parse(met?.until ?? ""));
    expect(lines[0]).toMatch(new RegExp(`^\\${e164} is in its sub-account cool-off until \\S+ \\(1h left\\); next try in 5s, waiting at most 1h more`));
    expect(lines.at(-1)).toMatch(/\(9m 25s left\); next try in 9m 25s, waiting at most 9m 25s more/);
    const statuses = (await emulator().control.requests()).requests.filter((r) => r.route === "unassignSubAccount").map((r) => r.status);
    expect(statuses).toEqual([...pauses.map(() => 409), 204]);
    expect((await emulator().control.getNumber(e164))?.owner).toBe("MA_DEMO0001");
  });

  it("fails at once, waiting for nothing, when the cool-off outlasts the budget", async () => {
    const e164 = await numberInCoolOff(0, 2 * DAY);
    const { pauses, options } = recorder();

    const refused = unassignRespectingCoolOff(vobizClient(emulator()), e164, "SA_DEMO0001", { ...options, waitSeconds: 600 });

    await expect(refused).rejects.toThrow(/cool_off_until=\S+, 2d from now.*set force: true.*with admin credentials\.$/s);
    expect(pauses).toEqual([]);
    expect((await emulator().control.requests()).counters["DELETE unassignSubAccount"]).toBe(1);
    expect((await emulator().control.getNumber(e164))?.owner).toBe("SA_DEMO0001");
  });

  it("offers coolOffWaitSeconds as a way out only for a cool-off that ends within the hour", async () => {
    const e164 = await numberInCoolOff(0, 1800);
    const { options } = recorder();
    await expect(unassignRespectingCoolOff(vobizClient(emulator()), e164, "SA_DEMO0001", { ...options, waitSeconds: 60 })).rejects.toThrow(
      /set coolOffWaitSeconds to at least 1800 to let the provider wait \(currently 60\)/,
    );
  });
});
