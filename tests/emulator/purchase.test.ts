import type { Credentials } from "../../emulator";
import { callApi, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();

const master: Credentials = { authId: "MA_BUY00001", authToken: "token-MA_BUY00001" };
const sub: Credentials = { authId: "SA_BUY00001", authToken: "token-SA_BUY00001" };
const rival: Credentials = { authId: "MA_BUY00002", authToken: "token-MA_BUY00002" };
const number = (i: number): string => `+9199200000${String(i).padStart(2, "0")}`;

async function purchase(who: Credentials, body: unknown) {
  return callApi(emulator(), "POST", `/v1/Account/${who.authId}/numbers/purchase-from-inventory`, { auth: who, body });
}

async function balance(who: Credentials): Promise<number> {
  const res = await callApi(emulator(), "GET", `/v1/Account/${who.authId}/balance/INR`, { auth: who });
  return res.body.balance;
}

async function ledgerFor(e164: string) {
  return (await emulator().control.ledger()).filter((e) => e.e164 === e164);
}

beforeAll(async () => {
  const { control } = emulator();
  await control.seedAccount({ auth_id: master.authId, auth_token: master.authToken, balances: { INR: 5000 } });
  await control.seedAccount({ auth_id: sub.authId, auth_token: sub.authToken, parent_id: master.authId });
  await control.seedAccount({ auth_id: rival.authId, auth_token: rival.authToken, balances: { INR: 5000 } });
  await control.addInventory(
    Array.from({ length: 10 }, (_, i) => ({
      e164: number(i),
      country: "IN",
      region: "Karnataka",
      setup_fee: 100,
      monthly_fee: 300,
      currency: "INR",
    })),
  );
  await control.freezeClock();
});

describe("POST /Account/{id}/numbers/purchase-from-inventory", () => {
  it("gives the number to the caller, debits setup_fee + monthly_fee and answers the documented body", async () => {
    const before = await balance(master);
    const now = await emulator().control.now();
    const res = await purchase(master, { e164: number(0) });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe("Number purchased successfully");
    expect(res.body.number).toMatchObject({
      account_id: master.authId,
      e164: number(0),
      status: "active",
      source: "inventory",
      tags: [],
      trunk_group_id: null,
      purchased_at: now,
      last_billing_date: now,
    });
    expect(await balance(master)).toBe(before - 400);
    expect(await ledgerFor(number(0))).toEqual([
      expect.objectContaining({ account_id: master.authId, kind: "purchase", amount: -400, currency: "INR", balance_after: before - 400, at: now }),
    ]);
    expect((await emulator().control.getNumber(number(0)))?.owner).toBe(master.authId);
  });

  it("charges a sub-account's purchase to its parent master and gives the number to the sub-account", async () => {
    const masterBefore = (await emulator().control.getAccount(master.authId)).balances["INR"];
    const res = await purchase(sub, { e164: number(1) });
    expect(res.status).toBe(200);
    expect(res.body.number.account_id).toBe(sub.authId);
    expect((await emulator().control.getAccount(master.authId)).balances["INR"]).toBe((masterBefore ?? 0) - 400);
    expect((await emulator().control.getAccount(sub.authId)).balances).toEqual({});
    expect(await ledgerFor(number(1))).toEqual([expect.objectContaining({ account_id: master.authId, kind: "purchase", amount: -400 })]);
  });

  it("answers 404 for a number owned by anyone, including the caller, and for an unknown number", async () => {
    await purchase(master, { e164: number(2) });
    const again = await purchase(master, { e164: number(2) });
    const byRival = await purchase(rival, { e164: number(2) });
    const unknown = await purchase(master, { e164: "+919920999999" });
    for (const res of [again, byRival, unknown]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: "not_found", message: "number not found in inventory" });
    }
    expect(await ledgerFor(number(2))).toHaveLength(1);
    expect((await emulator().control.getAccount(rival.authId)).balances["INR"]).toBe(5000);
  });

  it("answers the documented 500 on a short balance, debiting nothing and leaving the number in inventory", async () => {
    await emulator().control.setBalance(rival.authId, "INR", 399);
    const res = await purchase(rival, { e164: number(3) });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: "internal_server_error", message: "failed to purchase number" });
    expect(await balance(rival)).toBe(399);
    expect(await ledgerFor(number(3))).toEqual([]);
    expect((await emulator().control.getNumber(number(3)))?.stage).toBe("inventory");
    const listed = await callApi(emulator(), "GET", `/v1/Account/${rival.authId}/inventory/numbers?search=${number(3).slice(1)}`, {
      auth: rival,
    });
    expect(listed.body.total).toBe(1);
  });

  it("buys with exactly enough balance, leaving zero", async () => {
    await emulator().control.setBalance(rival.authId, "INR", 400);
    const res = await purchase(rival, { e164: number(4) });
    expect(res.status).toBe(200);
    expect(await balance(rival)).toBe(0);
  });

  it("debits in the number's currency even when the body names another", async () => {
    const before = (await emulator().control.getAccount(master.authId)).balances;
    const res = await purchase(master, { e164: number(5), currency: "USD" });
    const after = (await emulator().control.getAccount(master.authId)).balances;
    expect(res.status).toBe(200);
    expect(after["INR"]).toBe((before["INR"] ?? 0) - 400);
    expect(after["USD"]).toBe(before["USD"]);
  });

  it("refuses a body without an e164 with 400", async () => {
    const res = await purchase(master, { number: number(6) });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid request", message: "e164 is required and must be a non-empty string" });
    expect((await emulator().control.getNumber(number(6)))?.stage).toBe("inventory");
  });
});
