import {
  BadRequestError,
  ConflictError,
  CoolOffError,
  ForbiddenError,
  InsufficientBalanceError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  VobizError,
  formatDuration,
} from "../../sdk";
import { parseErrorBody } from "../../sdk/error-body";
import { errorFromResponse } from "../../sdk/error-factory";
import type { RequestContext } from "../../sdk/errors";
import { parseRetryAfter } from "../../sdk/retry-after";

const unassign: RequestContext = {
  action: "Unassigning +919876543210 from its sub-account",
  account: "MA_TEST0001",
  method: "DELETE",
  path: "/v1/account/MA_TEST0001/numbers/%2B919876543210/assign-subaccount",
};

function answer(status: number, body: unknown, headers: Record<string, string> = {}, context = unassign) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return errorFromResponse({ status, headers, body: text }, context, Date.parse("2026-05-27T06:00:00Z"));
}

describe("errorFromResponse", () => {
  it.each([
    [400, BadRequestError, false],
    [401, UnauthorizedError, false],
    [402, InsufficientBalanceError, false],
    [403, ForbiddenError, false],
    [404, NotFoundError, false],
    [409, ConflictError, false],
    [429, RateLimitedError, true],
    [500, ServerError, false],
    [502, ServerError, true],
    [503, ServerError, true],
    [504, ServerError, true],
  ] as const)("maps %i to %p (retryable: %p)", (status, type, retryable) => {
    const error = answer(status, { error: "some_code", message: "some message" });
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(VobizError);
    expect(error.name).toBe(type.name);
    expect(error.status).toBe(status);
    expect(error.code).toBe("some_code");
    expect(error.apiMessage).toBe("some message");
    expect(error.retryable).toBe(retryable);
  });

  it("uses the base VobizError for a status no subclass describes, such as a redirect", () => {
    const error = answer(302, "");
    expect(error.constructor).toBe(VobizError);
    expect(error.message).toContain("Check that baseUrl points at the Vobiz API");
  });

  it("turns the cool-off 409 into a CoolOffError with its end and remaining seconds", () => {
    const error = answer(409, { error: "did_cool_off_in_effect", cool_off_until: "2026-06-09T10:00:00Z", cool_off_remaining_seconds: 1137600 });
    expect(error).toBeInstanceOf(CoolOffError);
    const coolOff = error as CoolOffError;
    expect(coolOff.coolOffUntil.toISOString()).toBe("2026-06-09T10:00:00.000Z");
    expect(coolOff.remainingSeconds).toBe(1137600);
    expect(coolOff.retryable).toBe(true);
    expect(coolOff.message).toBe(
      "Unassigning +919876543210 from its sub-account was refused: a call within the last 15 days puts it in cool-off until 2026-06-09T10:00:00.000Z (13d 4h from now). " +
        "Run again after that time, or pass force: true with admin credentials. " +
        "[DELETE /v1/account/MA_TEST0001/numbers/%2B919876543210/assign-subaccount → 409 did_cool_off_in_effect]",
    );
  });

  it("works out the cool-off end from the remaining seconds when Vobiz gives only those", () => {
    const error = answer(409, { error: "did_cool_off_in_effect", cool_off_remaining_seconds: 3600 }) as CoolOffError;
    expect(error.coolOffUntil.toISOString()).toBe("2026-05-27T07:00:00.000Z");
    expect(error.remainingSeconds).toBe(3600);
  });

  it("works out the remaining seconds from the end when Vobiz gives only that", () => {
    const error = answer(409, { error: "did_cool_off_in_effect", cool_off_until: "2026-05-27T06:00:30.5Z" }) as CoolOffError;
    expect(error.remainingSeconds).toBe(31);
  });

  it("keeps any other 409 a ConflictError", () => {
    expect(answer(409, { error: "conflict", message: "busy" })).toBeInstanceOf(ConflictError);
  });

  it("reads Retry-After in seconds into a RateLimitedError", () => {
    const error = answer(429, { error: "RATE_LIMIT_EXCEEDED", message: "rate limit exceeded" }, { "retry-after": "7" }) as RateLimitedError;
    expect(error.retryAfterMs).toBe(7000);
    expect(error.message).toContain("Vobiz asked to wait 7s");
  });

  it("falls back to details.retryAfter of the generic envelope when there is no header", () => {
    const body = {
      status: "error",
      error: { code: "RATE_LIMIT_EXCEEDED", message: "Too many requests", details: { retryAfter: 60 } },
      timestamp: "2026-01-01T00:00:00Z",
      requestId: "req_abc",
    };
    const error = answer(429, body) as RateLimitedError;
    expect(error.code).toBe("RATE_LIMIT_EXCEEDED");
    expect(error.apiMessage).toBe("Too many requests");
    expect(error.retryAfterMs).toBe(60_000);
  });

  it("leaves retryAfterMs out when Vobiz gives no hint", () => {
    const error = answer(429, "") as RateLimitedError;
    expect("retryAfterMs" in error).toBe(false);
  });

  it("uses an operation's hint instead of the generic advice", () => {
    const error = answer(404, { error: "not_found", message: "number not found in inventory" }, {}, { ...unassign, hints: { 404: "Pick another number." } });
    expect(error.message).toContain('Vobiz answered 404 not_found "number not found in inventory". Pick another number.');
  });

  it("tells a write's caller that a 5xx leaves the outcome unknown, and a read's caller to run again", () => {
    expect(answer(503, "").message).toContain("may or may not have been applied");
    expect(answer(503, "", {}, { ...unassign, method: "GET" }).message).toContain("run again later");
  });

  it("says after how many attempts it gave up", () => {
    expect(answer(503, "", {}, { ...unassign, attempts: 5 }).message).toMatch(/→ 503, after 5 attempts\]$/);
  });
});

describe("parseErrorBody", () => {
  it("reads the flat {error, message} body of the phone-number pages", () => {
    expect(parseErrorBody('{"error": "forbidden", "message": "account does not own this number"}')).toEqual({
      code: "forbidden",
      message: "account does not own this number",
    });
  });

  it("reads the nested 401 of cancel-release, with a numeric code", () => {
    expect(parseErrorBody('{"error": {"code": 401, "message": "Invalid token"}}')).toEqual({ code: "401", message: "Invalid token" });
  });

  it("reads a sentence in `error` as the message when there is no message", () => {
    const error = answer(404, { error: "number not found" });
    expect(error.code).toBe("number not found");
    expect(error.message).toContain('Vobiz answered 404 "number not found"');
  });

  it("survives non-JSON, HTML, empty and odd JSON bodies", () => {
    expect(parseErrorBody("")).toEqual({});
    expect(parseErrorBody("upstream connect error")).toEqual({ message: "upstream connect error" });
    expect(parseErrorBody("<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>")).toEqual({ message: "502 Bad Gateway nginx" });
    expect(parseErrorBody("[1,2]")).toEqual({ message: "[1,2]" });
    expect(parseErrorBody('{"error": 42, "message": ["x"]}')).toEqual({});
    expect(parseErrorBody("x".repeat(500)).message).toHaveLength(201);
  });

  it("still yields a typed error from a body it cannot read", () => {
    const error = answer(403, "<html>Forbidden</html>");
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.apiMessage).toBe("Forbidden");
    expect(answer(500, "").message).toContain("Vobiz answered 500 with no explanation");
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-05-27T06:00:00Z");

  it("reads seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("1.5", now)).toBe(1_500);
  });

  it("reads an HTTP-date as the time left until then, never negative", () => {
    expect(parseRetryAfter("Wed, 27 May 2026 06:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Wed, 27 May 2026 05:00:00 GMT", now)).toBe(0);
  });

  it("ignores an absent or unreadable header", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect([1209600, 1137600, 7500, 200, 45, 0].map(formatDuration)).toEqual(["14d", "13d 4h", "2h 5m", "3m 20s", "45s", "0s"]);
  });
});
