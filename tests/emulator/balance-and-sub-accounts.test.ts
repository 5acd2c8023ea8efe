import { callApi, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();
const MASTER = "MA_DEMO0001";

describe("GET /Account/{id}/balance/{currency}", () => {
  it("returns the documented fields with the seed master's balances", async () => {
    const inr = await callApi(emulator(), "GET", `/v1/Account/${MASTER}/balance/INR`);
    const usd = await callApi(emulator(), "GET", `/v1/Account/${MASTER}/balance/USD`);
    expect(inr.status).toBe(200);
    expect(Object.keys(inr.body).sort()).toEqual(
      [
        "id", "account_id", "currency", "balance", "reserved_funds", "promotional_balance", "promotional_reserved_balance",
        "available_balance", "credit_limit", "is_postpaid", "credit_limit_type", "low_balance_threshold", "status",
        "created_at", "updated_at",
      ].sort(),
    );
    expect(inr.body).toMatchObject({ account_id: MASTER, currency: "INR", balance: 50000, available_balance: 50000, is_postpaid: false });
    expect(usd.body).toMatchObject({ currency: "USD", balance: 200 });
  });

  it("shows a sub-account the parent's wallet, which pays for its purchases", async () => {
    const sub = emulator().credentials.subAccounts[0];
    const res = await callApi(emulator(), "GET", `/v1/Account/${sub?.authId}/balance/INR`, { auth: sub ?? null });
    expect(res.body).toMatchObject({ account_id: MASTER, balance: 50000 });
  });

  it("reads a currency the wallet never held as 0 and refuses a malformed one with 400", async () => {
    const eur = await callApi(emulator(), "GET", `/v1/Account/${MASTER}/balance/EUR`);
    const bad = await callApi(emulator(), "GET", `/v1/Account/${MASTER}/balance/rupees`);
    expect(eur.body).toMatchObject({ currency: "EUR", balance: 0 });
    expect(bad.status).toBe(400);
  });
});

describe("sub-accounts", () => {
  it("lists the master's sub-accounts newest first, tokens redacted, with total, page and size", async () => {
    const res = await callApi(emulator(), "GET", `/v1/accounts/${MASTER}/sub-accounts/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, size: 25 });
    expect(res.body.sub_accounts.map((s: { auth_id: string }) => s.auth_id)).toEqual(["SA_DEMO0002", "SA_DEMO0001"]);
    expect(res.body.sub_accounts[0]).toMatchObject({
      parent_auth_id: MASTER,
      auth_token: "<redacted>",
      account: `/v1/Account/${MASTER}/`,
      resource_uri: `/v1/Account/${MASTER}/Subaccount/SA_DEMO0002/`,
    });
    expect(JSON.stringify(res.body)).not.toContain("emu-token-SA_");
  });

  it("pages with size", async () => {
    const res = await callApi(emulator(), "GET", `/v1/accounts/${MASTER}/sub-accounts/?size=1&page=2`);
    expect(res.body.sub_accounts.map((s: { auth_id: string }) => s.auth_id)).toEqual(["SA_DEMO0001"]);
    expect(res.body).toMatchObject({ total: 2, page: 2, size: 1 });
  });

  it("gets one sub-account, and answers 404 for one that is not the master's child", async () => {
    const one = await callApi(emulator(), "GET", `/v1/accounts/${MASTER}/sub-accounts/SA_DEMO0001`);
    const other = await callApi(emulator(), "GET", `/v1/accounts/${MASTER}/sub-accounts/SA_UNKNOWN1`);
    expect(one.body).toMatchObject({ auth_id: "SA_DEMO0001", auth_token: "<redacted>", enabled: true });
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: "not_found", message: "sub-account not found" });
  });

  it("refuses sub-account credentials with 403", async () => {
    const sub = emulator().credentials.subAccounts[0];
    const res = await callApi(emulator(), "GET", `/v1/accounts/${sub?.authId}/sub-accounts/`, { auth: sub ?? null });
    expect(res.status).toBe(403);
  });
});
