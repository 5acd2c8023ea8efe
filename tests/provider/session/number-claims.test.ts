import { Claimant, NumberClaims } from "../../../provider/session/number-claims";
import { settle, track } from "../../helpers/fake-clock";

// Who may buy a number in a deployment: a queue, not a timer.
describe("holding a number for one operation of a deployment", () => {
  const E164 = "+14155550100";
  const first = new Claimant("the first");
  const second = new Claimant("the second");

  it("refuses a second holder while the first holds the number, and lets it in once the first lets go", async () => {
    const claims = new NumberClaims();
    expect(claims.tryHold(E164, first)).toBe(true);
    expect(claims.tryHold(E164, second)).toBe(false);
    const waiting = track(claims.hold(E164, second));
    await settle();
    expect(waiting.done()).toBe(false);
    claims.release(E164, first);
    await settle();
    expect(waiting.done()).toBe(true);
    expect(claims.isHeldByAnother(E164, first)).toBe(true);
  });

  it("ignores a release by an operation that does not hold the number", () => {
    const claims = new NumberClaims();
    claims.tryHold(E164, first);
    claims.release(E164, second);
    expect(claims.isHeldByAnother(E164, second)).toBe(true);
  });

  it("lets go however the work done while holding ends", async () => {
    const claims = new NumberClaims();
    await expect(claims.holding(E164, first, () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    expect(claims.tryHold(E164, second)).toBe(true);
  });

  it("keeps picks off a number that is held, reserved, or bought in the deployment, for the rest of it", () => {
    const claims = new NumberClaims();
    const [held, reserved, bought, free] = ["+14155550101", "+14155550102", "+14155550103", "+14155550104"];
    claims.tryHold(held, first);
    claims.reserve(reserved);
    claims.recordPurchase(bought, second);
    expect([held, reserved, bought, free].map((e164) => claims.isFreeForPick(e164))).toEqual([false, false, false, true]);
    expect(claims.buyerOf(bought)).toBe(second);
  });
});
