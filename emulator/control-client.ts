import type { z } from "zod";
import { firstProblem } from "../sdk/zod-issue";
import {
  activeFaultSchema,
  auditSchema,
  clockReadingSchema,
  controlAccountSchema,
  controlErrorSchema,
  controlNumberSchema,
  faultListSchema,
  inventoryAddedSchema,
  ledgerSchema,
  requestLogReportSchema,
} from "./control-schemas";
import type {
  ActiveFault,
  AuditRow,
  ClockChange,
  ClockReading,
  ControlAccount,
  ControlNumber,
  FaultSpec,
  InventoryAdded,
  InventoryNumberInput,
  LedgerRow,
  RequestLogReport,
  SeedAccountRequest,
} from "./control-types";

// A body that is not JSON is quoted in the error up to this many characters.
const BODY_EXCERPT_LIMIT = 200;

/**
 * Raised when the control API refuses a request (an error status: bad input, unknown account, clock moved
 * backwards, …), or when it answers with a body that does not fit the operation's answer: then `field`
 * names where, and the emulator and this client disagree about the control API.
 */
export class EmulatorControlError extends Error {
  override readonly name = "EmulatorControlError";

  constructor(
    readonly status: number,
    readonly operation: string,
    readonly detail: string,
    /** Where the body broke the answer's shape, e.g. `entries[3].amount`; undefined for a refusal. */
    readonly field?: string,
  ) {
    super(
      field === undefined
        ? `emulator control ${operation} failed with HTTP ${status}: ${detail}`
        : `emulator control ${operation} answered HTTP ${status} with a body that does not fit its answer at ${field}: ${detail}`,
    );
  }
}

/**
 * A typed client for the emulator's `/__emulator` control API, for tests and demos. Uses the global
 * `fetch`. Every method rejects with EmulatorControlError when the emulator refuses the request or answers
 * with a body that does not fit, and with the fetch error when the emulator cannot be reached.
 */
export class EmulatorControl {
  /** The emulator's origin, e.g. `http://127.0.0.1:4010`. */
  readonly origin: string;

  /** Takes the base URL the emulator prints (`http://127.0.0.1:PORT/api`) or just its origin. */
  constructor(baseUrl: string) {
    this.origin = new URL(baseUrl).origin;
  }

  /** Creates an account; an `SA_…` needs `parent_id`. Rejects with 409 when the id exists. */
  seedAccount(account: SeedAccountRequest): Promise<ControlAccount> {
    return this.call("seedAccount", controlAccountSchema, "POST", "/accounts", account);
  }

  /** Reads an account (balances, fees, role); rejects with 404 when unknown. */
  getAccount(authId: string): Promise<ControlAccount> {
    return this.call("getAccount", controlAccountSchema, "GET", `/accounts/${encodeURIComponent(authId)}`);
  }

  /** Grants or removes the admin role that `force=true` unassigns need. */
  setAdmin(authId: string, admin: boolean): Promise<ControlAccount> {
    return this.call("setAdmin", controlAccountSchema, "POST", `/accounts/${encodeURIComponent(authId)}/admin`, { admin });
  }

  /** Sets a wallet balance outright (not a ledger movement). */
  setBalance(authId: string, currency: string, balance: number): Promise<ControlAccount> {
    return this.call("setBalance", controlAccountSchema, "POST", `/accounts/${encodeURIComponent(authId)}/balance`, { currency, balance });
  }

  /** Stocks numbers in inventory; rejects with 409 when one exists already. */
  addInventory(numbers: InventoryNumberInput[]): Promise<InventoryAdded> {
    return this.call("addInventory", inventoryAddedSchema, "POST", "/inventory", { numbers });
  }

  /** Sets (or clears, with null) when the number last carried a call, which drives the cool-off. */
  setLastCall(e164: string, at: string | Date | null): Promise<ControlNumber> {
    const body = { at: at instanceof Date ? at.toISOString() : at };
    return this.call("setLastCall", controlNumberSchema, "POST", `/numbers/${encodeURIComponent(e164)}/last-call`, body);
  }

  /** The number's full internal record, or null when the emulator has never heard of it. */
  async getNumber(e164: string): Promise<ControlNumber | null> {
    try {
      return await this.call("getNumber", controlNumberSchema, "GET", `/numbers/${encodeURIComponent(e164)}`);
    } catch (error) {
      if (error instanceof EmulatorControlError && error.status === 404) return null;
      throw error;
    }
  }

  /** The virtual time, RFC 3339. */
  async now(): Promise<string> {
    return (await this.clock()).now;
  }

  /** The virtual time and whether the clock is frozen. */
  clock(): Promise<ClockReading> {
    return this.call("getClock", clockReadingSchema, "GET", "/clock");
  }

  /** Moves the virtual clock forward and returns the new time; rejects with 400 for negative seconds. */
  async advanceClock(seconds: number): Promise<string> {
    return (await this.changeClock({ advance_seconds: seconds })).now;
  }

  /** Moves the virtual clock to an instant; rejects with 400 when that is in the virtual past. */
  async setClock(now: string | Date): Promise<string> {
    return (await this.changeClock({ now: now instanceof Date ? now.toISOString() : now })).now;
  }

  /** Stops the clock where it is (or lets it run again), so boundary tests see an exact instant. */
  freezeClock(frozen = true): Promise<ClockReading> {
    return this.changeClock({ freeze: frozen });
  }

  /** Any combination the clock endpoint accepts. */
  changeClock(change: ClockChange): Promise<ClockReading> {
    return this.call("setClock", clockReadingSchema, "POST", "/clock", change);
  }

  /** Queues a fault for the next matching public request(s). */
  injectFault(fault: FaultSpec): Promise<ActiveFault> {
    return this.call("injectFault", activeFaultSchema, "POST", "/faults", fault);
  }

  /** The faults still queued. */
  async faults(): Promise<ActiveFault[]> {
    return (await this.call("listFaults", faultListSchema, "GET", "/faults")).faults;
  }

  /** Drops every queued fault. */
  async clearFaults(): Promise<void> {
    await this.send("clearFaults", "DELETE", "/faults");
  }

  /** Every balance movement so far, oldest first. */
  async ledger(): Promise<LedgerRow[]> {
    return (await this.call("ledger", ledgerSchema, "GET", "/ledger")).entries;
  }

  /** Every forced unassign so far, oldest first. */
  async audit(): Promise<AuditRow[]> {
    return (await this.call("audit", auditSchema, "GET", "/audit")).entries;
  }

  /** The request log with its counters. */
  requests(): Promise<RequestLogReport> {
    return this.call("requests", requestLogReportSchema, "GET", "/requests");
  }

  /** Empties the request log and resets its counters. */
  async resetRequests(): Promise<void> {
    await this.send("resetRequests", "DELETE", "/requests");
  }

  /** Sends a request and reads its answer with `answer`; see EmulatorControlError for when it rejects. */
  private async call<S extends z.ZodType>(operation: string, answer: S, method: string, path: string, body?: unknown): Promise<z.output<S>> {
    const { status, text } = await this.send(operation, method, path, body);
    const json = parseJson(text);
    if (json === undefined) throw new EmulatorControlError(status, operation, `not JSON: ${excerpt(text)}`, "(body)");
    const parsed = answer.safeParse(json.value);
    if (parsed.success) return parsed.data;
    const { field, problem } = firstProblem(parsed.error);
    throw new EmulatorControlError(status, operation, problem, field);
  }

  /** Sends a request; rejects with EmulatorControlError unless the emulator answers with a success status. */
  private async send(operation: string, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const response = await fetch(`${this.origin}/__emulator${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new EmulatorControlError(response.status, operation, refusalDetail(text));
    return { status: response.status, text };
  }
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  if (text === "") return "(empty body)";
  return text.length <= BODY_EXCERPT_LIMIT ? text : `${text.slice(0, BODY_EXCERPT_LIMIT)}…`;
}

// A refusal is still reported when its body is not the control API's error envelope: the text stands in for it.
function refusalDetail(text: string): string {
  const parsed = controlErrorSchema.safeParse(parseJson(text)?.value);
  return parsed.success ? (parsed.data.message ?? parsed.data.error) : excerpt(text);
}
