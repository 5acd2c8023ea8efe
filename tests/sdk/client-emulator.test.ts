// Every SDK operation and every documented error against the real emulator
// over HTTP, checked on what the emulator observed: its ledger, its audit
// trail, its request log and the numbers' records.
import { inspect } from "node:util";
import { startEmulator, type EmulatorControl, type LedgerRow, type RunningEmulator } from "../../emulator";
import {
  BadRequestError,
  CoolOffError,
  ConnectionError,
  ForbiddenError,
  InsufficientBalanceError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  VobizClient,
  VobizError,
  type RetryEvent,
  type VobizClientOptions,
} from "../../sdk";

let emulator: RunningEmulator;
let control: EmulatorControl;
let delays: number[];
let events: RetryEvent[];

const MASTER = "MA_DEMO0001";
const SUB = "SA_DEMO0001";

function clientAs(credentials: { authId: string; authToken: string }, options: Partial<VobizClientOptions> = {}): VobizClient {
  return new VobizClient({
    ...credentials,
    baseUrl: emulator.baseUrl,
    sleep: async (ms) => {
      delays.push(ms);
    },
    onRetry: (event) => events.push(event),
    ...options,
  });
}
const master = (options: Partial<VobizClientOptions> = {}) => clientAs(emulator.credentials.master, options);
const subAccount = () => clientAs(emulator.credentials.subAccounts[0] ?? { authId: SUB, authToken: "missing" });

async function failure(promise: Promise<unknown>): Promise<VobizError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VobizError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** The first `count` numbers for sale in `country`, sorted by e164. */
async function forSale(country: "IN" | "US", count: number): Promise<string[]> {
  const page = await master().listInventory({ country, perPage: count });
  return page.items.map((n) => n.e164);
}

async function buy(country: "IN" | "US" = "IN"): Promise<string> {
  const [e164] = await forSale(country, 1);
  if (e164 === undefined) throw new Error("inventory is empty");
  await master().purchaseNumber(e164);
  return e164;
}

const debitsFor = (ledger: LedgerRow[], e164: string, kind: LedgerRow["kind"]) => ledger.filter((row) => row.e164 === e164 && row.kind === kind);

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: "default" });
  control = emulator.control;
  delays = [];
  events = [];
});
afterEach(() => emulator.close());

describe("listing owned numbers", () => {
  it("pages through owned numbers with a small per_page, and the iterator fetches every page by itself", async () => {
    const bought = await forSale("US", 5);
    for (const e164 of bought) await master().purchaseNumber(e164);
    await control.resetRequests();

    const first = await master().listNumbers({ perPage: 2 });
    expect(first).toMatchObject({ page: 1, per_page: 2, total: 5 });
    expect(first.items.map((n) => n.e164)).toEqual(bought.slice(0, 2));

    const all: string[] = [];
    for await (const number of master().numbers({ perPage: 2 })) all.push(number.e164);
    expect(all).toEqual(bought);
    expect((await control.requests()).counters["GET listNumbers"]).toBe(1 + 3);
  });

  it("shows a master its sub-accounts' numbers with their owner, and a sub-account only its own", async () => {
    const [mine, theirs] = await forSale("IN", 2);
    if (mine === undefined || theirs === undefined) throw new Error("inventory too small");
    await master().purchaseNumber(mine);
    await master().purchaseNumber(theirs);
    await master().assignSubAccount(theirs, SUB);

    const asMaster = await master().listNumbers();
    expect(asMaster.items.map((n) => [n.e164, n.account_id])).toEqual([
      [mine, MASTER],
      [theirs, SUB],
    ].sort());
    const asSub = await subAccount().listNumbers();
    expect(asSub.items.map((n) => n.e164)).toEqual([theirs]);
  });

  it("finds the exact number among the substring hits of the search", async () => {
    const short = "+918012345678";
    const long = "+9180123456789";
    await control.addInventory([
      { e164: long, country: "IN", region: "Karnataka", setup_fee: 100, monthly_fee: 300, currency: "INR" },
      { e164: short, country: "IN", region: "Karnataka", setup_fee: 100, monthly_fee: 300, currency: "INR" },
    ]);
    await master().purchaseNumber(long);
    await master().purchaseNumber(short);

    expect((await master().listNumbers({ search: short })).total).toBe(2);
    expect((await master().findOwnedNumber(short))?.e164).toBe(short);
    expect((await master().findOwnedNumber(long))?.e164).toBe(long);
    expect(await master().findOwnedNumber("+14155550000")).toBeUndefined();
  });
});

describe("inventory", () => {
  it("filters by country and search, and drops excluded prefixes sent as repeated params", async () => {
    const us = await master().listInventory({ country: "US", perPage: 100 });
    expect(us.total).toBe(60);
    expect(us.items.every((n) => n.country === "US" && n.account_id === "" && n.tags.length === 0)).toBe(true);

    const sanFrancisco = await master().listInventory({ search: "1415", perPage: 100 });
    expect(sanFrancisco.total).toBe(20);
    expect(sanFrancisco.items.every((n) => n.e164.includes("1415"))).toBe(true);

    const texasOnly = await master().listInventory({ country: "US", exclude: ["+1415", "1212"], perPage: 100 });
    expect(texasOnly.total).toBe(20);
    expect(texasOnly.items.every((n) => n.e164.startsWith("+1512"))).toBe(true);
    const request = (await control.requests()).requests.at(-1);
    expect(request?.path).toContain("exclude=%2B1415&exclude=1212");
  });

  it("iterates every inventory page", async () => {
    await control.resetRequests();
    const seen: string[] = [];
    for await (const number of master().inventory({ country: "US", perPage: 25 })) seen.push(number.e164);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect((await control.requests()).counters["GET listInventory"]).toBe(3);
  });
});

describe("buying", () => {
  it("buys a number, debits setup + first month once, and takes it out of inventory", async () => {
    const [row] = (await master().listInventory({ country: "IN", perPage: 1 })).items;
    if (row === undefined) throw new Error("inventory is empty");
    const number = await master().purchaseNumber(row.e164);

    expect(number).toMatchObject({ e164: row.e164, account_id: MASTER, status: "active", trunk_group_id: null, application_id: null });
    expect(debitsFor(await control.ledger(), row.e164, "purchase")).toEqual([
      expect.objectContaining({ account_id: MASTER, amount: -(row.setup_fee + row.monthly_fee), currency: "INR" }),
    ]);
    expect((await master().listInventory({ search: row.e164 })).total).toBe(0);
    expect((await master().findOwnedNumber(row.e164))?.account_id).toBe(MASTER);
  });

  it("charges a sub-account's purchase to its master", async () => {
    const [e164] = await forSale("IN", 1);
    if (e164 === undefined) throw new Error("inventory is empty");
    const number = await subAccount().purchaseNumber(e164);
    expect(number.account_id).toBe(SUB);
    expect(debitsFor(await control.ledger(), e164, "purchase").map((r) => r.account_id)).toEqual([MASTER]);
  });

  it("answers NotFoundError for a number that is not for sale", async () => {
    const error = await failure(master().purchaseNumber("+919999999999"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('"number not found in inventory"');
    expect(error.message).toContain("Pick another number with listInventory()");
  });

  it("refuses a second purchase of a number it already owns, without a second debit", async () => {
    const e164 = await buy();
    const error = await failure(master().purchaseNumber(e164));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(debitsFor(await control.ledger(), e164, "purchase")).toHaveLength(1);
  });

  it("reports a short balance with the amounts, and buys nothing", async () => {
    const poor = { authId: "MA_POOR0001", authToken: "tok_poor_account_1" };
    await control.seedAccount({ auth_id: poor.authId, auth_token: poor.authToken, balances: { INR: 10 } });
    const [row] = (await master().listInventory({ country: "IN", perPage: 1 })).items;
    if (row === undefined) throw new Error("inventory is empty");

    const error = await failure(clientAs(poor).purchaseNumber(row.e164));
    expect(error).toBeInstanceOf(InsufficientBalanceError);
    expect(error).toMatchObject({ required: row.setup_fee + row.monthly_fee, available: 10, currency: "INR" });
    expect(error.message).toContain(`Top up the INR balance of ${poor.authId}`);
    expect(debitsFor(await control.ledger(), row.e164, "purchase")).toHaveLength(0);
    expect((await master().listInventory({ search: row.e164 })).total).toBe(1);
  });

  it("buys exactly once for a sole buyer when Vobiz commits the purchase but answers 502", async () => {
    const [e164] = await forSale("IN", 1);
    if (e164 === undefined) throw new Error("inventory is empty");
    await control.injectFault({ match: { method: "POST", path_contains: "purchase-from-inventory" }, kind: "commit-then-502" });

    const number = await master().purchaseNumber(e164, { soleBuyer: true });
    expect(number).toMatchObject({ e164, account_id: MASTER });
    expect(debitsFor(await control.ledger(), e164, "purchase")).toHaveLength(1);
    expect((await control.requests()).counters["POST purchaseNumber"]).toBe(1);
    expect((await control.getNumber(e164))?.owner).toBe(MASTER);
  });

  it("sends the purchase again after a reset that bought nothing, and is charged once", async () => {
    const [e164] = await forSale("IN", 1);
    if (e164 === undefined) throw new Error("inventory is empty");
    await control.injectFault({ match: { method: "POST", path_contains: "purchase-from-inventory" }, kind: "reset" });

    const number = await master().purchaseNumber(e164);
    expect(number.account_id).toBe(MASTER);
    expect(debitsFor(await control.ledger(), e164, "purchase")).toHaveLength(1);
    const { counters } = await control.requests();
    expect(counters["POST purchaseNumber"]).toBe(2);
    expect(events.map((e) => e.reason)).toEqual([expect.stringContaining("still in inventory, so nothing was bought")]);
  });
});

describe("releasing", () => {
  it("releases into pending_release with the fee, and cancelling restores and refunds it", async () => {
    const e164 = await buy();
    const release = await master().releaseNumber(e164);
    expect(release).toMatchObject({ status: "pending_release", release_fee: 700, cancel_url: `/api/v1/account/${MASTER}/numbers/${e164}/cancel-release` });
    expect(release.cooldown_ends_at).not.toBeNull();
    expect((await master().findOwnedNumber(e164))?.status).toBe("pending_release");

    const again = await failure(master().releaseNumber(e164));
    expect(again).toBeInstanceOf(BadRequestError);
    expect(again.message).toContain("number is already pending release");

    expect(await master().cancelRelease(e164)).toEqual({ status: "active", refund_amount: 700, currency: "INR", refund_status: null });
    expect((await master().findOwnedNumber(e164))?.status).toBe("active");
    const ledger = await control.ledger();
    expect(debitsFor(ledger, e164, "release_fee").map((r) => r.amount)).toEqual([-700]);
    expect(debitsFor(ledger, e164, "refund").map((r) => r.amount)).toEqual([700]);

    const notPending = await failure(master().cancelRelease(e164));
    expect(notPending).toBeInstanceOf(BadRequestError);
    expect(notPending.message).toContain('"number is not pending release"');
  });

  it("releases immediately: gone from the list, nothing to cancel", async () => {
    const e164 = await buy();
    expect(await master().releaseNumber(e164, { immediate: true })).toMatchObject({ status: "released", cancel_url: null, release_fee: 700 });
    expect(await master().findOwnedNumber(e164)).toBeUndefined();
    const error = await failure(master().cancelRelease(e164));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('"number not found"');
  });

  it("refuses to release a number the account does not own", async () => {
    const [e164] = await forSale("US", 1);
    if (e164 === undefined) throw new Error("inventory is empty");
    const error = await failure(master().releaseNumber(e164));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toContain('"account does not own this number"');
    expect((await control.requests()).counters["GET listNumbers"]).toBeUndefined();
  });

  it("confirms a release committed behind a 502 by a lookup, charging the fee once", async () => {
    const e164 = await buy();
    await control.injectFault({ match: { method: "DELETE" }, kind: "commit-then-502" });
    const result = await master().releaseNumber(e164);
    expect(result.status).toBe("pending_release");
    expect(result.message).toContain("release confirmed by a lookup");
    expect(debitsFor(await control.ledger(), e164, "release_fee")).toHaveLength(1);
    expect((await control.requests()).counters["DELETE releaseNumber"]).toBe(1);
  });

  it("sends the release once more after a reset that released nothing", async () => {
    const e164 = await buy();
    await control.injectFault({ match: { method: "DELETE" }, kind: "reset" });
    expect(await master().releaseNumber(e164)).toMatchObject({ status: "pending_release", release_fee: 700 });
    expect(debitsFor(await control.ledger(), e164, "release_fee")).toHaveLength(1);
    expect((await control.requests()).counters["DELETE releaseNumber"]).toBe(2);
  });
});

describe("sub-account assignment", () => {
  it("assigns a number to a sub-account and takes it back", async () => {
    const e164 = await buy();
    await master().assignSubAccount(e164, SUB);
    expect((await master().findOwnedNumber(e164))?.account_id).toBe(SUB);
    expect((await subAccount().findOwnedNumber(e164))?.account_id).toBe(SUB);

    const twice = await failure(master().assignSubAccount(e164, "SA_DEMO0002"));
    expect(twice).toBeInstanceOf(BadRequestError);
    expect(twice.message).toContain(`number is already assigned to sub-account ${SUB}`);

    await master().unassignSubAccount(e164);
    expect((await control.getNumber(e164))?.owner).toBe(MASTER);
    expect(await subAccount().findOwnedNumber(e164)).toBeUndefined();
  });

  it("refuses assignment from sub-account credentials and to a stranger's sub-account", async () => {
    const e164 = await buy();
    expect(await failure(subAccount().assignSubAccount(e164, SUB))).toBeInstanceOf(ForbiddenError);
    await control.seedAccount({ auth_id: "SA_STRANGER1", auth_token: "tok_stranger_1", parent_id: "MA_ADMIN001" });
    const error = await failure(master().assignSubAccount(e164, "SA_STRANGER1"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('"number or sub-account not found"');
    expect(await failure(master().unassignSubAccount(e164))).toBeInstanceOf(NotFoundError);
  });

  it("reports the cool-off with its end and remaining time, refuses force without admin, and lets an admin force it", async () => {
    const e164 = await buy();
    await master().assignSubAccount(e164, SUB);
    await control.freezeClock();
    const now = Date.parse(await control.now());
    const lastCall = new Date(now - 86_400_000);
    await control.setLastCall(e164, lastCall);

    const error = await failure(master().unassignSubAccount(e164));
    expect(error).toBeInstanceOf(CoolOffError);
    const coolOff = error as CoolOffError;
    expect(coolOff.coolOffUntil.getTime()).toBe(lastCall.getTime() + 15 * 86_400_000);
    expect(coolOff.remainingSeconds).toBe(14 * 86_400);
    expect(coolOff.message).toContain(`Unassigning ${e164} from its sub-account was refused: a call within the last 15 days puts it in cool-off until ${coolOff.coolOffUntil.toISOString()} (14d from now)`);
    expect(coolOff.message).toContain("pass force: true with admin credentials");

    const notAdmin = await failure(master().unassignSubAccount(e164, { force: true }));
    expect(notAdmin).toBeInstanceOf(ForbiddenError);
    expect(notAdmin.message).toContain('"force requires an admin role"');
    expect((await control.getNumber(e164))?.owner).toBe(SUB);

    await control.setAdmin(MASTER, true);
    await master().unassignSubAccount(e164, { force: true });
    expect((await control.getNumber(e164))?.owner).toBe(MASTER);
    expect(await control.audit()).toEqual([expect.objectContaining({ kind: "forced_unassign", e164, actor_account_id: MASTER, from_account_id: SUB })]);
  });

  it("lets the unassign through once the cool-off has passed", async () => {
    const e164 = await buy();
    await master().assignSubAccount(e164, SUB);
    await control.setLastCall(e164, new Date(Date.parse(await control.now()) - 86_400_000));
    expect(await failure(master().unassignSubAccount(e164))).toBeInstanceOf(CoolOffError);
    await control.advanceClock(14 * 86_400 + 60);
    await master().unassignSubAccount(e164);
    expect((await control.getNumber(e164))?.owner).toBe(MASTER);
  });
});

describe("routing", () => {
  it("assigns and removes a trunk, refusing what the API refuses", async () => {
    const e164 = await buy();
    await master().assignTrunk(e164, "trunk-group-1");
    expect((await master().findOwnedNumber(e164))?.trunk_group_id).toBe("trunk-group-1");

    const onTrunk = await failure(master().assignTrunk(e164, "trunk-group-2"));
    expect(onTrunk).toBeInstanceOf(BadRequestError);
    expect(onTrunk.message).toContain("This number is already assigned to a trunk.");
    const appWhileTrunk = await failure(master().attachApplication(e164, "app-1"));
    expect(appWhileTrunk).toBeInstanceOf(BadRequestError);
    expect(appWhileTrunk.message).toContain("This number is assigned to a trunk.");

    await master().unassignTrunk(e164);
    expect((await master().findOwnedNumber(e164))?.trunk_group_id).toBeNull();
    const noTrunk = await failure(master().unassignTrunk(e164));
    expect(noTrunk).toBeInstanceOf(BadRequestError);
    expect(noTrunk.message).toContain("This number is not assigned to a trunk.");
  });

  it("attaches and detaches an application, refusing what the API refuses", async () => {
    const e164 = await buy();
    await master().attachApplication(e164, "20577609616603585");
    expect((await master().findOwnedNumber(e164))?.application_id).toBe("20577609616603585");
    await master().attachApplication(e164, "app-2");
    expect((await master().findOwnedNumber(e164))?.application_id).toBe("app-2");

    const trunkWhileApp = await failure(master().assignTrunk(e164, "trunk-group-1"));
    expect(trunkWhileApp).toBeInstanceOf(BadRequestError);
    expect(trunkWhileApp.message).toContain("This number is attached to an application.");

    await master().detachApplication(e164);
    expect((await master().findOwnedNumber(e164))?.application_id).toBeNull();
    const none = await failure(master().detachApplication(e164));
    expect(none).toBeInstanceOf(BadRequestError);
    expect(none.message).toContain("This number has no application.");
  });

  it("answers NotFoundError for routing a number the account does not own", async () => {
    const [e164] = await forSale("IN", 1);
    if (e164 === undefined) throw new Error("inventory is empty");
    for (const call of [master().assignTrunk(e164, "t"), master().unassignTrunk(e164), master().attachApplication(e164, "a"), master().detachApplication(e164)]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toContain(e164);
    }
  });
});

describe("balance and sub-accounts", () => {
  it("reads the balance, a sub-account reading its master's wallet", async () => {
    expect(await master().getBalance("INR")).toMatchObject({ account_id: MASTER, currency: "INR", balance: 50000, available_balance: 50000 });
    const e164 = await buy();
    const cost = -(debitsFor(await control.ledger(), e164, "purchase")[0]?.amount ?? 0);
    expect((await subAccount().getBalance("INR")).available_balance).toBe(50000 - cost);
  });

  it("lists, iterates and reads sub-accounts without their tokens", async () => {
    const page = await master().listSubAccounts();
    expect(page).toMatchObject({ page: 1, total: 2 });
    expect(page.sub_accounts.map((s) => s.auth_id)).toEqual(["SA_DEMO0002", "SA_DEMO0001"]);
    expect(JSON.stringify(page)).not.toContain("auth_token");

    await control.resetRequests();
    const all: string[] = [];
    for await (const sub of master().subAccounts({ size: 1 })) all.push(sub.auth_id);
    expect(all).toEqual(["SA_DEMO0002", "SA_DEMO0001"]);
    expect((await control.requests()).counters["GET listSubAccounts"]).toBe(2);

    expect(await master().getSubAccount(SUB)).toMatchObject({ auth_id: SUB, parent_auth_id: MASTER });
    const unknown = await failure(master().getSubAccount("SA_NOPE0001"));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown.message).toContain('"sub-account not found"');
    expect(await failure(subAccount().listSubAccounts())).toBeInstanceOf(ForbiddenError);
  });

  it("lists only active sub-accounts when asked", async () => {
    await control.seedAccount({ auth_id: "SA_NEW00001", auth_token: "tok_new_sub_1", parent_id: MASTER });
    expect((await master().listSubAccounts({ activeOnly: true })).total).toBe(3);
    const paged = await master().listSubAccounts({ page: 2, size: 2 });
    expect(paged).toMatchObject({ page: 2, size: 2, total: 3 });
    expect(paged.sub_accounts).toHaveLength(1);
  });
});

describe("credentials, rate limits and secrecy", () => {
  const WRONG_TOKEN = "tok_WRONG-emulator-9d2f-never-print";

  it("answers UnauthorizedError for a wrong token, on the flat and the nested 401, without leaking the token", async () => {
    const intruder = clientAs({ authId: MASTER, authToken: WRONG_TOKEN });
    const flat = await failure(intruder.listNumbers());
    expect(flat).toBeInstanceOf(UnauthorizedError);
    expect(flat.message).toContain(`Check that authId ${MASTER} and its authToken belong together`);
    const nested = await failure(intruder.cancelRelease("+919876543210"));
    expect(nested).toBeInstanceOf(UnauthorizedError);
    expect(nested).toMatchObject({ code: "401", apiMessage: "Invalid token" });

    for (const error of [flat, nested]) {
      expect(inspect(error, { depth: Infinity, showHidden: true })).not.toContain(WRONG_TOKEN);
      expect(error.stack).not.toContain(WRONG_TOKEN);
    }
    expect(inspect(intruder, { depth: Infinity, showHidden: true })).not.toContain(WRONG_TOKEN);
    // The emulator redacts the tokens it knows; this one it does not, so only the SDK keeps it out.
    expect(JSON.stringify(await control.requests())).not.toContain(WRONG_TOKEN);
  });

  it("waits out 429s for at least Retry-After, then succeeds", async () => {
    await control.injectFault({ match: { method: "GET", path_contains: "/numbers" }, times: 2, kind: "status", status: 429, retry_after_seconds: 2 });
    const page = await master().listNumbers();
    expect(page.total).toBe(0);
    expect(delays).toHaveLength(2);
    expect(delays.every((d) => d >= 2000)).toBe(true);
    expect(events.map((e) => e.reason)).toEqual(["429 RATE_LIMIT_EXCEEDED", "429 RATE_LIMIT_EXCEEDED"]);
    expect((await control.requests()).counters["GET listNumbers"]).toBe(3);
  });

  it("gives up on 429s with a RateLimitedError after maxRetries", async () => {
    await control.injectFault({ match: { path_contains: "/balance/" }, times: 10, kind: "status", status: 429, retry_after_seconds: 1 });
    const error = await failure(master({ maxRetries: 2 }).getBalance("INR"));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(1000);
    expect((await control.requests()).counters["GET getBalance"]).toBe(3);
  });

  it("retries a read that timed out, and reports a write that timed out as a ConnectionError", async () => {
    await control.injectFault({ match: { method: "GET", path_contains: "/balance/" }, kind: "latency", latency_ms: 3000 });
    expect((await master({ timeoutMs: 1000 }).getBalance("INR")).balance).toBe(50000);
    expect(events).toEqual([expect.objectContaining({ attempt: 1, reason: "ETIMEDOUT", method: "GET" })]);

    const e164 = await buy();
    await control.injectFault({ match: { method: "POST", path_contains: "/assign" }, kind: "latency", latency_ms: 3000 });
    const error = await failure(master({ timeoutMs: 1000 }).assignTrunk(e164, "trunk-1"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).timedOut).toBe(true);
    expect(error.message).toContain("may or may not have been applied");
  });
});
