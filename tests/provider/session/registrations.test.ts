import { Registrations } from "../../../provider/session/registrations";
import { deploymentTimings } from "../../../provider/session/timings";
import { FakeClock, settle, track } from "../../helpers/fake-clock";

// The waits of a pick by criteria for the program's registrations, on a clock the test moves.
describe("a pick waits for the program's registrations to settle", () => {
  let clock: FakeClock;
  let registrations: Registrations;
  beforeEach(() => {
    clock = new FakeClock();
    registrations = new Registrations(clock, deploymentTimings);
  });

  /** A step of the deployment (a create, update or delete) that runs until the returned function is called. */
  function runningStep(): () => void {
    let finish = (): void => undefined;
    void registrations.runningStep(() => new Promise<void>((resolve) => (finish = resolve)));
    return finish;
  }

  /** A pick by criteria: a step that waits for registrations to settle. */
  function pick() {
    return track(registrations.runningStep(() => registrations.settled()));
  }

  it("goes at once when nothing was registered in the deployment", async () => {
    const picking = pick();
    await settle();
    expect(picking.done()).toBe(true);
  });

  it("waits for a quiet second after the last registration while other steps run", async () => {
    const finish = runningStep();
    registrations.noteRegistration();
    const picking = pick();
    await clock.advance(deploymentTimings.registrationQuietMs - 1);
    expect(picking.done()).toBe(false);
    await clock.advance(1);
    expect(picking.done()).toBe(true);
    finish();
  });

  it("starts the quiet second again at each registration", async () => {
    const finish = runningStep();
    registrations.noteRegistration();
    const picking = pick();
    await clock.advance(900);
    registrations.noteRegistration();
    await clock.advance(900);
    expect(picking.done()).toBe(false);
    await clock.advance(100);
    expect(picking.done()).toBe(true);
    finish();
  });

  it("waits only a tenth of a second when every running step is a waiting pick, since no registration can come", async () => {
    registrations.noteRegistration();
    const picks = [pick(), pick()];
    await clock.advance(deploymentTimings.stalledQuietMs - 1);
    expect(picks.map((p) => p.done())).toEqual([false, false]);
    await clock.advance(1);
    expect(picks.map((p) => p.done())).toEqual([true, true]);
  });

  it("gives up after a minute of registrations that never pause", async () => {
    const finish = runningStep();
    registrations.noteRegistration();
    const picking = pick();
    for (let elapsed = 0; elapsed < deploymentTimings.registrationMaxWaitMs - 500; elapsed += 500) {
      await clock.advance(500);
      registrations.noteRegistration();
    }
    expect(picking.done()).toBe(false);
    await clock.advance(500);
    expect(picking.done()).toBe(true);
    finish();
  });

  it("lets a later pick go at once when an earlier one already judged the same registrations complete", async () => {
    registrations.noteRegistration();
    const first = pick();
    await clock.advance(deploymentTimings.stalledQuietMs);
    expect(first.done()).toBe(true);
    const finish = runningStep();
    const second = pick();
    await settle();
    expect(second.done()).toBe(true);
    finish();
  });
});
