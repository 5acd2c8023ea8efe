// The control client against a scripted control API on port 0: the answers it refuses, and how it
// reports them, without an emulator that would only ever answer well.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { EmulatorControl, EmulatorControlError } from "../../emulator";

// ---- fixture: a control API that answers each path with a canned status and body ------------

interface CannedReply {
  status: number;
  body: string;
  contentType?: string;
}

const replies = new Map<string, CannedReply>();
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const reply = replies.get(`${req.method} ${req.url}`) ?? { status: 404, body: JSON.stringify({ error: "not_found", message: "no canned reply" }) };
    res.writeHead(reply.status, { "content-type": reply.contentType ?? "application/json" });
    res.end(reply.body);
  });
});

function answer(method: string, path: string, status: number, body: unknown): void {
  replies.set(`${method} /__emulator${path}`, { status, body: JSON.stringify(body) });
}

let control: EmulatorControl;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  control = new EmulatorControl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api`);
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});
beforeEach(() => replies.clear());

async function refusal(pending: Promise<unknown>): Promise<EmulatorControlError> {
  const error: unknown = await pending.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(EmulatorControlError);
  return error as EmulatorControlError;
}

const number = {
  id: "b9a1c0de-0000-4000-8000-000000000001",
  e164: "+918065550001",
  country: "IN",
  region: "KA",
  stage: "owned",
  owner: "MA_FIXTURE1",
  status: "active",
  setup_fee: 0,
  monthly_fee: 700,
  currency: "INR",
  trunk_group_id: null,
  application_id: null,
  tags: [],
  last_call_at: null,
  purchased_at: "2026-05-01T12:00:00.000Z",
  released_at: null,
  pending_release_until: null,
  quarantine_until: null,
  release_charge: null,
  created_at: "2026-05-01T12:00:00.000Z",
  updated_at: "2026-05-01T12:00:00.000Z",
};

// ---- tests ---------------------------------------------------------------------------------

describe("the control client reading an answer", () => {
  it("refuses a number whose stage it does not know, naming the operation and the field", async () => {
    answer("GET", "/numbers/%2B918065550001", 200, { ...number, stage: "lost" });
    const error = await refusal(control.getNumber("+918065550001"));
    expect(error).toMatchObject({ status: 200, operation: "getNumber", field: "stage" });
    expect(error.message).toMatch(/^emulator control getNumber answered HTTP 200 with a body that does not fit its answer at stage: /);
  });

  it("names the row and the field of a ledger row without its amount", async () => {
    const row = { id: 1, account_id: "MA_FIXTURE1", kind: "purchase", amount: -700, currency: "INR", e164: "+918065550001", balance_after: 300, at: "2026-05-01T12:00:00.000Z" };
    const { amount: _amount, ...withoutAmount } = row;
    answer("GET", "/ledger", 200, { entries: [row, withoutAmount] });
    const error = await refusal(control.ledger());
    expect(error).toMatchObject({ operation: "ledger", field: "entries[1].amount" });
    expect(error.message).toContain("at entries[1].amount: Invalid input: expected number, received undefined");
  });

  it("refuses a time that is not RFC 3339 where the callers read one", async () => {
    answer("GET", "/clock", 200, { now: "yesterday", frozen: true });
    expect(await refusal(control.clock())).toMatchObject({ operation: "getClock", field: "now" });
  });

  it("refuses a success whose body is not JSON, quoting the start of it", async () => {
    replies.set("GET /__emulator/requests", { status: 200, body: `<html>${"x".repeat(500)}</html>`, contentType: "text/html" });
    const error = await refusal(control.requests());
    expect(error).toMatchObject({ status: 200, operation: "requests", field: "(body)" });
    expect(error.message).toContain(`(body): not JSON: <html>${"x".repeat(194)}…`);
  });

  it("drops a field it does not know and returns the ones it reads", async () => {
    answer("GET", "/clock", 200, { now: "2026-05-01T12:00:00.000Z", frozen: false, zone: "UTC" });
    expect(await control.clock()).toEqual({ now: "2026-05-01T12:00:00.000Z", frozen: false });
  });

  it("reads a well-formed number as it was sent", async () => {
    answer("GET", "/numbers/%2B918065550001", 200, number);
    expect(await control.getNumber("+918065550001")).toEqual(number);
  });
});

describe("the control client reporting a refusal", () => {
  it("gives the message of the control API's error envelope", async () => {
    answer("POST", "/inventory", 409, { error: "conflict", message: "number +918065550001 already exists" });
    const error = await refusal(control.addInventory([]));
    expect(error).toMatchObject({ status: 409, operation: "addInventory", field: undefined });
    expect(error.message).toBe("emulator control addInventory failed with HTTP 409: number +918065550001 already exists");
  });

  it("quotes a refusal whose body is not the envelope", async () => {
    replies.set("DELETE /__emulator/faults", { status: 502, body: "Bad Gateway", contentType: "text/plain" });
    expect((await refusal(control.clearFaults())).message).toBe("emulator control clearFaults failed with HTTP 502: Bad Gateway");
  });

  it("turns a 404 for a number into null, but not a malformed answer", async () => {
    expect(await control.getNumber("+918065550002")).toBeNull();
    answer("GET", "/numbers/%2B918065550002", 200, { ...number, e164: 918065550002 });
    expect(await refusal(control.getNumber("+918065550002"))).toMatchObject({ field: "e164" });
  });
});
