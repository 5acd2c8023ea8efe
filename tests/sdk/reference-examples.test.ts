// The examples Vobiz publishes for each endpoint, copied verbatim, must parse
// with the SDK's schemas (docs/api-notes.md describes each shape). Where Vobiz
// gives only a field list (sub-accounts, balance, the purchase `items`
// artefact), the example is built from that list and says so.
import {
  CoolOffError,
  ForbiddenError,
  InsufficientBalanceError,
  NotFoundError,
  RateLimitedError,
  BadRequestError,
  ServerError,
  UnauthorizedError,
} from "../../sdk";
import { errorFromResponse } from "../../sdk/error-factory";
import type { RequestContext } from "../../sdk/errors";
import {
  balanceSchema,
  cancelReleaseResponseSchema,
  phoneNumberPageSchema,
  phoneNumberSchema,
  purchaseResponseSchema,
  releaseResponseSchema,
  subAccountPageSchema,
  subAccountSchema,
} from "../../sdk/schemas";

// The number object (docs/api-notes.md "The number object").
const phoneNumberExample = `{
  "id": "aabbccdd-1234-5678-90ab-cdef12345678",
  "account_id": "MA_XXXXXXXX",
  "e164": "+919876543210",
  "country": "IN",
  "region": "Karnataka",
  "capabilities": {"voice": true, "sms": false, "mms": false, "fax": false},
  "status": "active",
  "provider": "",
  "setup_fee": 100,
  "monthly_fee": 300,
  "currency": "INR",
  "application_id": "20577609616603585",
  "voice_enabled": true,
  "tags": [],
  "purchased_at": "2026-03-25T06:58:38.796024Z",
  "is_blocked": false,
  "created_at": "2026-03-25T18:30:00Z",
  "updated_at": "2026-03-25T06:58:54.752187Z",
  "is_trial_number": false,
  "last_billing_date": "2026-03-25T06:58:38.796024Z",
  "next_billing_date": "2026-04-25T06:58:38.796024Z",
  "minimum_commitment_months": 0,
  "aadhaar_verification_required": false,
  "aadhaar_verified": false,
  "source": "purchased"
}`;

// The owned-numbers list, response 200.
const listEnvelopeExample = `{
  "items": [ { "...PhoneNumber object as above...": "" } ],
  "page": 1,
  "per_page": 25,
  "total": 24
}`;

// The inventory list, response 200.
const inventoryExample = `{
  "items": [
    {
      "id": "550e8400-e29b-41d4-a716-446655440000",
      "account_id": "",
      "e164": "+14155551234",
      "country": "US",
      "region": "CA",
      "capabilities": {"voice": true, "sms": false, "mms": false, "fax": false},
      "status": "active",
      "provider": "",
      "setup_fee": 0,
      "monthly_fee": 1,
      "currency": "INR",
      "voice_enabled": true,
      "tags": null,
      "is_blocked": false,
      "created_at": "2025-01-15T10:00:00Z",
      "updated_at": "2025-01-15T10:00:00Z",
      "is_trial_number": false,
      "minimum_commitment_months": 0,
      "aadhaar_verification_required": false,
      "aadhaar_verified": false
    }
  ],
  "page": 1,
  "per_page": 25,
  "total": 500
}`;

// The purchase, response 200.
const purchaseExample = `{
  "message": "Number purchased successfully",
  "number": {
    "id": "aabbccdd-1234-5678-90ab-cdef12345678",
    "account_id": "MA_XXXXXXXX",
    "e164": "+919876543210",
    "country": "IN",
    "region": "Karnataka",
    "capabilities": {"voice": true, "sms": false, "mms": false, "fax": false},
    "status": "active",
    "provider": "",
    "setup_fee": 100,
    "monthly_fee": 1.0,
    "currency": "INR",
    "voice_enabled": true,
    "tags": [],
    "purchased_at": "2026-03-25T10:00:00Z",
    "is_blocked": false,
    "created_at": "2026-03-25T10:00:00Z",
    "updated_at": "2026-03-25T10:00:00Z",
    "is_trial_number": false,
    "minimum_commitment_months": 0,
    "aadhaar_verification_required": false,
    "aadhaar_verified": false,
    "source": "inventory"
  }
}`;

// The release, response 200.
const releaseExample = `{
  "cancel_url": "/api/v1/account/MA_XXXXXX/numbers/+919876543210/cancel-release",
  "cooldown_ends_at": "2026-07-21T09:18:26.785758533Z",
  "message": "number release initiated",
  "note": "Number will be in pending_release for 24 hours (cancellable), then quarantined for 45 days before becoming available.",
  "release_fee": 700,
  "status": "pending_release"
}`;

// The unassign cool-off, the 409 body.
const coolOffExample = `{
  "error": "did_cool_off_in_effect",
  "cool_off_until": "2026-06-09T10:00:00Z",
  "cool_off_remaining_seconds": 1209600
}`;

// "Related endpoints", cancel a release.
const cancelExample = `{"message":"release cancelled, number restored to active status","status":"active","currency":"INR","refund_amount":700}`;
const cancelRefundFailedExample = `{"message":"release cancelled, number restored to active status","status":"active","currency":"INR","refund_amount":700,"refund_status":"failed","refund_error":"could not process refund, please contact support"}`;

const parse = (text: string): unknown => JSON.parse(text);

describe("the published PhoneNumber object", () => {
  it("parses verbatim, keeping the wire names and the timestamps exactly as sent", () => {
    const number = phoneNumberSchema.parse(parse(phoneNumberExample));
    expect(number).toMatchObject({
      id: "aabbccdd-1234-5678-90ab-cdef12345678",
      account_id: "MA_XXXXXXXX",
      e164: "+919876543210",
      country: "IN",
      region: "Karnataka",
      capabilities: { voice: true, sms: false, mms: false, fax: false },
      status: "active",
      setup_fee: 100,
      monthly_fee: 300,
      currency: "INR",
      application_id: "20577609616603585",
      trunk_group_id: null,
      tags: [],
      purchased_at: "2026-03-25T06:58:38.796024Z",
      created_at: "2026-03-25T18:30:00Z",
      released_at: null,
      source: "purchased",
    });
  });

  it("drops fields it does not know instead of passing them on", () => {
    const number = phoneNumberSchema.parse({ ...(parse(phoneNumberExample) as object), provider_ref: "MY-CARRIER-123", surprise: 1 });
    expect(number).not.toHaveProperty("provider_ref");
    expect(number).not.toHaveProperty("surprise");
  });

  it("reads the owner from the older auth_id and reports it as account_id", () => {
    const { account_id: _omitted, ...rest } = parse(phoneNumberExample) as Record<string, unknown>;
    const number = phoneNumberSchema.parse({ ...rest, auth_id: "SA_OLDSHAPE1" });
    expect(number.account_id).toBe("SA_OLDSHAPE1");
    expect(number).not.toHaveProperty("auth_id");
  });

  it("accepts fees written as 1.0 or as numeric strings", () => {
    const number = phoneNumberSchema.parse({ ...(parse(phoneNumberExample) as object), setup_fee: "300", monthly_fee: 1.0 });
    expect(number.setup_fee).toBe(300);
    expect(number.monthly_fee).toBe(1);
  });

  it("refuses a fee that is not a number, naming the field", () => {
    const result = phoneNumberSchema.safeParse({ ...(parse(phoneNumberExample) as object), setup_fee: "free" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["setup_fee"]);
  });

  it("normalizes missing optional fields to null, a missing region to '' and a tag object to []", () => {
    const number = phoneNumberSchema.parse({
      e164: "+14155551234",
      country: "US",
      status: "active",
      setup_fee: 0,
      monthly_fee: 1,
      currency: "USD",
      tags: { key: "value" },
    });
    expect(number).toMatchObject({
      account_id: "",
      region: "",
      capabilities: { voice: false, sms: false, mms: false, fax: false },
      trunk_group_id: null,
      application_id: null,
      tags: [],
      purchased_at: null,
      released_at: null,
      id: null,
      source: null,
    });
  });

  it("accepts any RFC 3339 fraction and refuses a timestamp that is not one", () => {
    const base = parse(phoneNumberExample) as object;
    expect(phoneNumberSchema.parse({ ...base, purchased_at: "2026-07-21T09:18:26.785758533Z" }).purchased_at).toBe(
      "2026-07-21T09:18:26.785758533Z",
    );
    expect(phoneNumberSchema.parse({ ...base, purchased_at: "2026-07-21T09:18:26+05:30" }).purchased_at).toBe("2026-07-21T09:18:26+05:30");
    expect(phoneNumberSchema.safeParse({ ...base, purchased_at: "yesterday" }).success).toBe(false);
  });
});

describe("the published list envelope", () => {
  it("parses with the number object in place of the placeholder item", () => {
    const envelope = parse(listEnvelopeExample) as Record<string, unknown>;
    const page = phoneNumberPageSchema.parse({ ...envelope, items: [parse(phoneNumberExample)] });
    expect(page).toMatchObject({ page: 1, per_page: 25, total: 24 });
    expect(page.items[0]?.e164).toBe("+919876543210");
  });

  it("refuses the placeholder item itself, naming items[0].e164", () => {
    const result = phoneNumberPageSchema.safeParse(parse(listEnvelopeExample));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain("items.0.e164");
  });
});

describe("the published inventory list", () => {
  it("parses verbatim, with account_id '' and tags null read as []", () => {
    const page = phoneNumberPageSchema.parse(parse(inventoryExample));
    expect(page).toMatchObject({ page: 1, per_page: 25, total: 500 });
    expect(page.items[0]).toMatchObject({ account_id: "", e164: "+14155551234", region: "CA", tags: [], setup_fee: 0, monthly_fee: 1 });
  });

  it("parses the ten-field published example row (no capabilities, no owner)", () => {
    const row = phoneNumberSchema.parse({
      id: "550e8400-e29b-41d4-a716-446655440000",
      e164: "+14155551234",
      country: "US",
      region: "CA",
      status: "active",
      setup_fee: 0,
      monthly_fee: 1,
      currency: "INR",
      created_at: "2025-01-15T10:00:00Z",
      updated_at: "2025-01-15T10:00:00Z",
    });
    expect(row.account_id).toBe("");
  });
});

describe("the published purchase answer", () => {
  it("parses the prose example, without items", () => {
    const result = purchaseResponseSchema.parse(parse(purchaseExample));
    expect(result.message).toBe("Number purchased successfully");
    expect(result.number).toMatchObject({ account_id: "MA_XXXXXXXX", e164: "+919876543210", monthly_fee: 1, source: "inventory" });
  });

  it("parses the OpenAPI example, whose partial items array is ignored", () => {
    // Built from the field list Vobiz gives for the OpenAPI example's `items`.
    const withItems = {
      ...(parse(purchaseExample) as object),
      items: [
        {
          id: "aabbccdd-1234-5678-90ab-cdef12345678",
          account_id: "MA_XXXXXXXX",
          e164: "+919876543210",
          country: "IN",
          region: "Karnataka",
          capabilities: { voice: true, sms: false, mms: false, fax: false },
          status: "active",
          monthly_fee: 1.0,
          currency: "INR",
        },
      ],
    };
    expect(purchaseResponseSchema.parse(withItems).number.e164).toBe("+919876543210");
  });
});

describe("the published release answer", () => {
  it("parses verbatim, keeping the nanosecond timestamp", () => {
    expect(releaseResponseSchema.parse(parse(releaseExample))).toEqual({
      status: "pending_release",
      release_fee: 700,
      cooldown_ends_at: "2026-07-21T09:18:26.785758533Z",
      cancel_url: "/api/v1/account/MA_XXXXXX/numbers/+919876543210/cancel-release",
      message: "number release initiated",
    });
  });

  it("reads an empty cancel_url of an immediate release as null", () => {
    const immediate = { ...(parse(releaseExample) as object), status: "released", cancel_url: "" };
    expect(releaseResponseSchema.parse(immediate)).toMatchObject({ status: "released", cancel_url: null });
  });
});

describe("the cancel-release answers", () => {
  it("parses the refund", () => {
    expect(cancelReleaseResponseSchema.parse(parse(cancelExample))).toEqual({
      status: "active",
      refund_amount: 700,
      currency: "INR",
      refund_status: null,
    });
  });

  it("keeps the refund_status of a failed refund", () => {
    expect(cancelReleaseResponseSchema.parse(parse(cancelRefundFailedExample))).toMatchObject({ status: "active", refund_status: "failed" });
  });
});

describe("the sub-account list and object", () => {
  // Built from the field list Vobiz gives for "List sub-accounts".
  const subAccount = {
    name: "Support team",
    email: "support@example.com",
    phone: "+919876500000",
    description: "Inbound support",
    permissions: { calls: true, cdr: false },
    rate_limit: 1000,
    id: "7f0c1a2b",
    parent_account_id: "3c9d",
    parent_auth_id: "MA_XXXXXXXX",
    auth_id: "SA_XXXXXXXX",
    auth_token: "<redacted>",
    api_id: "api-123",
    email_verified: true,
    enabled: true,
    created: "2026-03-01",
    modified: "2026-03-02",
    is_active: true,
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-02T10:00:00.123456Z",
    last_used: "2026-03-05T10:00:00Z",
    account: "/v1/Account/MA_XXXXXXXX/",
    resource_uri: "/v1/Account/MA_XXXXXXXX/Subaccount/SA_XXXXXXXX/",
  };

  it("parses the list envelope into sub_accounts/page/size/total", () => {
    const page = subAccountPageSchema.parse({ sub_accounts: [subAccount, { ...subAccount, auth_id: "SA_YYYYYYYY", permissions: null }], total: 28, page: 1, size: 10 });
    expect(page).toMatchObject({ page: 1, size: 10, total: 28 });
    expect(page.sub_accounts.map((s) => s.auth_id)).toEqual(["SA_XXXXXXXX", "SA_YYYYYYYY"]);
    expect(page.sub_accounts[1]?.permissions).toBeNull();
  });

  it("never keeps auth_token, whatever the API sends", () => {
    const parsed = subAccountSchema.parse({ ...subAccount, auth_token: "a-real-token-by-mistake" });
    expect(parsed).not.toHaveProperty("auth_token");
    expect(JSON.stringify(parsed)).not.toContain("a-real-token-by-mistake");
    expect(parsed).toMatchObject({ auth_id: "SA_XXXXXXXX", parent_auth_id: "MA_XXXXXXXX", rate_limit: 1000, enabled: true });
  });
});

describe("the balance", () => {
  it("parses the documented fields, amounts as numbers or numeric strings", () => {
    // Built from the field list Vobiz gives for "Balance".
    const balance = balanceSchema.parse({
      id: "bal-1",
      account_id: "MA_XXXXXXXX",
      currency: "INR",
      balance: 5000,
      reserved_funds: 0,
      promotional_balance: "0.0",
      promotional_reserved_balance: 0,
      available_balance: "4999.5",
      credit_limit: 0,
      is_postpaid: false,
      credit_limit_type: "soft",
      low_balance_threshold: 100,
      status: "active",
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-03-25T06:58:54.752187Z",
    });
    expect(balance).toMatchObject({ currency: "INR", balance: 5000, available_balance: 4999.5, promotional_balance: 0, credit_limit_type: "soft" });
  });
});

describe("the documented error bodies", () => {
  const context: RequestContext = { action: "Doing something with +919876543210", account: "MA_XXXXXX", method: "POST", path: "/v1/x" };
  const errorFor = (status: number, body: string) => errorFromResponse({ status, headers: {}, body }, context, Date.parse("2026-05-26T10:00:00Z"));

  it("turns the published cool-off body into a CoolOffError", () => {
    const error = errorFor(409, coolOffExample);
    expect(error).toBeInstanceOf(CoolOffError);
    expect((error as CoolOffError).coolOffUntil.toISOString()).toBe("2026-06-09T10:00:00.000Z");
    expect((error as CoolOffError).remainingSeconds).toBe(1209600);
    expect(error.message).toContain("(14d from now)");
  });

  it.each([
    [404, `{"error": "not_found", "message": "number not found in inventory"}`, NotFoundError, "not_found", "number not found in inventory"],
    [500, `{"error": "internal_server_error", "message": "failed to purchase number"}`, ServerError, "internal_server_error", "failed to purchase number"],
    [403, `{"error": "forbidden", "message": "account does not own this number"}`, ForbiddenError, "forbidden", "account does not own this number"],
    [404, `{"error": "not_found", "message": "number or sub-account not found"}`, NotFoundError, "not_found", "number or sub-account not found"],
    [401, `{"error": {"code": 401, "message": "Invalid token"}}`, UnauthorizedError, "401", "Invalid token"],
    [400, `{"error":"invalid request","message":"This number is already assigned to a trunk."}`, BadRequestError, "invalid request", "This number is already assigned to a trunk."],
    [
      404,
      `{"error":"Number not found","message":"The phone number could not be found. Ensure it is in your inventory and URL-encoded correctly."}`,
      NotFoundError,
      "Number not found",
      "The phone number could not be found. Ensure it is in your inventory and URL-encoded correctly.",
    ],
    [
      402,
      `{"status":"error","error":{"code":"INSUFFICIENT_BALANCE","message":"Insufficient balance to purchase phone number"}}`,
      InsufficientBalanceError,
      "INSUFFICIENT_BALANCE",
      "Insufficient balance to purchase phone number",
    ],
    [429, `{"error":"RATE_LIMIT_EXCEEDED","message":"rate limit exceeded"}`, RateLimitedError, "RATE_LIMIT_EXCEEDED", "rate limit exceeded"],
  ] as const)("reads %i %s", (status, body, type, code, message) => {
    const error = errorFor(status, body);
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.apiMessage).toBe(message);
    expect(error.message).toContain(message);
  });

  it.each([
    [400, `{"error": "number is not pending release"}`, BadRequestError],
    [403, `{"error": "access denied"}`, ForbiddenError],
    [404, `{"error": "number not found"}`, NotFoundError],
  ] as const)("reads the message-less cancel-release body %i %s", (status, body, type) => {
    const error = errorFor(status, body);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain(`"${(JSON.parse(body) as { error: string }).error}"`);
  });
});
