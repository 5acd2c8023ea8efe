import type { Credentials } from "../../emulator";
import { callApi, inPath, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();

const DAY_MS = 24 * 60 * 60 * 1000;
const master: Credentials = { authId: "MA_ASG00001", authToken: "token-MA_ASG00001" };
const subA: Credentials = { authId: "SA_ASG00001", authToken: "token-SA_ASG00001" };
const subB: Credentials = { authId: "SA_ASG00002", authToken: "token-SA_ASG00002" };
const otherMaster: Credentials = { authId: "MA_ASG00002", authToken: "token-MA_ASG00002" };
const otherSub: Credentials = { authId: "SA_ASG00003", authToken: "token-SA_ASG00003" };
const number = (i: number): string => `+9199400000${String(i).padStart(2, "0")}`;

const control = () => emulator().control;
const assign = (who: Credentials, e164: string, subAccountId: string) =>
  callApi(emulator(), "POST", `/v1/account/${who.authId}/numbers/${inPath(e164)}/assign-subaccount`, {
    auth: who,
    body: { sub_account_id: subAccountId },
  });
const unassign = (who: Credentials, e164: string, query = "") =>
  callApi(emulator(), "DELETE", `/v1/account/${who.authId}/numbers/${inPath(e164)}/assign-subaccount${query}`, { auth: who });
const owner = async (e164: string) => (await control().getNumber(e164))?.owner;

let now: number;

/** Buys a number for the master and hands it to sub-account A, optionally with a last call. */
async function assignedNumber(i: number, lastCallMsAgo?: number): Promise<string> {
  const e164 = number(i);
  const bought = await callApi(emulator(), "POST", `/v1/Account/${master.authId}/numbers/purchase-from-inventory`, {
    auth: master,
    body: { e164 },
  });
  expect(bought.status).toBe(200);
  expect((await assign(master, e164, subA.authId)).status).toBe(204);
  if (lastCallMsAgo !== undefined) await control().setLastCall(e164, new Date(now - lastCallMsAgo));
  return e164;
}

beforeAll(async () => {
  await control().seedAccount({ auth_id: master.authId, auth_token: master.authToken, balances: { INR: 100000 } });
  await control().seedAccount({ auth_id: subA.authId, auth_token: subA.authToken, parent_id: master.authId });
  await control().seedAccount({ auth_id: subB.authId, auth_token: subB.authToken, parent_id: master.authId });
  await control().seedAccount({ auth_id: otherMaster.authId, auth_token: otherMaster.authToken, balances: { INR: 100000 } });
  await control().seedAccount({ auth_id: otherSub.authId, auth_token: otherSub.authToken, parent_id: otherMaster.authId });
  await control().addInventory(
    Array.from({ length: 20 }, (_, i) => ({ e164: number(i), country: "IN", region: "Maharashtra", setup_fee: 100, monthly_fee: 300, currency: "INR" })),
  );
  // Frozen, so that "exactly 15 days" is exact rather than 15 days plus the milliseconds a request takes.
  now = Date.parse((await control().freezeClock()).now);
});

describe("POST /account/{id}/numbers/{e164}/assign-subaccount", () => {
  it("moves the master's own number to its sub-account with 204, which then owns it", async () => {
    const e164 = await assignedNumber(0);
    expect(await owner(e164)).toBe(subA.authId);
    const listed = await callApi(emulator(), "GET", `/v1/Account/${master.authId}/numbers?search=${e164.slice(1)}`, { auth: master });
    expect(listed.body.items[0].account_id).toBe(subA.authId);
  });

  it("refuses sub-account credentials with 403", async () => {
    const res = await assign(subA, number(0), subB.authId);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: "forbidden", message: "only a master account can assign numbers" });
  });

  it("answers 400 when a sub-account already holds the number", async () => {
    const res = await assign(master, number(0), subB.authId);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid request", message: `number is already assigned to sub-account ${subA.authId}` });
    expect(await owner(number(0))).toBe(subA.authId);
  });

  it("answers 404 for another master's sub-account, an unknown sub-account, or a number the master does not hold", async () => {
    await callApi(emulator(), "POST", `/v1/Account/${master.authId}/numbers/purchase-from-inventory`, { auth: master, body: { e164: number(1) } });
    const foreignSub = await assign(master, number(1), otherSub.authId);
    const unknownSub = await assign(master, number(1), "SA_NOBODY01");
    const notHeld = await assign(master, number(19), subA.authId);
    for (const res of [foreignSub, unknownSub, notHeld]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: "not_found", message: "number or sub-account not found" });
    }
    expect(await owner(number(1))).toBe(master.authId);
  });

  it("refuses a body without sub_account_id with 400", async () => {
    const res = await callApi(emulator(), "POST", `/v1/account/${master.authId}/numbers/${inPath(number(1))}/assign-subaccount`, {
      auth: master,
      body: {},
    });
    expect(res.status).toBe(400);
  });
});

describe("DELETE /account/{id}/numbers/{e164}/assign-subaccount and the 15-day cool-off", () => {
  it("moves a never-called number back to the master at once with 204", async () => {
    const e164 = await assignedNumber(2);
    const res = await unassign(master, e164);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(await owner(e164)).toBe(master.authId);
  });

  it("answers 409 with cool_off_until and the remaining seconds 14 days 23 hours after the last call", async () => {
    const lastCall = now - (14 * DAY_MS + 23 * 60 * 60 * 1000);
    const e164 = await assignedNumber(3, now - lastCall);
    const res = await unassign(master, e164);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: "did_cool_off_in_effect",
      cool_off_until: new Date(lastCall + 15 * DAY_MS).toISOString(),
      cool_off_remaining_seconds: 3600,
    });
    expect(await owner(e164)).toBe(subA.authId);
  });

  it("rounds the remaining seconds up: one millisecond left is one second", async () => {
    const e164 = await assignedNumber(4, 15 * DAY_MS - 1);
    const res = await unassign(master, e164);
    expect(res.status).toBe(409);
    expect(res.body.cool_off_remaining_seconds).toBe(1);
  });

  it("lets the number go at exactly 15 days after the last call", async () => {
    const e164 = await assignedNumber(5, 15 * DAY_MS);
    const res = await unassign(master, e164);
    expect(res.status).toBe(204);
    expect(await owner(e164)).toBe(master.authId);
  });

  it("refuses force=true from a non-admin with 403 even when no cool-off applies", async () => {
    const e164 = await assignedNumber(6);
    const res = await unassign(master, e164, "?force=true");
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: "forbidden", message: "force requires an admin role" });
    expect(await owner(e164)).toBe(subA.authId);
    expect(await control().audit()).toEqual([]);
  });

  it("lets an admin force the number back during the cool-off and writes an audit row", async () => {
    const lastCall = now - DAY_MS;
    const e164 = await assignedNumber(7, now - lastCall);
    await control().setAdmin(master.authId, true);
    try {
      const res = await unassign(master, e164, "?force=true");
      expect(res.status).toBe(204);
    } finally {
      await control().setAdmin(master.authId, false);
    }
    expect(await owner(e164)).toBe(master.authId);
    expect(await control().audit()).toEqual([
      {
        id: 1,
        kind: "forced_unassign",
        actor_account_id: master.authId,
        e164,
        from_account_id: subA.authId,
        to_account_id: master.authId,
        last_call_at: new Date(lastCall).toISOString(),
        cool_off_until: new Date(lastCall + 15 * DAY_MS).toISOString(),
        at: new Date(now).toISOString(),
      },
    ]);
  });

  it("answers 404 when no sub-account of the caller holds the number", async () => {
    const res = await unassign(master, number(1));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "not_found", message: "number is not assigned to a sub-account" });
  });

  it("refuses sub-account credentials with 403", async () => {
    const res = await unassign(subA, number(0));
    expect(res.status).toBe(403);
    expect(await owner(number(0))).toBe(subA.authId);
  });
});
