import { callApi, inPath, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();
const MASTER = "MA_DEMO0001";

describe("emulator routing and authentication", () => {
  it("answers a lowercase /account/ on a capital-A operation with the api-notes 404", async () => {
    const res = await callApi(emulator(), "GET", `/v1/account/${MASTER}/numbers`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "not_found", message: `no route for GET /api/v1/account/${MASTER}/numbers` });
  });

  it("answers a capital /Account/ on cancel-release and assign-subaccount with 404", async () => {
    const cancel = await callApi(emulator(), "POST", `/v1/Account/${MASTER}/numbers/${inPath("+918000000001")}/cancel-release`);
    const assign = await callApi(emulator(), "POST", `/v1/Account/${MASTER}/numbers/${inPath("+918000000001")}/assign-subaccount`, {
      body: { sub_account_id: "SA_DEMO0001" },
    });
    expect(cancel.status).toBe(404);
    expect(assign.status).toBe(404);
    expect(cancel.body.error).toBe("not_found");
  });

  it("lists sub-accounts only with the trailing slash and gets one only without it", async () => {
    expect((await callApi(emulator(), "GET", `/v1/accounts/${MASTER}/sub-accounts/`)).status).toBe(200);
    expect((await callApi(emulator(), "GET", `/v1/accounts/${MASTER}/sub-accounts`)).status).toBe(404);
    expect((await callApi(emulator(), "GET", `/v1/accounts/${MASTER}/sub-accounts/SA_DEMO0001`)).status).toBe(200);
    expect((await callApi(emulator(), "GET", `/v1/accounts/${MASTER}/sub-accounts/SA_DEMO0001/`)).status).toBe(404);
    expect((await callApi(emulator(), "GET", `/v1/Accounts/${MASTER}/sub-accounts/`)).status).toBe(404);
  });

  it("answers 404 before checking credentials, for paths outside the API too", async () => {
    const res = await callApi(emulator(), "GET", `/v2/Account/${MASTER}/numbers`, { auth: null });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe(`no route for GET /api/v2/Account/${MASTER}/numbers`);
  });

  it("refuses missing, unknown and wrong credentials with the flat 401 body", async () => {
    const expected = { error: "unauthorized", message: "invalid X-Auth-ID or X-Auth-Token" };
    const path = `/v1/Account/${MASTER}/numbers`;
    const none = await callApi(emulator(), "GET", path, { auth: null });
    const wrongToken = await callApi(emulator(), "GET", path, { auth: { authId: MASTER, authToken: "nope-nope" } });
    const unknownId = await callApi(emulator(), "GET", `/v1/Account/MA_NOBODY01/numbers`, {
      auth: { authId: "MA_NOBODY01", authToken: "emu-token-MA_DEMO0001" },
    });
    for (const res of [none, wrongToken, unknownId]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expected);
    }
  });

  it("refuses bad credentials on cancel-release with the nested 401 body", async () => {
    const res = await callApi(emulator(), "POST", `/v1/account/${MASTER}/numbers/${inPath("+918000000001")}/cancel-release`, {
      auth: { authId: MASTER, authToken: "wrong-token" },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 401, message: "Invalid token" } });
  });

  it("accepts HTTP Basic on cancel-release but not on other operations", async () => {
    const basic = `Basic ${Buffer.from(`${MASTER}:emu-token-${MASTER}`).toString("base64")}`;
    const cancel = await callApi(emulator(), "POST", `/v1/account/${MASTER}/numbers/${inPath("+918000000001")}/cancel-release`, {
      auth: null,
      headers: { authorization: basic },
    });
    const list = await callApi(emulator(), "GET", `/v1/Account/${MASTER}/numbers`, { auth: null, headers: { authorization: basic } });
    // Past authentication, an unknown number is the documented cancel-release 404.
    expect(cancel.status).toBe(404);
    expect(cancel.body).toEqual({ error: "number not found" });
    expect(list.status).toBe(401);
  });

  it("refuses a path account that is not the X-Auth-ID with 403", async () => {
    const sub = emulator().credentials.subAccounts[0];
    const res = await callApi(emulator(), "GET", `/v1/Account/${MASTER}/numbers`, { auth: sub ?? null });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: "forbidden", message: "path account does not match X-Auth-ID" });
  });

  it("refuses a phone number in the path that lacks its leading +", async () => {
    const res = await callApi(emulator(), "DELETE", `/v1/Account/${MASTER}/numbers/918000000001`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid request");
    expect(res.body.message).toContain("%2B");
  });

  it("refuses a body that is not JSON with 400", async () => {
    const res = await fetch(`${emulator().baseUrl}/v1/Account/${MASTER}/numbers/purchase-from-inventory`, {
      method: "POST",
      headers: { "X-Auth-ID": MASTER, "X-Auth-Token": `emu-token-${MASTER}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid request", message: "request body must be a JSON object" });
  });
});
