import { callApi, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();
const MASTER = "MA_DEMO0001";

beforeEach(async () => {
  await emulator().control.resetRequests();
});

describe("the request log", () => {
  it("records method, path with query, route, status, auth id and time, and counts public calls by METHOD route", async () => {
    await callApi(emulator(), "GET", `/v1/Account/${MASTER}/numbers?page=1&per_page=5`);
    await callApi(emulator(), "GET", `/v1/Account/${MASTER}/numbers`);
    await callApi(emulator(), "GET", `/v1/Account/${MASTER}/inventory/numbers?exclude=9180`);
    await callApi(emulator(), "GET", `/v1/account/${MASTER}/numbers`);
    await emulator().control.now();

    const report = await emulator().control.requests();

    expect(report.counters).toEqual({ "GET listNumbers": 2, "GET listInventory": 1, "GET notFound": 1 });
    expect(report.total).toBe(4);
    expect(report.requests[0]).toEqual({
      seq: expect.any(Number),
      api: "public",
      method: "GET",
      path: `/api/v1/Account/${MASTER}/numbers?page=1&per_page=5`,
      route: "listNumbers",
      status: 200,
      auth_id: MASTER,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(report.requests.map((r) => [r.api, r.route, r.status])).toEqual([
      ["public", "listNumbers", 200],
      ["public", "listNumbers", 200],
      ["public", "listInventory", 200],
      ["public", "notFound", 404],
      ["control", "getClock", 200],
    ]);
  });

  it("records refused requests with the auth id they claimed", async () => {
    await callApi(emulator(), "GET", `/v1/Account/${MASTER}/numbers`, { auth: { authId: MASTER, authToken: "wrong-token-123" } });
    const { requests, counters } = await emulator().control.requests();
    expect(requests[0]).toMatchObject({ route: "listNumbers", status: 401, auth_id: MASTER });
    expect(counters["GET listNumbers"]).toBe(1);
  });

  it("never contains a token: not from headers, Basic auth, or a token pasted into the query", async () => {
    const { master, subAccounts } = emulator().credentials;
    const wrongToken = "not-the-right-token-xyz";
    await callApi(emulator(), "GET", `/v1/Account/${MASTER}/numbers?auth_token=${master.authToken}&x=${encodeURIComponent(wrongToken)}`, {
      auth: { authId: MASTER, authToken: wrongToken },
    });
    await callApi(emulator(), "GET", `/v1/Account/${MASTER}/numbers?leak=${master.authToken}`);
    await callApi(emulator(), "POST", `/v1/account/${MASTER}/numbers/%2B918000000000/cancel-release`, {
      auth: null,
      headers: { authorization: `Basic ${Buffer.from(`${MASTER}:${master.authToken}`).toString("base64")}` },
    });
    const report = await emulator().control.requests();
    const text = JSON.stringify(report);
    expect(report.requests).toHaveLength(3);
    for (const token of [master.authToken, wrongToken, ...subAccounts.map((s) => s.authToken)]) {
      expect(text).not.toContain(token);
    }
    expect(report.requests[1]?.path).toBe(`/api/v1/Account/${MASTER}/numbers?leak=[redacted]`);
    expect(report.requests[2]?.auth_id).toBe(MASTER);
  });

  it("starts again from zero after resetRequests", async () => {
    await callApi(emulator(), "GET", `/v1/Account/${MASTER}/numbers`);
    await emulator().control.resetRequests();
    const report = await emulator().control.requests();
    expect(report).toEqual({ requests: [], counters: {}, total: 0 });
  });
});
