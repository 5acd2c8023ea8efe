import type { Credentials } from "../../emulator";
import { callApi, inPath, useEmulator } from "../helpers/emulator";

// This file moves the virtual clock forward by days, so it owns its emulator and its numbers.
const emulator = useEmulator();

const HOUR = 3600;
const DAY = 24 * HOUR;
const master: Credentials = { authId: "MA_REL00001", authToken: "token-MA_REL00001" };
const sub: Credentials = { authId: "SA_REL00001", authToken: "token-SA_REL00001" };
const stranger: Credentials = { authId: "MA_REL00002", authToken: "token-MA_REL00002" };
const number = (i: number): string => `+9199300000${String(i).padStart(2, "0")}`;

const control = () => emulator().control;
const release = (who: Credentials, e164: string, query = "") =>
  callApi(emulator(), "DELETE", `/v1/Account/${who.authId}/numbers/${inPath(e164)}${query}`, { auth: who });
const cancel = (who: Credentials, e164: string) =>
  callApi(emulator(), "POST", `/v1/account/${who.authId}/numbers/${inPath(e164)}/cancel-release`, { auth: who });
const purchase = (who: Credentials, e164: string) =>
  callApi(emulator(), "POST", `/v1/Account/${who.authId}/numbers/purchase-from-inventory`, { auth: who, body: { e164 } });
const listed = async (who: Credentials, e164: string) => {
  const res = await callApi(emulator(), "GET", `/v1/Account/${who.authId}/numbers?search=${e164.slice(1)}`, { auth: who });
  return res.body.items[0];
};
const inInventory = async (e164: string): Promise<boolean> => {
  const res = await callApi(emulator(), "GET", `/v1/Account/${master.authId}/inventory/numbers?search=${e164.slice(1)}`, {
    auth: master,
  });
  return res.body.total === 1;
};
const masterInr = async (): Promise<number> => (await control().getAccount(master.authId)).balances["INR"] ?? 0;
const plusSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

beforeAll(async () => {
  await control().seedAccount({
    auth_id: master.authId,
    auth_token: master.authToken,
    balances: { INR: 20000 },
    release_fees: { INR: 700, USD: 10 },
  });
  await control().seedAccount({ auth_id: sub.authId, auth_token: sub.authToken, parent_id: master.authId });
  await control().seedAccount({ auth_id: stranger.authId, auth_token: stranger.authToken, balances: { INR: 20000 } });
  await control().addInventory(
    Array.from({ length: 12 }, (_, i) => ({
      e164: number(i),
      country: "IN",
      region: "Delhi",
      setup_fee: 150,
      monthly_fee: 450,
      currency: "INR",
    })),
  );
  await control().freezeClock();
});

describe("releasing a number", () => {
  it("charges the release fee, detaches the trunk and keeps the number listed as pending_release for 24 hours", async () => {
    await purchase(master, number(0));
    await callApi(emulator(), "POST", `/v1/Account/${master.authId}/numbers/${inPath(number(0))}/assign`, {
      auth: master,
      body: { trunk_group_id: "0b6d1c9e-1111-4222-8333-444455556666" },
    });
    const before = await masterInr();
    const now = await control().now();

    const res = await release(master, number(0));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cancel_url: `/api/v1/account/${master.authId}/numbers/${number(0)}/cancel-release`,
      cooldown_ends_at: plusSeconds(now, DAY),
      message: "number release initiated",
      note: "Number will be in pending_release for 24 hours (cancellable), then quarantined for 45 days before becoming available.",
      release_fee: 700,
      status: "pending_release",
    });
    expect(await masterInr()).toBe(before - 700);
    expect(await listed(master, number(0))).toMatchObject({ status: "pending_release", released_at: now, trunk_group_id: null });
    const ledger = await control().ledger();
    expect(ledger.at(-1)).toMatchObject({ account_id: master.authId, kind: "release_fee", amount: -700, e164: number(0) });
  });

  it("detaches the application too", async () => {
    await purchase(master, number(1));
    await callApi(emulator(), "POST", `/v1/Account/${master.authId}/numbers/${inPath(number(1))}/application`, {
      auth: master,
      body: { application_id: "20577609616603585" },
    });
    expect((await listed(master, number(1))).application_id).toBe("20577609616603585");
    await release(master, number(1));
    expect(await listed(master, number(1))).not.toHaveProperty("application_id");
  });

  it("cancels within the window: active again, the fee refunded in full, routing not re-attached", async () => {
    await purchase(master, number(2));
    await callApi(emulator(), "POST", `/v1/Account/${master.authId}/numbers/${inPath(number(2))}/assign`, {
      auth: master,
      body: { trunk_group_id: "trunk-1" },
    });
    const before = await masterInr();
    await release(master, number(2));
    await control().advanceClock(23 * HOUR);

    const res = await cancel(master, number(2));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      message: "release cancelled, number restored to active status",
      status: "active",
      currency: "INR",
      refund_amount: 700,
    });
    expect(await masterInr()).toBe(before);
    const item = await listed(master, number(2));
    expect(item).toMatchObject({ status: "active", trunk_group_id: null });
    expect(item).not.toHaveProperty("released_at");
    const kinds = (await control().ledger()).filter((e) => e.e164 === number(2)).map((e) => [e.kind, e.amount]);
    expect(kinds).toEqual([
      ["purchase", -600],
      ["release_fee", -700],
      ["refund", 700],
    ]);
  });

  it("refuses a second release while pending, and a cancel when not pending, with 400", async () => {
    await purchase(master, number(3));
    const notPending = await cancel(master, number(3));
    await release(master, number(3));
    const twice = await release(master, number(3));
    expect(notPending.status).toBe(400);
    expect(notPending.body).toEqual({ error: "number is not pending release" });
    expect(twice.status).toBe(400);
    expect(twice.body).toEqual({ error: "invalid request", message: "number is already pending release" });
  });

  it("refuses to release someone else's or an unknown number with 403, and to cancel it with 404", async () => {
    await purchase(master, number(4));
    const foreign = await release(stranger, number(4));
    const unknown = await release(stranger, "+919930099999");
    for (const res of [foreign, unknown]) {
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: "forbidden", message: "account does not own this number" });
    }
    await release(master, number(4));
    const foreignCancel = await cancel(stranger, number(4));
    expect(foreignCancel.status).toBe(404);
    expect(foreignCancel.body).toEqual({ error: "number not found" });
    expect((await listed(master, number(4))).status).toBe("pending_release");
  });

  it("lets a master release its sub-account's number, charging the master", async () => {
    await purchase(sub, number(5));
    const before = await masterInr();
    const res = await release(master, number(5));
    expect(res.status).toBe(200);
    expect(await masterInr()).toBe(before - 700);
    const cancelled = await cancel(master, number(5));
    expect(cancelled.status).toBe(200);
    expect(await masterInr()).toBe(before);
    expect((await listed(sub, number(5))).status).toBe("active");
  });

  it("fails with 500 and keeps the number when the payer cannot pay the release fee", async () => {
    await purchase(stranger, number(6));
    await control().setBalance(stranger.authId, "INR", 699);
    const res = await release(stranger, number(6));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: "internal_server_error", message: "failed to release number" });
    expect((await listed(stranger, number(6))).status).toBe("active");
    expect((await control().getAccount(stranger.authId)).balances["INR"]).toBe(699);
  });

  it("releases immediately with ?immediate=true: no window, no cancel, quarantined for 45 days", async () => {
    await purchase(master, number(7));
    const now = await control().now();
    const res = await release(master, number(7), "?immediate=true");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "released", cancel_url: "", cooldown_ends_at: now, release_fee: 700 });
    expect(await listed(master, number(7))).toBeUndefined();
    expect((await cancel(master, number(7))).status).toBe(404);
    expect(await control().getNumber(number(7))).toMatchObject({
      stage: "quarantined",
      owner: null,
      quarantine_until: plusSeconds(now, 45 * DAY),
    });
    expect(await inInventory(number(7))).toBe(false);
  });
});

describe("the release timeline on the virtual clock", () => {
  const e164 = number(10);
  let releasedAt: string;

  beforeAll(async () => {
    await purchase(master, e164);
    releasedAt = await control().now();
    await release(master, e164);
  });

  it("keeps the number pending_release, listed, one second before the 24 hours end", async () => {
    await control().setClock(plusSeconds(releasedAt, DAY - 1));
    expect((await listed(master, e164)).status).toBe("pending_release");
    expect((await control().getNumber(e164))?.stage).toBe("pending_release");
  });

  it("after 24 hours clears the owner and quarantines the number: unlisted, not for sale, not cancellable", async () => {
    await control().setClock(plusSeconds(releasedAt, DAY));
    expect(await listed(master, e164)).toBeUndefined();
    expect(await inInventory(e164)).toBe(false);
    const bought = await purchase(stranger, e164);
    expect(bought.status).toBe(404);
    expect((await cancel(master, e164)).status).toBe(404);
    expect(await control().getNumber(e164)).toMatchObject({
      stage: "quarantined",
      owner: null,
      status: "released",
      quarantine_until: plusSeconds(releasedAt, DAY + 45 * DAY),
    });
  });

  it("is still quarantined one second before the 45 days end", async () => {
    await control().setClock(plusSeconds(releasedAt, 46 * DAY - 1));
    expect(await inInventory(e164)).toBe(false);
  });

  it("is back in inventory with its original fees after 45 more days, and can be bought again", async () => {
    await control().setClock(plusSeconds(releasedAt, 46 * DAY));
    const res = await callApi(emulator(), "GET", `/v1/Account/${stranger.authId}/inventory/numbers?search=${e164.slice(1)}`, {
      auth: stranger,
    });
    expect(res.body.items).toEqual([expect.objectContaining({ e164, setup_fee: 150, monthly_fee: 450, currency: "INR", account_id: "" })]);
    const bought = await purchase(stranger, e164);
    expect(bought.status).toBe(200);
    expect(bought.body.number).not.toHaveProperty("released_at");
  });
});
