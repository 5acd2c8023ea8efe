import fc from "fast-check";
import { readStateFile } from "../../emulator/persistence";
import { masterHeaders, problemsWithRefusal, staged, useStatefulEmulator } from "./bad-input-fixture";
import { sendRaw, type RawRequest } from "./raw-http";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const enc = encodeURIComponent;

// Every route of docs/api-notes.md and of the control API, with its parameters still to fill in.
const routes: [string, string][] = [
  ["GET", "/api/v1/Account/:account/numbers"],
  ["GET", "/api/v1/Account/:account/inventory/numbers"],
  ["POST", "/api/v1/Account/:account/numbers/purchase-from-inventory"],
  ["DELETE", "/api/v1/Account/:account/numbers/:e164"],
  ["POST", "/api/v1/account/:account/numbers/:e164/cancel-release"],
  ["POST", "/api/v1/account/:account/numbers/:e164/assign-subaccount"],
  ["DELETE", "/api/v1/account/:account/numbers/:e164/assign-subaccount"],
  ["POST", "/api/v1/Account/:account/numbers/:e164/assign"],
  ["DELETE", "/api/v1/Account/:account/numbers/:e164/assign"],
  ["POST", "/api/v1/Account/:account/numbers/:e164/application"],
  ["DELETE", "/api/v1/Account/:account/numbers/:e164/application"],
  ["GET", "/api/v1/Account/:account/balance/:currency"],
  ["GET", "/api/v1/accounts/:account/sub-accounts/"],
  ["GET", "/api/v1/accounts/:account/sub-accounts/:sub"],
  ["POST", "/__emulator/accounts"],
  ["GET", "/__emulator/accounts/:account"],
  ["POST", "/__emulator/accounts/:account/admin"],
  ["POST", "/__emulator/accounts/:account/balance"],
  ["POST", "/__emulator/inventory"],
  ["GET", "/__emulator/numbers/:e164"],
  ["POST", "/__emulator/numbers/:e164/last-call"],
  ["POST", "/__emulator/clock"],
  ["POST", "/__emulator/faults"],
];

const hostileSegment = fc.oneof(
  { arbitrary: fc.constantFrom("MA_DEMO0001", "SA_DEMO0001", "MA_ADMIN001", "INR", ...Object.values(staged).map(enc)), weight: 2 },
  { arbitrary: fc.constantFrom("..", ".", "", "%2F", "%2e%2e", "%252B", "%00", "%ZZ", "%E2%82", "%2B", "__proto__", UNKNOWN), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }).map(enc), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 12 }).map((s) => enc(enc(s))), weight: 1 },
  { arbitrary: fc.integer({ min: 500, max: 4000 }).map((length) => "9".repeat(length)), weight: 1 },
);

const trickySpellings = (e164: string): string[] => [enc(enc(e164)), e164.slice(1), `${enc(e164)}%2Fassign`, `${enc(e164)}%00`, `${enc(e164)}%20`];

// Mostly the caller's own account and real numbers (in tricky spellings too), so that requests get past
// authentication to the handlers; the rest anything.
const segmentFor: Record<string, fc.Arbitrary<string>> = {
  account: fc.oneof({ arbitrary: fc.constant("MA_DEMO0001"), weight: 4 }, { arbitrary: hostileSegment, weight: 1 }),
  e164: fc.oneof(
    { arbitrary: fc.constantFrom(...Object.values(staged).map(enc)), weight: 2 },
    { arbitrary: fc.constantFrom(...Object.values(staged).flatMap(trickySpellings)), weight: 2 },
    { arbitrary: hostileSegment, weight: 1 },
  ),
  currency: fc.oneof(fc.constantFrom("INR", "usd", "%C4%B1nr"), hostileSegment),
  sub: fc.oneof(fc.constantFrom("SA_DEMO0001", "SA_DEMO0002"), hostileSegment),
};

const queryKey = fc.oneof(
  fc.constantFrom("per_page", "page", "size", "immediate", "force", "active_only", "search", "exclude", "country"),
  fc.string({ maxLength: 8 }).map(enc),
);
const queryValue = fc.oneof(
  fc.constantFrom("true", "0", "-1", "1e3", "maybe", "%00", "%ZZ", "99999999999999999999", ""),
  fc.string({ unit: "grapheme", maxLength: 12 }).map(enc),
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length === 0 ? "" : `?${pairs.map(([key, value]) => `${key}=${value}`).join("&")}`));

// The fields of every body the API and the control API take, and two prototype keys.
const fields = [
  ...["e164", "currency", "sub_account_id", "trunk_group_id", "application_id"],
  ...["auth_id", "auth_token", "parent_id", "balances", "balance", "admin", "numbers", "at", "now", "advance_seconds", "freeze"],
  ...["kind", "status", "latency_ms", "times", "match", "__proto__", "constructor"],
];
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(UNKNOWN, 1e308, -1, "", " ", "+918065550009", enc(staged.inInventory), [staged.inInventory], { $ne: null }),
);
const body = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.constantFrom("{", "[", "not json", '{"e164":', "\u0000", "{}}"), weight: 2 },
  { arbitrary: fc.dictionary(fc.constantFrom(...fields), wrongValue, { maxKeys: 4 }).map((value) => JSON.stringify(value)), weight: 4 },
  { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 1 },
);

const credentials = fc.oneof(
  { arbitrary: fc.constant(masterHeaders), weight: 6 },
  fc.constantFrom<Record<string, string>>(
    {},
    { "X-Auth-ID": "MA_DEMO0001", "X-Auth-Token": "wrong-token" },
    { "X-Auth-ID": "SA_DEMO0001", "X-Auth-Token": "emu-token-SA_DEMO0001" },
    { "X-Auth-ID": "MA_ADMIN001", "X-Auth-Token": "emu-token-MA_ADMIN001" },
    { "X-Auth-ID": "__proto__", "X-Auth-Token": "emu-token-MA_DEMO0001" },
  ),
);

const request = fc
  .tuple(
    fc.constantFrom(...routes),
    fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, fc.constantFrom("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS")),
    fc.record(segmentFor),
    query,
    body,
    credentials,
  )
  .map(([[method, template], otherMethod, segments, search, payload, headers]): RawRequest => {
    const target = template.replace(/:([a-z0-9]+)/g, (_, name: string) => segments[name as keyof typeof segments] ?? "") + search;
    if (payload === undefined) return { method: otherMethod ?? method, target, headers };
    return { method: otherMethod ?? method, target, headers: { ...headers, "Content-Type": "application/json" }, body: payload };
  });

describe("the emulator under 1,000 generated hostile requests", () => {
  const fixture = useStatefulEmulator();

  it("answers each with a JSON 4xx that changes nothing, or a 2xx, never a 5xx, and keeps a loadable state file", async () => {
    const { emulator, fingerprint, stateFile } = fixture();
    let baseline = await fingerprint();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const response = await sendRaw(emulator.port, generated);
        if (response !== undefined && response.status >= 200 && response.status < 300) {
          // Some generated requests are valid by chance; what they changed is the new starting point. A fault
          // they queued would answer the next requests with its own status, so it goes.
          accepted += 1;
          if ((await emulator.control.faults()).length > 0) await emulator.control.clearFaults();
          baseline = await fingerprint();
          return;
        }
        const problems = problemsWithRefusal(response, generated.method);
        if (problems.length > 0) throw new Error(`${generated.method} ${String(generated.target).slice(0, 200)}: ${problems.join("; ")}`);
        const after = await fingerprint();
        if (after.file !== baseline.file || JSON.stringify(after.faults) !== JSON.stringify(baseline.faults)) {
          throw new Error(`${generated.method} ${String(generated.target).slice(0, 200)} was refused with ${response?.status} but changed the state`);
        }
      }),
      { numRuns: 1_000 },
    );
    expect(readStateFile(stateFile)?.state.accounts["MA_DEMO0001"]).toBeDefined();
    // Most requests must be refusals (a run sees about 130 reads and writes that happen to be valid), or it
    // would prove little about bad input.
    expect(accepted).toBeLessThan(300);
  });
});
