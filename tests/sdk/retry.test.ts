import { backoffDelay, RetryBudget, shouldRetry } from "../../sdk/retry";
import { ConnectionError, CoolOffError, RateLimitedError, ServerError } from "../../sdk";

const fields = { method: "GET", path: "/v1/x" };

describe("backoffDelay", () => {
  it("doubles its ceiling with each retry and caps it at 8 s (full jitter up to the ceiling)", () => {
    const almostOne = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => backoffDelay(retry, undefined, almostOne))).toEqual([
      499, 999, 1999, 3999, 7999, 7999, 7999,
    ]);
  });

  it("can wait no time at all when the jitter draws zero", () => {
    expect(backoffDelay(3, undefined, () => 0)).toBe(0);
  });

  it("never waits less than Retry-After, even beyond the cap", () => {
    expect(backoffDelay(1, 3_000, () => 0)).toBe(3_000);
    expect(backoffDelay(6, 30_000, () => 0.999)).toBe(30_000);
  });
});

describe("shouldRetry", () => {
  it("resends any method after a 429, since Vobiz refused before acting", () => {
    const error = new RateLimitedError("m", { ...fields, status: 429 }, 1000);
    expect(shouldRetry(error, "POST")).toBe(true);
    expect(shouldRetry(error, "DELETE")).toBe(true);
  });

  it("resends a read after 502/503/504 or a connection failure, but not a write", () => {
    for (const status of [502, 503, 504]) {
      const error = new ServerError("m", { ...fields, status });
      expect(error.retryable).toBe(true);
      expect(shouldRetry(error, "GET")).toBe(true);
      expect(shouldRetry(error, "POST")).toBe(false);
    }
    const reset = new ConnectionError("m", fields, false);
    expect(shouldRetry(reset, "GET")).toBe(true);
    expect(shouldRetry(reset, "DELETE")).toBe(false);
  });

  it("does not resend a read after a 500", () => {
    const error = new ServerError("m", { ...fields, status: 500 });
    expect(error.retryable).toBe(false);
    expect(shouldRetry(error, "GET")).toBe(false);
  });

  it("never waits out a cool-off, though it is retryable later", () => {
    const error = new CoolOffError("m", { ...fields, method: "DELETE", status: 409 }, new Date(), 60);
    expect(error.retryable).toBe(true);
    expect(shouldRetry(error, "DELETE")).toBe(false);
  });
});

describe("RetryBudget", () => {
  it("counts requested waits, so an instant fake sleep still spends the budget", () => {
    const budget = new RetryBudget(10_000);
    budget.charge(6_000);
    expect(budget.allows(3_000)).toBe(true);
    expect(budget.allows(4_000)).toBe(false);
    expect(budget.spentMs).toBe(6_000);
  });
});
