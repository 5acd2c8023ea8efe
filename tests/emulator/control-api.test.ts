import { EmulatorControl, startEmulator, type RunningEmulator, type NoCredentials } from "../../emulator";
import { callApi } from "../helpers/emulator";

let emulator: RunningEmulator<NoCredentials>;
const owner = { authId: "MA_CTL00001", authToken: "token-MA_CTL00001" };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: "empty" });
});
afterAll(async () => {
  await emulator.close();
});

const control = () => emulator.control;

describe("the empty seed", () => {
  it("gives no credentials, no accounts and no inventory", async () => {
    expect(emulator.credentials).toEqual({ master: undefined, admin: undefined, subAccounts: [] });
    const demo = await callApi(emulator, "GET", "/v1/Account/MA_DEMO0001/numbers", {
      auth: { authId: "MA_DEMO0001", authToken: "emu-token-MA_DEMO0001" },
    });
    expect(demo.status).toBe(401);
    await control().seedAccount({ auth_id: owner.authId, auth_token: owner.authToken });
    const stock = await callApi(emulator, "GET", `/v1/Account/${owner.authId}/inventory/numbers`, { auth: owner });
    expect(stock.body.total).toBe(0);
  });
});

describe("accounts", () => {
  it("seeds an account and shows it without its token, with the default release fees", async () => {
    const account = await control().seedAccount({ auth_id: "MA_CTL00002", auth_token: "secret-token-2", balances: { INR: 10 } });
    expect(account).toEqual({
      auth_id: "MA_CTL00002",
      parent_id: null,
      name: "MA_CTL00002",
      admin: false,
      balances: { INR: 10 },
      release_fees: { INR: 700, USD: 10 },
      created_at: expect.any(String),
    });
    expect(JSON.stringify(await control().getAccount("MA_CTL00002"))).not.toContain("secret-token-2");
  });

  it.each([
    ["an existing id", { auth_id: "MA_CTL00002", auth_token: "another-token" }, 409],
    ["a sub-account without parent", { auth_id: "SA_CTL00009", auth_token: "token-12345" }, 400],
    ["a sub-account of a sub-account", { auth_id: "SA_CTL00010", auth_token: "token-12345", parent_id: "SA_CTL00009" }, 400],
    ["a master with a parent", { auth_id: "MA_CTL00011", auth_token: "token-12345", parent_id: "MA_CTL00002" }, 400],
    ["a malformed id", { auth_id: "XX_1", auth_token: "token-12345" }, 400],
    ["a short token", { auth_id: "MA_CTL00012", auth_token: "short" }, 400],
    ["a negative balance", { auth_id: "MA_CTL00013", auth_token: "token-12345", balances: { INR: -1 } }, 400],
  ])("refuses %s", async (_what, body, status) => {
    await expect(control().seedAccount(body)).rejects.toMatchObject({ status });
  });

  it("sets the admin role and a balance, and answers 404 for an unknown account", async () => {
    expect((await control().setAdmin("MA_CTL00002", true)).admin).toBe(true);
    expect((await control().setBalance("MA_CTL00002", "USD", 42)).balances).toEqual({ INR: 10, USD: 42 });
    await expect(control().setAdmin("MA_NOBODY01", true)).rejects.toMatchObject({ status: 404 });
    await expect(control().getAccount("MA_NOBODY01")).rejects.toMatchObject({ status: 404 });
  });
});

describe("inventory and numbers", () => {
  it("stocks numbers that the public inventory then offers with their fees", async () => {
    await control().addInventory([{ e164: "+14155550999", country: "us", region: "CA", setup_fee: 25, monthly_fee: 250, currency: "INR" }]);
    const res = await callApi(emulator, "GET", `/v1/Account/${owner.authId}/inventory/numbers`, { auth: owner });
    expect(res.body.items).toEqual([expect.objectContaining({ e164: "+14155550999", country: "US", setup_fee: 25, monthly_fee: 250 })]);
    expect(await control().getNumber("+14155550999")).toMatchObject({ stage: "inventory", owner: null, last_call_at: null });
  });

  it("refuses a duplicate or malformed number", async () => {
    const row = { e164: "+14155550999", country: "US", region: "CA", setup_fee: 0, monthly_fee: 1, currency: "INR" };
    await expect(control().addInventory([row])).rejects.toMatchObject({ status: 409 });
    await expect(control().addInventory([{ ...row, e164: "14155550998" }])).rejects.toMatchObject({ status: 400 });
    expect(await control().getNumber("+14155550998")).toBeNull();
  });

  it("sets and clears last_call_at, and answers 404 for an unknown number", async () => {
    expect((await control().setLastCall("+14155550999", "2026-05-01T12:00:00Z")).last_call_at).toBe("2026-05-01T12:00:00.000Z");
    expect((await control().setLastCall("+14155550999", null)).last_call_at).toBeNull();
    await expect(control().setLastCall("+14155550000", null)).rejects.toMatchObject({ status: 404 });
    await expect(control().setLastCall("+14155550999", "yesterday-ish")).rejects.toMatchObject({ status: 400 });
  });
});

describe("the virtual clock", () => {
  it("advances by exactly the given seconds while frozen", async () => {
    const { now } = await control().freezeClock();
    const later = await control().advanceClock(90);
    expect(Date.parse(later) - Date.parse(now)).toBe(90_000);
    expect(await control().now()).toBe(later);
  });

  it("never moves backwards", async () => {
    const now = await control().now();
    await expect(control().setClock(new Date(Date.parse(now) - 1000))).rejects.toThrow(/only moves forward/);
    await expect(control().advanceClock(-5)).rejects.toMatchObject({ status: 400 });
    expect(await control().now()).toBe(now);
  });

  it("jumps to a later instant and runs again when unfrozen", async () => {
    const target = new Date(Date.parse(await control().now()) + 86_400_000).toISOString();
    expect(await control().setClock(target)).toBe(target);
    const running = await control().freezeClock(false);
    expect(running.frozen).toBe(false);
    expect(Date.parse(running.now)).toBeGreaterThanOrEqual(Date.parse(target));
  });
});

describe("the control client", () => {
  it("accepts the printed base URL or the bare origin", async () => {
    const fromBase = new EmulatorControl(emulator.baseUrl);
    const fromOrigin = new EmulatorControl(emulator.origin);
    expect(fromBase.origin).toBe(emulator.origin);
    expect(typeof (await fromOrigin.now())).toBe("string");
  });

  it("gets a 404 for an unknown control route", async () => {
    const res = await fetch(`${emulator.origin}/__emulator/nothing-here`);
    expect(res.status).toBe(404);
  });
});
