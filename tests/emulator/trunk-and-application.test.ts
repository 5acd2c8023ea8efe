import type { Credentials } from "../../emulator";
import { callApi, inPath, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();

const master: Credentials = { authId: "MA_RTE00001", authToken: "token-MA_RTE00001" };
const sub: Credentials = { authId: "SA_RTE00001", authToken: "token-SA_RTE00001" };
const stranger: Credentials = { authId: "MA_RTE00002", authToken: "token-MA_RTE00002" };
const number = (i: number): string => `+1415555010${i}`;
const TRUNK = "6f1c2d3e-4a5b-4c6d-8e7f-001122334455";
const NOT_FOUND = {
  error: "Number not found",
  message: "The phone number could not be found. Ensure it is in your inventory and URL-encoded correctly.",
};

const trunk = (method: "POST" | "DELETE", who: Credentials, e164: string, body?: unknown) =>
  callApi(emulator(), method, `/v1/Account/${who.authId}/numbers/${inPath(e164)}/assign`, {
    auth: who,
    ...(body === undefined ? {} : { body }),
  });
const app = (method: "POST" | "DELETE", who: Credentials, e164: string, body?: unknown) =>
  callApi(emulator(), method, `/v1/Account/${who.authId}/numbers/${inPath(e164)}/application`, {
    auth: who,
    ...(body === undefined ? {} : { body }),
  });
const internal = async (e164: string) => emulator().control.getNumber(e164);

beforeAll(async () => {
  const { control } = emulator();
  await control.seedAccount({ auth_id: master.authId, auth_token: master.authToken, balances: { INR: 100000 } });
  await control.seedAccount({ auth_id: sub.authId, auth_token: sub.authToken, parent_id: master.authId });
  await control.seedAccount({ auth_id: stranger.authId, auth_token: stranger.authToken, balances: { INR: 100000 } });
  await control.addInventory(
    Array.from({ length: 6 }, (_, i) => ({ e164: number(i), country: "US", region: "CA", setup_fee: 0, monthly_fee: 250, currency: "INR" })),
  );
  for (const i of [0, 1, 2]) {
    await callApi(emulator(), "POST", `/v1/Account/${master.authId}/numbers/purchase-from-inventory`, { auth: master, body: { e164: number(i) } });
  }
  await callApi(emulator(), "POST", `/v1/Account/${sub.authId}/numbers/purchase-from-inventory`, { auth: sub, body: { e164: number(3) } });
});

describe("trunk assignment", () => {
  it("assigns a trunk with 204 and shows it on the number", async () => {
    const res = await trunk("POST", master, number(0), { trunk_group_id: TRUNK });
    expect(res.status).toBe(204);
    const listed = await callApi(emulator(), "GET", `/v1/Account/${master.authId}/numbers?search=${number(0).slice(1)}`, { auth: master });
    expect(listed.body.items[0].trunk_group_id).toBe(TRUNK);
  });

  it("refuses a second trunk, and an application while on a trunk, with 400", async () => {
    const again = await trunk("POST", master, number(0), { trunk_group_id: "another" });
    const withApp = await app("POST", master, number(0), { application_id: "123" });
    expect(again.body).toEqual({ error: "invalid request", message: "This number is already assigned to a trunk." });
    expect(withApp.body).toEqual({ error: "invalid request", message: "This number is assigned to a trunk." });
    expect(await internal(number(0))).toMatchObject({ trunk_group_id: TRUNK, application_id: null });
  });

  it("unassigns the trunk with 204, then answers 400 because there is none", async () => {
    const first = await trunk("DELETE", master, number(0));
    const second = await trunk("DELETE", master, number(0));
    expect(first.status).toBe(204);
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ error: "invalid request", message: "This number is not assigned to a trunk." });
    expect((await internal(number(0)))?.trunk_group_id).toBeNull();
  });

  it("answers the trunk page's 404 for a number that is not the caller's, and lets a master route its sub-account's", async () => {
    const foreign = await trunk("POST", stranger, number(1), { trunk_group_id: TRUNK });
    const unknown = await trunk("POST", master, "+14155559999", { trunk_group_id: TRUNK });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(NOT_FOUND);
    expect(unknown.body).toEqual(NOT_FOUND);
    expect((await trunk("POST", master, number(3), { trunk_group_id: TRUNK })).status).toBe(204);
  });

  it("refuses a body without trunk_group_id with 400", async () => {
    const res = await trunk("POST", master, number(1), { trunk_id: TRUNK });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("trunk_group_id");
  });
});

describe("application attachment", () => {
  it("attaches with 200 and the documented body, and the list shows application_id", async () => {
    const res = await app("POST", master, number(1), { application_id: "20577609616603585" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      message: "Number attached to application",
      number: number(1),
      application: { app_id: "20577609616603585" },
    });
    const listed = await callApi(emulator(), "GET", `/v1/Account/${master.authId}/numbers?search=${number(1).slice(1)}`, { auth: master });
    expect(listed.body.items[0].application_id).toBe("20577609616603585");
  });

  it("overwrites on re-attach and refuses a trunk while attached", async () => {
    expect((await app("POST", master, number(1), { application_id: "999" })).status).toBe(200);
    expect((await internal(number(1)))?.application_id).toBe("999");
    const res = await trunk("POST", master, number(1), { trunk_group_id: TRUNK });
    expect(res.body).toEqual({ error: "invalid request", message: "This number is attached to an application." });
  });

  it("detaches with the documented 200 body, then answers 400 because there is none", async () => {
    const first = await app("DELETE", master, number(1));
    const second = await app("DELETE", master, number(1));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ message: "Number detached successfully", number: number(1) });
    expect(second.body).toEqual({ error: "invalid request", message: "This number has no application." });
    expect((await internal(number(1)))?.application_id).toBeNull();
  });

  it("answers 404 for a number that is not the caller's", async () => {
    const res = await app("POST", stranger, number(2), { application_id: "1" });
    expect(res.status).toBe(404);
    expect((await internal(number(2)))?.application_id).toBeNull();
  });
});
