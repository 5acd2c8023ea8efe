import { masterHeaders, problemsWithRefusal, staged, useStatefulEmulator, type StateView } from "./bad-input-fixture";
import { sendRaw, type RawRequest } from "./raw-http";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

interface BadRequest extends RawRequest {
  name: string;
  /** Send the master account's credentials (the default), or none. */
  auth?: false;
}

const enc = encodeURIComponent;
const fullwidth = (e164: string): string => e164.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const json = (value: unknown): string => JSON.stringify(value);

const malformedJson = ["{", '{"e164":', "not json", "\u0000", "[", '{"a":1}}', "'single'", "NaN", '{"e164": +918065550001}', "\uFEFF\uFEFF{"];

const request = (name: string, method: string, target: string, extra: Partial<BadRequest> = {}): BadRequest => ({ name, method, target, ...extra });
const post = (name: string, target: string, body: unknown): BadRequest =>
  request(name, "POST", target, { body: typeof body === "string" ? body : json(body) });
const describeBody = (body: unknown): string => (typeof body === "string" ? json(body) : json(body).slice(0, 80));

// Requests the API refuses, each aimed at a real record so that a request that slipped through would change it.
function publicCases(n: typeof staged): BadRequest[] {
  const account = "/api/v1/Account/MA_DEMO0001";
  const purchase = `${account}/numbers/purchase-from-inventory`;
  const number = (e164: string): string => `${account}/numbers/${enc(e164)}`;
  const move = (e164: string): string => `/api/v1/account/MA_DEMO0001/numbers/${enc(e164)}/assign-subaccount`;
  const cancel = `/api/v1/account/MA_DEMO0001/numbers/${enc(n.pendingRelease)}/cancel-release`;
  const target = n.inInventory;
  const purchaseBodies: unknown[] = [
    ...malformedJson,
    123,
    null,
    true,
    json(target),
    [target],
    { e164: 918065550001 },
    { e164: [target] },
    { e164: { $ne: null } },
    { e164: null },
    { e164: "" },
    { e164: "   " },
    { e164: `${target}\u0000` },
    { e164: enc(target) },
    { e164: target.slice(1) },
    { e164: fullwidth(target) },
    { e164: UNKNOWN },
    { e164: target.repeat(1000) },
    { e164: target, currency: 5 },
    { e164: target, currency: ["INR"] },
    `{"__proto__": {"e164": ${json(target)}}}`,
    { constructor: { prototype: { e164: target } } },
  ];
  const moveBodies: unknown[] = [
    ...malformedJson,
    { sub_account_id: 5 },
    { sub_account_id: ["SA_DEMO0001"] },
    { sub_account_id: "MA_DEMO0001" },
    { sub_account_id: "SA_DEMO0001\u0000" },
    { sub_account_id: "__proto__" },
    { sub_account_id: "constructor" },
  ];
  const pageQueries = ["per_page=abc", "per_page=0", "per_page=-1", "per_page=1e3", "per_page=1.5", "page=99999999999999999999", "page=0"];
  const wrongAuthIds = ["__proto__", "constructor", "MA_DEMO0001 ", "ma_demo0001"];
  const buy = (name: string, path: string): BadRequest => post(name, path, { e164: target });
  return [
    ...purchaseBodies.map((body) => post(`a purchase with the body ${describeBody(body)}`, purchase, body)),
    ...moveBodies.map((body) => post(`a sub-account move with the body ${describeBody(body)}`, move(n.routed), body)),
    ...[{ trunk_group_id: 5 }, { trunk_group_id: "" }, { trunk_group_id: {} }, "{"].map((body) =>
      post(`trunk routing with ${describeBody(body)}`, `${number(n.withSubAccount)}/assign`, body),
    ),
    ...[{ application_id: ["app"] }, { application_id: null }, "[1,"].map((body) =>
      post(`an application attach with ${describeBody(body)}`, `${number(n.withSubAccount)}/application`, body),
    ),
    post("cancel-release with a malformed body", cancel, "{"),
    request("cancel-release with garbage Basic credentials", "POST", cancel, { auth: false, headers: { Authorization: "Basic !!!" } }),
    ...["maybe", "%00", "yes", "2"].map((value) => request(`a release with immediate=${value}`, "DELETE", `${number(n.routed)}?immediate=${value}`)),
    ...["2", "yes"].map((value) => request(`a sub-account unassign with force=${value}`, "DELETE", `${move(n.withSubAccount)}?force=${value}`)),
    request("a forced unassign from an account that is not admin", "DELETE", `${move(n.withSubAccount)}?force=true`),
    ...[...pageQueries, "page=%00"].map((query) => request(`a list with ${query}`, "GET", `${account}/numbers?${query}`)),
    request("sub-accounts with size=abc", "GET", "/api/v1/accounts/MA_DEMO0001/sub-accounts/?size=abc"),
    request("sub-accounts with active_only=maybe", "GET", "/api/v1/accounts/MA_DEMO0001/sub-accounts/?active_only=maybe"),
    ...["__proto__", "constructor", "MA_DEMO0001", "SA_DEMO0001%00"].map((sub) =>
      request(`a sub-account named ${sub}`, "GET", `/api/v1/accounts/MA_DEMO0001/sub-accounts/${sub}`),
    ),
    ...["%E2%82%AC", "INRR", "__proto__", "%C4%B1nr", "IN%00"].map((currency) =>
      request(`the balance in ${currency}`, "GET", `${account}/balance/${currency}`),
    ),

    request("no credentials", "DELETE", number(n.routed), { auth: false }),
    request("a wrong token", "DELETE", number(n.routed), {
      auth: false,
      headers: { "X-Auth-ID": "MA_DEMO0001", "X-Auth-Token": "emu-token-MA_ADMIN001" },
    }),
    ...wrongAuthIds.map((id) =>
      request(`the auth id ${json(id)}`, "GET", `/api/v1/Account/${enc(id)}/numbers`, {
        auth: false,
        headers: { "X-Auth-ID": id, "X-Auth-Token": "emu-token-MA_DEMO0001" },
      }),
    ),
    request("another account in the path", "DELETE", `/api/v1/Account/MA_ADMIN001/numbers/${enc(n.routed)}`),
    request("%2F in the path account", "DELETE", `/api/v1/Account/MA_DEMO0001%2F..%2FMA_DEMO0001/numbers/${enc(n.routed)}`),

    request("%2F smuggling a longer path into the number", "DELETE", `${account}/numbers/${enc(`${n.routed}/assign`)}`),
    request("%2F smuggling a traversal into the number", "DELETE", `${account}/numbers/..%2F..%2FAccount%2FMA_DEMO0001%2Fnumbers%2F${enc(n.routed)}`),
    request("a double-encoded + (%252B)", "DELETE", `${account}/numbers/${enc(enc(n.routed))}`),
    request("a number without its +", "DELETE", `${account}/numbers/${n.routed.slice(1)}`),
    request("a number with an encoded NUL", "DELETE", `${number(n.routed)}%00`),
    request("a number in full-width digits", "DELETE", number(fullwidth(n.routed))),
    request("a number with a zero-width space", "DELETE", `${number(n.routed)}%E2%80%8B`),
    request("the unknown placeholder as the number", "DELETE", `${account}/numbers/${UNKNOWN}`),
    request("a trailing ..", "DELETE", `${number(n.routed)}/..`),
    buy("a .. segment", `${account}/numbers/x/../purchase-from-inventory`),
    buy("an encoded .. segment", `${account}/numbers/x/%2e%2e/purchase-from-inventory`),
    buy("a double slash", "/api/v1//Account/MA_DEMO0001/numbers/purchase-from-inventory"),
    buy("a trailing slash", `${purchase}/`),
    buy("a path parameter ;x", `${purchase};x`),
    buy("an absolute URL as the target", `http://evil.example${purchase.replace("Account", "account")}`),
    request("malformed percent-encoding", "DELETE", `${account}/numbers/%2B91%ZZ`),
    request("a truncated UTF-8 sequence", "DELETE", `${account}/numbers/%E2%82`),
    request("the asterisk target", "OPTIONS", "*"),
    request("an 8 KB path", "DELETE", `${account}/numbers/${"%2B9".repeat(2700)}`),
    request("an 8 KB query", "GET", `${account}/numbers?per_page=${"9".repeat(8000)}`),

    ...["PATCH", "PUT", "OPTIONS", "TRACE", "PROPFIND", "QUERY", "HEAD"].map((method) =>
      request(`the method ${method} on a real path`, method, number(n.routed), method === "HEAD" ? {} : { body: "{}" }),
    ),
  ];
}

function controlCases(n: typeof staged): BadRequest[] {
  const control = (name: string, target: string, body: unknown): BadRequest => ({ ...post(name, `/__emulator${target}`, body), auth: false });
  const seed = { auth_id: "MA_NEW0001", auth_token: "a-long-token" };
  const stock = { e164: "+14155550999", country: "US", region: "CA", setup_fee: 0, monthly_fee: 100, currency: "INR" };
  const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
  const seedBodies: unknown[] = [
    ...malformedJson,
    [],
    { auth_id: 5, auth_token: "a-long-token" },
    { ...seed, auth_token: "short" },
    { ...seed, auth_id: "MA_DEMO0001" },
    { ...seed, auth_id: "SA_NEW0001", parent_id: "SA_DEMO0001" },
    { ...seed, auth_id: "SA_NEW0001", parent_id: "__proto__" },
    { ...seed, parent_id: "MA_DEMO0001" },
    { ...seed, balances: { inr: 5 } },
    { ...seed, balances: { INR: 1e300 } },
    { ...seed, balances: { INR: -1 } },
    { ...seed, release_fees: { INR: "700" } },
    { ...seed, extra: 1 },
    `{"__proto__": {"admin": true}, "auth_id": "MA_NEW0001", "auth_token": "a-long-token"}`,
    `{"auth_id": "MA_NEW0001", "auth_token": "a-long-token", "balances": {"INR": 1e309}}`,
  ];
  const balanceBodies: unknown[] = [
    { currency: "inr", balance: 5 },
    { currency: "INR", balance: "5" },
    { currency: "INR", balance: 1e300 },
    { currency: "INR" },
    { currency: "__proto__", balance: 1 },
  ];
  const stockBodies: unknown[] = [
    { numbers: [] },
    { numbers: "x" },
    { numbers: [{ e164: "+1" }] },
    { numbers: [stock, stock] },
    { numbers: [{ ...stock, e164: n.routed }] },
    { numbers: [{ ...stock, setup_fee: 1e300 }] },
    { numbers: [{ ...stock, monthly_fee: -1 }] },
    { numbers: [{ ...stock, country: "ß" }] },
    { numbers: [{ ...stock, region: 5 }] },
    { numbers: [{ ...stock, e164: fullwidth(stock.e164) }] },
  ];
  const clockBodies: unknown[] = [
    { advance_seconds: -1 },
    { advance_seconds: 1e300 },
    { advance_seconds: "60" },
    { now: "1970-01-01T00:00:00Z" },
    { now: "+275760-09-13T00:00:00.000Z" },
    { now: "not a time" },
    { advance_seconds: 1, now: "2030-01-01T00:00:00Z" },
    { freeze: "yes" },
  ];
  const faultBodies: unknown[] = [
    { kind: "explode" },
    { kind: "status", status: 999 },
    { kind: "latency", latency_ms: -1 },
    { kind: "latency", latency_ms: 600_001 },
    { kind: "status", status: 500, match: { path_contains: "" } },
    { kind: "status", status: 500, times: 0 },
    { kind: "reset", match: { method: 5 } },
  ];
  const lastCall = `/numbers/${enc(n.withSubAccount)}/last-call`;
  return [
    ...seedBodies.map((body) => control(`seeding an account with ${describeBody(body)}`, "/accounts", body)),
    ...balanceBodies.map((body) => control(`setting a balance with ${describeBody(body)}`, "/accounts/MA_DEMO0001/balance", body)),
    control("setting a balance of the account __proto__", "/accounts/__proto__/balance", { currency: "INR", balance: 1 }),
    control("setting a balance of an account with %2F in its id", "/accounts/MA_DEMO0001%2Fbalance/balance", { currency: "INR", balance: 1 }),
    control("setting admin to a string", "/accounts/MA_DEMO0001/admin", { admin: "true" }),
    ...stockBodies.map((body) => control(`stocking ${describeBody(body)}`, "/inventory", body)),
    ...[{ at: "yesterday" }, { at: 5 }, {}, { at: "+275760-09-13T00:00:00.000Z" }].map((body) =>
      control(`a last call with ${describeBody(body)}`, lastCall, body),
    ),
    control("a last call on a number without its +", `/numbers/${n.withSubAccount.slice(1)}/last-call`, { at: null }),
    control("a last call on a double-encoded number", `/numbers/${enc(enc(n.withSubAccount))}/last-call`, { at: null }),
    ...clockBodies.map((body) => control(`moving the clock with ${describeBody(body)}`, "/clock", body)),
    ...faultBodies.map((body) => control(`a fault ${describeBody(body)}`, "/faults", body)),
    control("a fault whose body is nested 100,000 deep", "/faults", `{"kind":"status","status":503,"body":${deep}}`),
    request("an unknown control route", "DELETE", "/__emulator/accounts", { auth: false }),
    request("PUT on the clock", "PUT", "/__emulator/clock", { body: "{}", auth: false }),
    request("the bare control prefix", "GET", "/__emulator", { auth: false }),
    request("a traversal out of the control API", "GET", "/__emulator/../api/v1/Account/MA_DEMO0001/numbers", { auth: false }),
    request("an encoded slash after the control prefix", "GET", "/__emulator%2Faccounts%2FMA_DEMO0001", { auth: false }),
  ];
}

describe("the emulator refuses bad input with a JSON 4xx and changes nothing", () => {
  const fixture = useStatefulEmulator();
  let initial: StateView;

  beforeAll(async () => {
    initial = await fixture().view();
  });

  async function expectRefusedWithoutChange(request: BadRequest): Promise<void> {
    const { emulator, fingerprint } = fixture();
    const before = await fingerprint();
    const response = await sendRaw(emulator.port, { ...request, headers: { ...(request.auth === false ? {} : masterHeaders), ...request.headers } });
    expect(problemsWithRefusal(response, request.method)).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  }

  describe("on the public API", () => {
    it.each(publicCases(staged).map((request) => [request.name, request] as const))("refuses %s", async (_name, request) => {
      await expectRefusedWithoutChange(request);
    });
  });

  describe("on the control API", () => {
    it.each(controlCases(staged).map((request) => [request.name, request] as const))("refuses %s", async (_name, request) => {
      await expectRefusedWithoutChange(request);
    });
  });

  it("shows the same accounts, numbers, ledger, audit, faults and clock after all of them, and still answers", async () => {
    expect(await fixture().view()).toEqual(initial);
  });
});
