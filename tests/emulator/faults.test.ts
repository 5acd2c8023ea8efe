import type { Credentials } from "../../emulator";
import { callApi, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();

const buyer: Credentials = { authId: "MA_FLT00001", authToken: "token-MA_FLT00001" };
const number = (i: number): string => `+1212555020${i}`;
const control = () => emulator().control;
const purchase = (e164: string) =>
  callApi(emulator(), "POST", `/v1/Account/${buyer.authId}/numbers/purchase-from-inventory`, { auth: buyer, body: { e164 } });

beforeAll(async () => {
  await control().seedAccount({ auth_id: buyer.authId, auth_token: buyer.authToken, balances: { INR: 100000 } });
  await control().addInventory(
    Array.from({ length: 8 }, (_, i) => ({ e164: number(i), country: "US", region: "NY", setup_fee: 50, monthly_fee: 300, currency: "INR" })),
  );
});

afterEach(async () => {
  await control().clearFaults();
});

describe("injected faults", () => {
  it("answers an injected 429 with Retry-After and the catalog body, without performing the request", async () => {
    await control().injectFault({ kind: "status", status: 429, retry_after_seconds: 7, match: { method: "POST", path_contains: "purchase-from-inventory" } });
    const limited = await purchase(number(0));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.body).toEqual({ error: "RATE_LIMIT_EXCEEDED", message: "rate limit exceeded" });
    expect((await control().getNumber(number(0)))?.stage).toBe("inventory");

    const retried = await purchase(number(0));
    expect(retried.status).toBe(200);
  });

  it("hits as many matching requests as times says, and only those", async () => {
    await control().injectFault({ kind: "status", status: 503, times: 2, match: { method: "GET", path_contains: "/numbers" } });
    const balance = await callApi(emulator(), "GET", `/v1/Account/${buyer.authId}/balance/INR`, { auth: buyer });
    const first = await callApi(emulator(), "GET", `/v1/Account/${buyer.authId}/numbers`, { auth: buyer });
    const second = await callApi(emulator(), "GET", `/v1/Account/${buyer.authId}/inventory/numbers`, { auth: buyer });
    const third = await callApi(emulator(), "GET", `/v1/Account/${buyer.authId}/numbers`, { auth: buyer });
    expect([balance.status, first.status, second.status, third.status]).toEqual([200, 503, 503, 200]);
    expect(first.body).toEqual({ error: "service_unavailable", message: "injected fault: HTTP 503" });
    expect(await control().faults()).toEqual([]);
  });

  it("matches path_contains against the decoded path too, and sends a given body", async () => {
    await control().injectFault({ kind: "status", status: 500, body: { error: "boom" }, match: { path_contains: number(7) } });
    const res = await callApi(emulator(), "DELETE", `/v1/Account/${buyer.authId}/numbers/${encodeURIComponent(number(7))}`, { auth: buyer });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: "boom" });
  });

  it("drops the connection on a reset fault without performing the request", async () => {
    await control().injectFault({ kind: "reset", match: { path_contains: "purchase-from-inventory" } });
    await expect(purchase(number(1))).rejects.toThrow();
    expect((await control().getNumber(number(1)))?.stage).toBe("inventory");
    const { requests } = await control().requests();
    expect(requests.filter((r) => r.fault === "reset").at(-1)).toMatchObject({ route: "purchaseNumber", status: null });
  });

  it("performs the request for real on commit-then-502 and then answers 502", async () => {
    await control().injectFault({ kind: "commit-then-502", match: { path_contains: "purchase-from-inventory" } });
    const res = await purchase(number(2));
    expect(res.status).toBe(502);
    expect(res.body.error).toBe("bad_gateway");
    expect((await control().getNumber(number(2)))?.owner).toBe(buyer.authId);
    expect((await control().ledger()).filter((e) => e.e164 === number(2))).toEqual([
      expect.objectContaining({ kind: "purchase", amount: -350 }),
    ]);
  });

  it("holds a latency-faulted request while others are answered, then answers it normally", async () => {
    await control().injectFault({ kind: "latency", latency_ms: 3000, match: { path_contains: "purchase-from-inventory" } });
    let settled = false;
    const slow = purchase(number(3)).finally(() => {
      settled = true;
    });
    // Control requests are never faulted, so this one overtakes the held purchase.
    await control().faults();
    const overtaken = !settled;
    const res = await slow;
    expect(overtaken).toBe(true);
    expect(res.status).toBe(200);
    const { requests } = await control().requests();
    expect(requests.filter((r) => r.route === "purchaseNumber").at(-1)).toMatchObject({ fault: "latency", status: 200 });
  });

  it("never applies to control requests and is cleared by clearFaults", async () => {
    await control().injectFault({ kind: "status", status: 500 });
    expect(typeof (await control().now())).toBe("string");
    expect(await control().faults()).toHaveLength(1);
    await control().clearFaults();
    const res = await purchase(number(4));
    expect(res.status).toBe(200);
  });

  it("hits about the given share of matching requests, the same ones again for the same seed", async () => {
    const balance = () => callApi(emulator(), "GET", `/v1/Account/${buyer.authId}/balance/INR`, { auth: buyer });
    const pattern = async (seed: number): Promise<string> => {
      await control().clearFaults();
      await control().injectFault({ kind: "status", status: 503, probability: 0.3, seed, times: 1000, match: { path_contains: "/balance/" } });
      let hits = "";
      for (let i = 0; i < 200; i++) hits += (await balance()).status === 503 ? "x" : ".";
      return hits;
    };
    const first = await pattern(7);
    const hits = first.split("").filter((c) => c === "x").length;
    expect(hits).toBeGreaterThan(40);
    expect(hits).toBeLessThan(80);
    expect((await control().faults())[0]).toMatchObject({ probability: 0.3, seed: 7, remaining: 1000 - hits });
    expect(await pattern(7)).toBe(first);
    expect(await pattern(8)).not.toBe(first);
  });

  it("leaves a request that a fault spares to the faults queued after it, and counts only hits against times", async () => {
    const list = () => callApi(emulator(), "GET", `/v1/Account/${buyer.authId}/numbers`, { auth: buyer });
    await control().injectFault({ kind: "status", status: 503, probability: 0.5, seed: 3, times: 2, match: { path_contains: "/numbers" } });
    await control().injectFault({ kind: "status", status: 500, times: 1000, match: { path_contains: "/numbers" } });
    const statuses: number[] = [];
    while (statuses.filter((s) => s === 503).length < 2) statuses.push((await list()).status);
    expect(new Set(statuses)).toEqual(new Set([500, 503]));
    expect((await control().faults()).map((f) => [f.kind === "status" && f.status, f.remaining])).toEqual([[500, 1000 - statuses.filter((s) => s === 500).length]]);
  });

  it("refuses a probability outside (0, 1] and a seed that is not a whole number, with 400", async () => {
    for (const bad of [{ probability: 0 }, { probability: 1.5 }, { probability: 0.5, seed: 1.5 }, { probability: 0.5, seed: -1 }]) {
      await expect(control().injectFault({ kind: "reset", ...bad })).rejects.toMatchObject({ status: 400 });
    }
    expect(await control().faults()).toEqual([]);
  });

  it("refuses a fault of an unknown kind with 400", async () => {
    await expect(control().injectFault({ kind: "explode" } as never)).rejects.toMatchObject({ status: 400 });
  });
});
