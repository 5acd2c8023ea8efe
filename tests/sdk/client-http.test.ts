// The client against a scripted HTTP server on port 0: paths, retries, errors,
// reconciliation and secrecy, without the emulator.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import {
  BadRequestError,
  ConflictError,
  ConnectionError,
  CoolOffError,
  ForbiddenError,
  InsufficientBalanceError,
  InvalidResponseError,
  NotFoundError,
  PurchaseOutcomeUnknownError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  VobizClient,
  VobizError,
  type RetryEvent,
  type VobizClientOptions,
} from "../../sdk";

// ---- fixture: a scripted Vobiz on port 0 -------------------------------------------------

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = (req: Seen, res: http.ServerResponse) => void;

class FakeVobiz {
  readonly seen: Seen[] = [];
  readonly #routes = new Map<string, Reply[]>();
  readonly #server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fixture");
      const seen = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body };
      this.seen.push(seen);
      const replies = this.#routes.get(`${seen.method} ${seen.path}`);
      // Each reply is used once, except the last, which repeats.
      const reply = replies === undefined ? json(404, { error: "not_found", message: "no route" }) : replies.length > 1 ? replies.shift() : replies[0];
      reply?.(seen, res);
    });
  });

  on(method: string, path: string, ...replies: Reply[]): this {
    this.#routes.set(`${method} /api${path}`, replies);
    return this;
  }

  count(method: string, path: string): number {
    return this.seen.filter((s) => s.method === method && s.path === `/api${path}`).length;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
const noContent: Reply = (_req, res) => {
  res.writeHead(204);
  res.end();
};
const reset: Reply = (_req, res) => res.socket?.destroy();
const hang: Reply = () => undefined;

// ---- helpers ------------------------------------------------------------------------------

const TOKEN = "tok_SECRET-7f3a9c-never-print";
const ME = "MA_TEST0001";
const E164 = "+919876543210";
const ENC = "%2B919876543210";

function row(e164: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { e164, account_id: ME, country: "IN", region: "Karnataka", status: "active", setup_fee: 100, monthly_fee: 300, currency: "INR", tags: [], ...overrides };
}
function page(items: unknown[], total = items.length, perPage = 100, pageNo = 1) {
  return { items, page: pageNo, per_page: perPage, total };
}

let server: FakeVobiz;
let baseUrl: string;
let delays: number[];
let events: RetryEvent[];

function client(options: Partial<VobizClientOptions> = {}): VobizClient {
  return new VobizClient({
    authId: ME,
    authToken: TOKEN,
    baseUrl,
    sleep: async (ms) => {
      delays.push(ms);
    },
    onRetry: (event) => events.push(event),
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<VobizError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VobizError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

beforeEach(async () => {
  server = new FakeVobiz();
  baseUrl = await server.start();
  delays = [];
  events = [];
});
afterEach(() => server.close());

// ---- tests --------------------------------------------------------------------------------

describe("requests", () => {
  it("sends every operation to its exact path, casing and %2B encoding, with both auth headers", async () => {
    server
      .on("GET", `/v1/Account/${ME}/numbers`, json(200, page([])))
      .on("GET", `/v1/Account/${ME}/inventory/numbers`, json(200, page([])))
      .on("POST", `/v1/Account/${ME}/numbers/purchase-from-inventory`, json(200, { message: "ok", number: row(E164) }))
      .on("DELETE", `/v1/Account/${ME}/numbers/${ENC}`, json(200, { status: "pending_release", release_fee: 700, cooldown_ends_at: "2026-01-02T00:00:00Z", cancel_url: "/x", message: "m" }))
      .on("POST", `/v1/account/${ME}/numbers/${ENC}/cancel-release`, json(200, { status: "active", refund_amount: 700, currency: "INR" }))
      .on("POST", `/v1/account/${ME}/numbers/${ENC}/assign-subaccount`, noContent)
      .on("DELETE", `/v1/account/${ME}/numbers/${ENC}/assign-subaccount`, noContent)
      .on("POST", `/v1/Account/${ME}/numbers/${ENC}/assign`, noContent)
      .on("DELETE", `/v1/Account/${ME}/numbers/${ENC}/assign`, noContent)
      .on("POST", `/v1/Account/${ME}/numbers/${ENC}/application`, json(200, { message: "Number attached to application" }))
      .on("DELETE", `/v1/Account/${ME}/numbers/${ENC}/application`, json(200, { message: "Number detached successfully", number: E164 }))
      .on("GET", `/v1/Account/${ME}/balance/INR`, json(200, { currency: "INR", balance: 10, available_balance: 10 }))
      .on("GET", `/v1/accounts/${ME}/sub-accounts/`, json(200, { sub_accounts: [], total: 0, page: 2, size: 5 }))
      .on("GET", `/v1/accounts/${ME}/sub-accounts/SA_TEST0001`, json(200, { auth_id: "SA_TEST0001" }));
    const vobiz = client();

    await vobiz.listNumbers({ page: 2, perPage: 5, search: "+9198" });
    await vobiz.listInventory({ country: "IN", search: "80", exclude: ["+9180", "9192"], page: 1, perPage: 10 });
    await vobiz.purchaseNumber(E164, { currency: "USD" });
    await vobiz.releaseNumber(E164, { immediate: true });
    await vobiz.cancelRelease(E164);
    await vobiz.assignSubAccount(E164, "SA_TEST0001");
    await vobiz.unassignSubAccount(E164, { force: true });
    await vobiz.assignTrunk(E164, "trunk-uuid-1");
    await vobiz.unassignTrunk(E164);
    await vobiz.attachApplication(E164, "20577609616603585");
    await vobiz.detachApplication(E164);
    await vobiz.getBalance("INR");
    await vobiz.listSubAccounts({ page: 2, size: 5, activeOnly: true });
    await vobiz.getSubAccount("SA_TEST0001");

    expect(server.seen.map((s) => `${s.method} ${s.path}${s.query.size > 0 ? `?${s.query.toString()}` : ""} ${s.body}`.trim())).toEqual([
      `GET /api/v1/Account/${ME}/numbers?page=2&per_page=5&search=%2B9198`,
      `GET /api/v1/Account/${ME}/inventory/numbers?country=IN&search=80&exclude=%2B9180&exclude=9192&page=1&per_page=10`,
      `POST /api/v1/Account/${ME}/numbers/purchase-from-inventory {"e164":"+919876543210","currency":"USD"}`,
      `DELETE /api/v1/Account/${ME}/numbers/${ENC}?immediate=true`,
      `POST /api/v1/account/${ME}/numbers/${ENC}/cancel-release`,
      `POST /api/v1/account/${ME}/numbers/${ENC}/assign-subaccount {"sub_account_id":"SA_TEST0001"}`,
      `DELETE /api/v1/account/${ME}/numbers/${ENC}/assign-subaccount?force=true`,
      `POST /api/v1/Account/${ME}/numbers/${ENC}/assign {"trunk_group_id":"trunk-uuid-1"}`,
      `DELETE /api/v1/Account/${ME}/numbers/${ENC}/assign`,
      `POST /api/v1/Account/${ME}/numbers/${ENC}/application {"application_id":"20577609616603585"}`,
      `DELETE /api/v1/Account/${ME}/numbers/${ENC}/application`,
      `GET /api/v1/Account/${ME}/balance/INR`,
      `GET /api/v1/accounts/${ME}/sub-accounts/?page=2&size=5&active_only=true`,
      `GET /api/v1/accounts/${ME}/sub-accounts/SA_TEST0001`,
    ]);
    for (const seen of server.seen) {
      expect(seen.headers["x-auth-id"]).toBe(ME);
      expect(seen.headers["x-auth-token"]).toBe(TOKEN);
    }
    expect(server.seen[2]?.headers["content-type"]).toBe("application/json");
  });

  it("rejects a malformed E.164 or an empty id before sending anything", async () => {
    const vobiz = client();
    await expect(vobiz.purchaseNumber("98765 43210")).rejects.toThrow(TypeError);
    await expect(vobiz.assignTrunk(E164, " ")).rejects.toThrow(/trunkGroupId must be a non-empty string/);
    expect(server.seen).toHaveLength(0);
  });
});

describe("construction", () => {
  it.each(["http://api.vobiz.ai/api", "http://10.0.0.5:8080/api", "http://localhost.example.com/api", "http://128.0.0.1/api"])(
    "refuses plain http to the non-loopback %s, naming the host",
    (url) => {
      expect(() => new VobizClient({ authId: ME, authToken: TOKEN, baseUrl: url })).toThrow(/refusing plain http to .*unencrypted/);
    },
  );

  it.each(["http://localhost:4010/api", "http://127.0.0.1:4010/api", "http://127.12.0.9/api", "http://[::1]:4010/api", "https://api.vobiz.ai/api/"])(
    "accepts %s",
    (url) => {
      expect(new VobizClient({ authId: ME, authToken: TOKEN, baseUrl: url }).baseUrl).toBe(url.replace(/\/$/, ""));
    },
  );

  it("defaults to the production base URL", () => {
    expect(new VobizClient({ authId: ME, authToken: TOKEN }).baseUrl).toBe("https://api.vobiz.ai/api");
  });

  it("refuses a malformed auth ID or an empty token without quoting the token", () => {
    expect(() => new VobizClient({ authId: "PA_1234", authToken: TOKEN })).toThrow(/authId must be a Vobiz Auth ID/);
    expect(() => new VobizClient({ authId: ME, authToken: "" })).toThrow(/authToken for MA_TEST0001 is missing/);
    expect(() => new VobizClient({ authId: ME, authToken: TOKEN, maxRetries: -1 })).toThrow(/maxRetries must be an integer/);
  });
});

describe("retries", () => {
  const list = `/v1/Account/${ME}/numbers`;
  const rateLimited = (seconds: string) => json(429, { error: "RATE_LIMIT_EXCEEDED", message: "rate limit exceeded" }, { "retry-after": seconds });

  it("waits at least Retry-After before each retry and reports each wait to onRetry", async () => {
    server.on("GET", list, rateLimited("3"), rateLimited("2"), json(200, page([row(E164)])));
    const result = await client().listNumbers();
    expect(result.items).toHaveLength(1);
    expect(server.count("GET", list)).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(3000);
    expect(delays[1]).toBeGreaterThanOrEqual(2000);
    expect(events).toEqual([
      { attempt: 1, delayMs: delays[0], reason: "429 RATE_LIMIT_EXCEEDED", method: "GET", path: `/v1/Account/${ME}/numbers` },
      { attempt: 2, delayMs: delays[1], reason: "429 RATE_LIMIT_EXCEEDED", method: "GET", path: `/v1/Account/${ME}/numbers` },
    ]);
  });

  it("reads Retry-After given as an HTTP-date", async () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    server.on("GET", list, rateLimited(inAMinute), json(200, page([])));
    await client().listNumbers();
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(50_000);
  });

  it("gives up after maxRetries with a RateLimitedError that says so", async () => {
    server.on("GET", list, rateLimited("1"));
    const error = await failure(client({ maxRetries: 2 }).listNumbers());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(1000);
    expect(server.count("GET", list)).toBe(3);
    expect(delays).toHaveLength(2);
    expect(error.message).toContain("after 3 attempts");
    expect(error.message).toContain("raise maxRetries / retryDeadlineMs");
  });

  it("gives up when the next wait would pass the deadline", async () => {
    server.on("GET", list, rateLimited("20"));
    const error = await failure(client({ maxRetries: 10, retryDeadlineMs: 50_000 }).listNumbers());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(server.count("GET", list)).toBe(3);
    expect(delays).toEqual([expect.any(Number), expect.any(Number)]);
    expect(delays.every((d) => d >= 20_000)).toBe(true);
  });

  it("resends a write refused with 429, since Vobiz did not act on it", async () => {
    const path = `/v1/Account/${ME}/numbers/${ENC}/assign`;
    server.on("POST", path, rateLimited("1"), noContent);
    await client().assignTrunk(E164, "trunk-1");
    expect(server.count("POST", path)).toBe(2);
  });

  it.each([502, 503, 504])("retries a read after %i", async (status) => {
    server.on("GET", list, json(status, ""), json(200, page([])));
    await client().listNumbers();
    expect(server.count("GET", list)).toBe(2);
    expect(events[0]?.reason).toBe(String(status));
  });

  it.each([502, 503, 504])("does not resend a write after %i, and says its outcome is unknown", async (status) => {
    const path = `/v1/Account/${ME}/numbers/${ENC}/assign`;
    server.on("POST", path, json(status, { error: "bad_gateway", message: "upstream failed" }));
    const error = await failure(client().assignTrunk(E164, "trunk-1"));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.retryable).toBe(true);
    expect(server.count("POST", path)).toBe(1);
    expect(error.message).toContain("may or may not have been applied");
  });

  it("does not retry a read after a plain 500", async () => {
    server.on("GET", list, json(500, { error: "internal_server_error", message: "boom" }));
    expect(await failure(client().listNumbers())).toBeInstanceOf(ServerError);
    expect(server.count("GET", list)).toBe(1);
  });

  it("retries a read whose connection was reset", async () => {
    server.on("GET", list, reset, json(200, page([row(E164)])));
    const result = await client().listNumbers();
    expect(result.total).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toBe("ECONNRESET");
  });

  it("does not resend a write whose connection was reset", async () => {
    const path = `/v1/account/${ME}/numbers/${ENC}/assign-subaccount`;
    server.on("POST", path, reset);
    const error = await failure(client().assignSubAccount(E164, "SA_TEST0001"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).timedOut).toBe(false);
    expect(error.code).toBe("ECONNRESET");
    expect(server.count("POST", path)).toBe(1);
  });

  it("reports a request with no answer within timeoutMs as a timed-out ConnectionError, after retrying a read", async () => {
    server.on("GET", list, hang);
    const error = await failure(client({ timeoutMs: 150, maxRetries: 1 }).listNumbers());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).timedOut).toBe(true);
    expect(error.status).toBeUndefined();
    expect(server.count("GET", list)).toBe(2);
    expect(error.message).toContain("got no answer from Vobiz: the request timed out");
  });

  it("names refused connections", async () => {
    await server.close();
    const error = await failure(client({ maxRetries: 0 }).listNumbers());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.message).toContain("the connection was refused");
    server = new FakeVobiz();
    await server.start();
  });
});

describe("answers that break the contract", () => {
  const list = `/v1/Account/${ME}/numbers`;

  it("reports a 2xx body that is not JSON as an InvalidResponseError on (body)", async () => {
    server.on("GET", list, json(200, '{"items": [ oops'));
    const error = await failure(client().listNumbers());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).field).toBe("(body)");
    expect(error.message).toContain("not valid JSON");
  });

  it("names the field that does not fit the schema", async () => {
    server.on("GET", list, json(200, page([row(E164), { ...row("+14155551234"), e164: 14155551234 }])));
    const error = await failure(client().listNumbers());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).field).toBe("items[1].e164");
    expect(error.message).toContain("field items[1].e164: Invalid input: expected string, received number");
  });

  it("does not follow a redirect, which would carry the token to another host", async () => {
    const elsewhere = new FakeVobiz();
    const elsewhereUrl = await elsewhere.start();
    try {
      server.on("GET", list, json(302, "", { location: `${elsewhereUrl}/v1/Account/${ME}/numbers` }));
      const error = await failure(client().listNumbers());
      expect(error.constructor).toBe(VobizError);
      expect(error.status).toBe(302);
      expect(elsewhere.seen).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe("errors", () => {
  const unassignPath = `/v1/account/${ME}/numbers/${ENC}/assign-subaccount`;

  it.each([
    [400, { error: "invalid request", message: "number is already assigned to sub-account SA_X" }, BadRequestError],
    [401, { error: { code: 401, message: "Invalid token" } }, UnauthorizedError],
    [403, { error: "forbidden", message: "force requires an admin role" }, ForbiddenError],
    [404, { error: "not_found", message: "number is not assigned to a sub-account" }, NotFoundError],
    [409, { error: "conflict", message: "busy" }, ConflictError],
    [409, { error: "did_cool_off_in_effect", cool_off_until: "2099-01-01T00:00:00Z", cool_off_remaining_seconds: 86400 }, CoolOffError],
    [429, { error: "RATE_LIMIT_EXCEEDED", message: "rate limit exceeded" }, RateLimitedError],
    [500, { status: "error", error: { code: "INTERNAL", message: "boom", details: {} } }, ServerError],
  ] as const)("turns a %i into the right subclass, with method, path, number and Vobiz's words in the message", async (status, body, type) => {
    server.on("DELETE", unassignPath, json(status, body));
    const error = await failure(client({ maxRetries: 0 }).unassignSubAccount(E164));
    expect(error).toBeInstanceOf(type);
    expect(error.status).toBe(status);
    expect(error.method).toBe("DELETE");
    expect(error.path).toBe(unassignPath);
    expect(error.message).toContain(`Unassigning ${E164} from its sub-account`);
    expect(error.message).toContain(`DELETE ${unassignPath}`);
    const words = "message" in body ? body.message : typeof body.error === "object" ? body.error.message : undefined;
    if (words !== undefined) expect(error.message).toContain(words);
  });

  it("explains a cool-off with its end, the time left and both ways out", async () => {
    const until = new Date(Date.now() + (13 * 86_400 + 4 * 3_600) * 1000);
    server.on("DELETE", unassignPath, json(409, { error: "did_cool_off_in_effect", cool_off_until: until.toISOString(), cool_off_remaining_seconds: 13 * 86_400 + 4 * 3_600 }));
    const error = (await failure(client().unassignSubAccount(E164))) as CoolOffError;
    expect(error.coolOffUntil.toISOString()).toBe(until.toISOString());
    expect(error.remainingSeconds).toBe(1137600);
    expect(error.message).toBe(
      `Unassigning ${E164} from its sub-account was refused: a call within the last 15 days puts it in cool-off until ${until.toISOString()} (13d 4h from now). ` +
        `Run again after that time, or pass force: true with admin credentials. [DELETE ${unassignPath} → 409 did_cool_off_in_effect]`,
    );
    expect(server.count("DELETE", unassignPath)).toBe(1);
  });

  it("tells a non-admin that force needs the admin role", async () => {
    server.on("DELETE", unassignPath, json(403, { error: "forbidden", message: "force requires an admin role" }));
    const error = await failure(client().unassignSubAccount(E164, { force: true }));
    expect(error.message).toMatch(/^Force-unassigning \+919876543210 from its sub-account was refused: Vobiz answered 403 forbidden "force requires an admin role"\. force: true needs credentials with the admin role/);
  });
});

describe("secrecy of the auth token", () => {
  const everything = (value: unknown): string =>
    [inspect(value, { depth: Infinity, showHidden: true, getters: true }), JSON.stringify(value), String(value), value instanceof Error ? (value.stack ?? "") : ""].join("\n");

  it("never shows the token in the client", () => {
    const vobiz = client();
    expect(everything(vobiz)).not.toContain(TOKEN);
    expect(inspect(vobiz)).toBe(`VobizClient { authId: "${ME}", baseUrl: "${baseUrl}" }`);
    expect(JSON.parse(JSON.stringify(vobiz))).toEqual({ authId: ME, baseUrl });
  });

  it("never shows the token in errors, even when the server echoes it back", async () => {
    const list = `/v1/Account/${ME}/numbers`;
    const echo: Reply = (req, res) => {
      res.writeHead(401, { "content-type": "text/plain" });
      res.end(`bad credentials: ${String(req.headers["x-auth-token"])}`);
    };
    server.on("GET", list, echo);
    const unauthorized = await failure(client().listNumbers());
    expect(unauthorized).toBeInstanceOf(UnauthorizedError);
    expect(unauthorized.apiMessage).toBe("bad credentials: [redacted]");

    server.on("GET", list, hang);
    const timedOut = await failure(client({ timeoutMs: 100, maxRetries: 1 }).listNumbers());
    server.on("GET", list, reset);
    const resetError = await failure(client({ maxRetries: 1 }).listNumbers());

    for (const error of [unauthorized, timedOut, resetError]) {
      expect(everything(error)).not.toContain(TOKEN);
      expect(Object.values(error).some((v) => typeof v === "object" && v !== null && !(v instanceof Date))).toBe(false);
      expect(error.cause).toBeUndefined();
    }
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });
});

describe("pagination", () => {
  const list = `/v1/Account/${ME}/numbers`;
  const numbers = Array.from({ length: 5 }, (_, i) => row(`+9198765432${10 + i}`));

  it("yields every page and stops at total without asking for an empty page", async () => {
    server.on("GET", list, json(200, page(numbers.slice(0, 2), 4, 2, 1)), json(200, page(numbers.slice(2, 4), 4, 2, 2)));
    const seen: string[] = [];
    for await (const number of client().numbers({ perPage: 2 })) seen.push(number.e164);
    expect(seen).toEqual(numbers.slice(0, 4).map((n) => n.e164));
    expect(server.seen.map((s) => s.query.get("page"))).toEqual(["1", "2"]);
    expect(server.seen.every((s) => s.query.get("per_page") === "2")).toBe(true);
  });

  it("stops on a short page even if total says more", async () => {
    server.on("GET", list, json(200, page(numbers.slice(0, 2), 50, 2, 1)), json(200, page(numbers.slice(2, 3), 50, 2, 2)));
    const seen: string[] = [];
    for await (const number of client().numbers({ perPage: 2 })) seen.push(number.e164);
    expect(seen).toHaveLength(3);
    expect(server.count("GET", list)).toBe(2);
  });

  it("finds the exact number among substring hits, paging as needed", async () => {
    const hits = [row("+9198765432101"), row("+9198765432102")];
    server.on("GET", list, json(200, page(hits, 3, 2, 1)), json(200, page([row(E164, { account_id: "SA_TEST0001" })], 3, 2, 2)));
    const found = await client().findOwnedNumber(E164);
    expect(found).toMatchObject({ e164: E164, account_id: "SA_TEST0001" });
    expect(server.seen[0]?.query.get("search")).toBe(E164);
    expect(server.count("GET", list)).toBe(2);
  });

  it("returns undefined when no listed number matches exactly", async () => {
    server.on("GET", list, json(200, page([row("+9198765432101")])));
    expect(await client().findOwnedNumber(E164)).toBeUndefined();
  });
});

describe("purchase reconciliation", () => {
  const purchase = `/v1/Account/${ME}/numbers/purchase-from-inventory`;
  const owned = `/v1/Account/${ME}/numbers`;
  const inventory = `/v1/Account/${ME}/inventory/numbers`;
  const balance = `/v1/Account/${ME}/balance/INR`;
  const bought = json(200, { message: "Number purchased successfully", number: row(E164) });
  const forSale = json(200, page([row(E164, { account_id: "", tags: null })]));
  const none = json(200, page([]));

  it("returns the number to a sole buyer when the answer was a 502 but the lookup shows it bought, without buying again", async () => {
    server.on("POST", purchase, json(502, "Bad Gateway")).on("GET", owned, json(200, page([row(E164)])));
    const number = await client().purchaseNumber(E164, { soleBuyer: true });
    expect(number).toMatchObject({ e164: E164, account_id: ME });
    expect(server.count("POST", purchase)).toBe(1);
  });

  it("does not call a number the account holds after a 502 its own unless the caller is its sole buyer", async () => {
    server.on("POST", purchase, json(502, "Bad Gateway")).on("GET", owned, json(200, page([row(E164)])));
    const error = await failure(client().purchaseNumber(E164));
    expect(error).toBeInstanceOf(PurchaseOutcomeUnknownError);
    expect(error.message).toContain(`${ME} now holds it, but another buyer with these credentials may have bought it while this purchase had no answer`);
    expect(server.count("POST", purchase)).toBe(1);
  });

  it("sends the purchase again when the connection dropped and the number is still in inventory", async () => {
    server.on("POST", purchase, reset, bought).on("GET", owned, none).on("GET", inventory, forSale);
    const number = await client().purchaseNumber(E164);
    expect(number.account_id).toBe(ME);
    expect(server.count("POST", purchase)).toBe(2);
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toContain("still in inventory, so nothing was bought");
    expect(server.seen.map((s) => `${s.method} ${s.path.replace(`/api/v1/Account/${ME}`, "")}`)).toEqual([
      "POST /numbers/purchase-from-inventory",
      "GET /numbers",
      "GET /inventory/numbers",
      "POST /numbers/purchase-from-inventory",
    ]);
  });

  it("turns the documented 500 into an InsufficientBalanceError with the amounts, once the number is seen still in inventory", async () => {
    server
      .on("POST", purchase, json(500, { error: "internal_server_error", message: "failed to purchase number" }))
      .on("GET", owned, none)
      .on("GET", inventory, forSale)
      .on("GET", balance, json(200, { currency: "INR", balance: 150, available_balance: 150 }));
    const error = await failure(client().purchaseNumber(E164));
    expect(error).toBeInstanceOf(InsufficientBalanceError);
    expect(error).toMatchObject({ required: 400, available: 150, currency: "INR", status: 500, code: "internal_server_error" });
    expect(error.message).toContain(`Buying ${E164} for ${ME} failed for lack of funds`);
    expect(error.message).toContain(`it needs 400 INR (setup fee + first month) and ${ME} has 150 INR available`);
    expect(error.message).toContain(`Top up the INR balance of ${ME}`);
    expect(server.count("POST", purchase)).toBe(1);
  });

  it("sends again after the documented 500 when the balance does cover the number", async () => {
    server
      .on("POST", purchase, json(500, { error: "internal_server_error", message: "failed to purchase number" }), bought)
      .on("GET", owned, none)
      .on("GET", inventory, forSale)
      .on("GET", balance, json(200, { currency: "INR", balance: 5000, available_balance: 5000 }));
    await client().purchaseNumber(E164);
    expect(server.count("POST", purchase)).toBe(2);
  });

  it("fills a 402 with the amounts read from the balance", async () => {
    server
      .on("POST", purchase, json(402, { status: "error", error: { code: "INSUFFICIENT_BALANCE", message: "Insufficient balance to purchase phone number" } }))
      .on("GET", inventory, forSale)
      .on("GET", balance, json(200, { currency: "INR", balance: 10, available_balance: 10 }));
    const error = await failure(client().purchaseNumber(E164));
    expect(error).toBeInstanceOf(InsufficientBalanceError);
    expect(error).toMatchObject({ required: 400, available: 10, currency: "INR", code: "INSUFFICIENT_BALANCE" });
  });

  it("treats a 404 on a resend for a number a sole buyer now owns as success (the earlier answer was lost)", async () => {
    server
      .on("POST", purchase, reset, json(404, { error: "not_found", message: "number not found in inventory" }))
      .on("GET", owned, none, json(200, page([row(E164)])))
      .on("GET", inventory, forSale);
    expect((await client().purchaseNumber(E164, { soleBuyer: true })).account_id).toBe(ME);
    expect(server.count("POST", purchase)).toBe(2);
  });

  // The interleaving behind two resources recording one number: the lookup after a lost answer finds the number
  // still for sale, another buyer with the same credentials buys it, and the resend is refused as not in
  // inventory. The account holds the number, and nothing says whose purchase took it.
  it("refuses to claim a number another buyer of the account bought between the lookup and the resend", async () => {
    server
      .on("POST", purchase, json(503, "Service Unavailable"), json(404, { error: "not_found", message: "number not found in inventory" }))
      .on("GET", owned, none, json(200, page([row(E164)])))
      .on("GET", inventory, forSale);
    const error = await failure(client().purchaseNumber(E164));
    expect(error).toBeInstanceOf(PurchaseOutcomeUnknownError);
    expect(error.message).toContain("another buyer with these credentials may have bought it while this purchase was refused as not in inventory");
    expect(server.count("POST", purchase)).toBe(2);
  });

  it("keeps a first-attempt 404 even when the caller owns the number, so two buyers never share one", async () => {
    server.on("POST", purchase, json(404, { error: "not_found", message: "number not found in inventory" })).on("GET", owned, json(200, page([row(E164)])));
    const error = await failure(client().purchaseNumber(E164));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.count("GET", owned)).toBe(0);
  });

  it("keeps a 404 for a number the caller does not own, with advice", async () => {
    server.on("POST", purchase, json(404, { error: "not_found", message: "number not found in inventory" })).on("GET", owned, none);
    const error = await failure(client().purchaseNumber(E164));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain("Pick another number with listInventory()");
  });

  it("reports an unknown outcome when a timed-out number is neither owned nor for sale, and buys nothing more", async () => {
    server.on("POST", purchase, hang).on("GET", owned, json(200, page([row(E164, { account_id: "SA_TEST0001" })]))).on("GET", inventory, none);
    const error = await failure(client({ timeoutMs: 500 }).purchaseNumber(E164));
    expect(error).toBeInstanceOf(PurchaseOutcomeUnknownError);
    expect((error as PurchaseOutcomeUnknownError).e164).toBe(E164);
    expect(error.message).toContain(`Buying ${E164} for ${ME} may or may not have happened: the request failed (timed out)`);
    expect(error.message).toContain("owned by SA_TEST0001");
    expect(error.message).toContain("before running again");
    expect(server.count("POST", purchase)).toBe(1);
  });

  it("reports an unknown outcome when the lookup fails too", async () => {
    server.on("POST", purchase, json(503, "")).on("GET", owned, json(500, ""));
    const error = await failure(client().purchaseNumber(E164));
    expect(error).toBeInstanceOf(PurchaseOutcomeUnknownError);
    expect(error.message).toContain("the lookup that followed failed too (HTTP 500)");
    expect(server.count("POST", purchase)).toBe(1);
  });

  it("stops sending again once maxRetries resends are spent", async () => {
    server.on("POST", purchase, json(503, "")).on("GET", owned, none).on("GET", inventory, forSale);
    const error = await failure(client({ maxRetries: 2 }).purchaseNumber(E164));
    expect(error).toBeInstanceOf(ServerError);
    expect(server.count("POST", purchase)).toBe(3);
  });

  it("resends after a 429 without any lookup", async () => {
    server.on("POST", purchase, json(429, { error: "RATE_LIMIT_EXCEEDED" }, { "retry-after": "1" }), bought);
    await client().purchaseNumber(E164);
    expect(server.seen.map((s) => s.method)).toEqual(["POST", "POST"]);
  });

  it("reconciles a 2xx answer it cannot read", async () => {
    server.on("POST", purchase, json(200, { message: "purchased from inventory" })).on("GET", owned, json(200, page([row(E164)])));
    expect((await client().purchaseNumber(E164, { soleBuyer: true })).e164).toBe(E164);
    expect(server.count("POST", purchase)).toBe(1);
  });
});

describe("release reconciliation", () => {
  const release = `/v1/Account/${ME}/numbers/${ENC}`;
  const owned = `/v1/Account/${ME}/numbers`;
  const released = json(200, { status: "pending_release", release_fee: 700, cooldown_ends_at: "2026-07-21T09:18:26.785758533Z", cancel_url: "/c", message: "number release initiated" });

  it("returns the lookup's pending_release after a lost answer, without releasing again", async () => {
    server.on("DELETE", release, json(502, "")).on("GET", owned, json(200, page([row(E164, { status: "pending_release", released_at: "2026-07-20T09:18:26Z" })])));
    const result = await client().releaseNumber(E164);
    expect(result).toEqual({
      status: "pending_release",
      release_fee: 0,
      cooldown_ends_at: "2026-07-21T09:18:26.000Z",
      cancel_url: `/api/v1/account/${ME}/numbers/${E164}/cancel-release`,
      message: expect.stringContaining("release confirmed by a lookup") as unknown as string,
    });
    expect(server.count("DELETE", release)).toBe(1);
  });

  it("treats a number no longer listed as released", async () => {
    server.on("DELETE", release, reset).on("GET", owned, json(200, page([])));
    expect((await client().releaseNumber(E164, { immediate: true })).status).toBe("released");
    expect(server.count("DELETE", release)).toBe(1);
  });

  it("sends the release once more when the number is still active", async () => {
    server.on("DELETE", release, json(504, ""), released).on("GET", owned, json(200, page([row(E164)])));
    expect(await client().releaseNumber(E164)).toMatchObject({ status: "pending_release", release_fee: 700 });
    expect(server.count("DELETE", release)).toBe(2);
  });

  it("gives up after one resend", async () => {
    server.on("DELETE", release, json(504, "")).on("GET", owned, json(200, page([row(E164)])));
    expect(await failure(client().releaseNumber(E164))).toBeInstanceOf(ServerError);
    expect(server.count("DELETE", release)).toBe(2);
  });

  it("does not look anything up after a clean refusal", async () => {
    server.on("DELETE", release, json(403, { error: "forbidden", message: "account does not own this number" }));
    const error = await failure(client().releaseNumber(E164));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toContain(`Releasing ${E164} from ${ME} was refused: Vobiz answered 403 forbidden "account does not own this number"`);
    expect(server.seen).toHaveLength(1);
  });
});
