import type { Credentials } from "../../emulator";
import { callApi, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();

const master: Credentials = { authId: "MA_LIST0001", authToken: "token-MA_LIST0001" };
const subA: Credentials = { authId: "SA_LIST0001", authToken: "token-SA_LIST0001" };
const subB: Credentials = { authId: "SA_LIST0002", authToken: "token-SA_LIST0002" };
const numbers = Array.from({ length: 8 }, (_, i) => `+9199100000${String(i).padStart(2, "0")}`);

const listPath = (who: Credentials, query = ""): string => `/v1/Account/${who.authId}/numbers${query}`;

async function buy(who: Credentials, e164: string): Promise<void> {
  const res = await callApi(emulator(), "POST", `/v1/Account/${who.authId}/numbers/purchase-from-inventory`, {
    auth: who,
    body: { e164 },
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  const { control } = emulator();
  await control.seedAccount({ auth_id: master.authId, auth_token: master.authToken, balances: { INR: 100000 } });
  await control.seedAccount({ auth_id: subA.authId, auth_token: subA.authToken, parent_id: master.authId });
  await control.seedAccount({ auth_id: subB.authId, auth_token: subB.authToken, parent_id: master.authId });
  await control.addInventory(
    // Reversed so that listing order cannot come from insertion order.
    [...numbers].reverse().map((e164) => ({ e164, country: "IN", region: "Karnataka", setup_fee: 100, monthly_fee: 300, currency: "INR" })),
  );
  // The master holds numbers 0-5 itself, sub-account A bought number 6; number 7 stays in inventory.
  for (const e164 of numbers.slice(0, 6)) await buy(master, e164);
  await buy(subA, numbers[6] ?? "");
});

describe("GET /Account/{id}/numbers", () => {
  it("lists a master's numbers and its sub-accounts', with account_id naming each owner, sorted by e164", async () => {
    const res = await callApi(emulator(), "GET", listPath(master), { auth: master });
    expect(res.status).toBe(200);
    expect(res.body.items.map((n: { e164: string }) => n.e164)).toEqual(numbers.slice(0, 7));
    expect(res.body.items.map((n: { account_id: string }) => n.account_id)).toEqual([...Array(6).fill(master.authId), subA.authId]);
    expect(res.body.total).toBe(7);
  });

  it("lists only a sub-account's own numbers for sub-account credentials", async () => {
    const own = await callApi(emulator(), "GET", listPath(subA), { auth: subA });
    const none = await callApi(emulator(), "GET", listPath(subB), { auth: subB });
    expect(own.body.items.map((n: { e164: string }) => n.e164)).toEqual([numbers[6]]);
    expect(none.body).toEqual({ items: [], page: 1, per_page: 25, total: 0 });
  });

  it("returns every field of the documented number object, without last_call_at or an empty application_id", async () => {
    await emulator().control.setLastCall(numbers[0] ?? "", new Date());
    const res = await callApi(emulator(), "GET", listPath(master, `?search=${numbers[0]?.slice(1)}`), { auth: master });
    const item = res.body.items[0];
    expect(Object.keys(item).sort()).toEqual(
      [
        "id", "account_id", "e164", "country", "region", "capabilities", "status", "provider", "setup_fee", "monthly_fee",
        "currency", "trunk_group_id", "voice_enabled", "tags", "purchased_at", "is_blocked", "created_at", "updated_at",
        "is_trial_number", "last_billing_date", "next_billing_date", "minimum_commitment_months",
        "aadhaar_verification_required", "aadhaar_verified", "source",
      ].sort(),
    );
    expect(item).toMatchObject({
      account_id: master.authId,
      capabilities: { voice: true, sms: false, mms: false, fax: false },
      status: "active",
      provider: "",
      setup_fee: 100,
      monthly_fee: 300,
      currency: "INR",
      trunk_group_id: null,
      tags: [],
      source: "inventory",
    });
    expect(new Date(item.next_billing_date).getUTCMonth()).toBe((new Date(item.last_billing_date).getUTCMonth() + 1) % 12);
  });

  it("pages with page and per_page while total counts every match", async () => {
    const res = await callApi(emulator(), "GET", listPath(master, "?page=3&per_page=3"), { auth: master });
    expect(res.body.items.map((n: { e164: string }) => n.e164)).toEqual([numbers[6]]);
    expect(res.body).toMatchObject({ page: 3, per_page: 3, total: 7 });
  });

  it("clamps per_page above 100 to 100 and says so", async () => {
    const res = await callApi(emulator(), "GET", listPath(master, "?per_page=500"), { auth: master });
    expect(res.body.per_page).toBe(100);
    expect(res.body.items).toHaveLength(7);
  });

  it.each(["per_page=0", "per_page=-1", "per_page=abc", "per_page=1.5", "page=0", "page=x"])(
    "refuses %s with the documented 400",
    async (query) => {
      const res = await callApi(emulator(), "GET", listPath(master, `?${query}`), { auth: master });
      const param = query.split("=")[0];
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: "invalid request", message: `${param} must be a positive integer` });
    },
  );

  it("searches by substring, with the + encoded, omitted or sent raw", async () => {
    const encoded = await callApi(emulator(), "GET", listPath(master, `?search=${encodeURIComponent("+919910000003")}`), { auth: master });
    const digits = await callApi(emulator(), "GET", listPath(master, "?search=10000003"), { auth: master });
    const raw = await callApi(emulator(), "GET", listPath(master, "?search=+919910000003"), { auth: master });
    for (const res of [encoded, digits, raw]) {
      expect(res.body.items.map((n: { e164: string }) => n.e164)).toEqual(["+919910000003"]);
      expect(res.body.total).toBe(1);
    }
    const none = await callApi(emulator(), "GET", listPath(master, `?search=${numbers[7]?.slice(1)}`), { auth: master });
    expect(none.body.total).toBe(0);
  });
});
