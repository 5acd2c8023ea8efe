import type {
  ActiveFault,
  AuditRow,
  ClockChange,
  ClockReading,
  ControlAccount,
  ControlNumber,
  FaultSpec,
  InventoryNumberInput,
  LedgerRow,
  RequestLogReport,
  SeedAccountRequest,
} from "./control-types";

/** Raised when the control API answers with an error status; carries the status and the body's message. */
export class EmulatorControlError extends Error {
  override readonly name = "EmulatorControlError";

  constructor(
    readonly status: number,
    readonly operation: string,
    readonly detail: string,
  ) {
    super(`emulator control ${operation} failed with HTTP ${status}: ${detail}`);
  }
}

/**
 * A typed client for the emulator's `/__emulator` control API, for tests and demos. Uses the
 * global `fetch`, so it needs no dependency. Every method rejects with EmulatorControlError when the
 * emulator refuses the request (bad input, unknown account, clock moved backwards, …) and with the
 * fetch error when the emulator cannot be reached.
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
    return this.call("seedAccount", "POST", "/accounts", account);
  }

  /** Reads an account (balances, fees, role); rejects with 404 when unknown. */
  getAccount(authId: string): Promise<ControlAccount> {
    return this.call("getAccount", "GET", `/accounts/${encodeURIComponent(authId)}`);
  }

  /** Grants or removes the admin role that `force=true` unassigns need. */
  setAdmin(authId: string, admin: boolean): Promise<ControlAccount> {
    return this.call("setAdmin", "POST", `/accounts/${encodeURIComponent(authId)}/admin`, { admin });
  }

  /** Sets a wallet balance outright (not a ledger movement). */
  setBalance(authId: string, currency: string, balance: number): Promise<ControlAccount> {
    return this.call("setBalance", "POST", `/accounts/${encodeURIComponent(authId)}/balance`, { currency, balance });
  }

  /** Stocks numbers in inventory; rejects with 409 when one exists already. */
  addInventory(numbers: InventoryNumberInput[]): Promise<{ added: number }> {
    return this.call("addInventory", "POST", "/inventory", { numbers });
  }

  /** Sets (or clears, with null) when the number last carried a call, which drives the cool-off. */
  setLastCall(e164: string, at: string | Date | null): Promise<ControlNumber> {
    const body = { at: at instanceof Date ? at.toISOString() : at };
    return this.call("setLastCall", "POST", `/numbers/${encodeURIComponent(e164)}/last-call`, body);
  }

  /** The number's full internal record, or null when the emulator has never heard of it. */
  async getNumber(e164: string): Promise<ControlNumber | null> {
    try {
      return await this.call<ControlNumber>("getNumber", "GET", `/numbers/${encodeURIComponent(e164)}`);
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
    return this.call("getClock", "GET", "/clock");
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
    return this.call("setClock", "POST", "/clock", change);
  }

  /** Queues a fault for the next matching public request(s). */
  injectFault(fault: FaultSpec): Promise<ActiveFault> {
    return this.call("injectFault", "POST", "/faults", fault);
  }

  /** The faults still queued. */
  async faults(): Promise<ActiveFault[]> {
    return (await this.call<{ faults: ActiveFault[] }>("listFaults", "GET", "/faults")).faults;
  }

  clearFaults(): Promise<void> {
    return this.call("clearFaults", "DELETE", "/faults");
  }

  /** Every balance movement so far, oldest first. */
  async ledger(): Promise<LedgerRow[]> {
    return (await this.call<{ entries: LedgerRow[] }>("ledger", "GET", "/ledger")).entries;
  }

  /** Every forced unassign so far, oldest first. */
  async audit(): Promise<AuditRow[]> {
    return (await this.call<{ entries: AuditRow[] }>("audit", "GET", "/audit")).entries;
  }

  /** The request log with its counters. */
  requests(): Promise<RequestLogReport> {
    return this.call("requests", "GET", "/requests");
  }

  /** Empties the request log and resets its counters. */
  resetRequests(): Promise<void> {
    return this.call("resetRequests", "DELETE", "/requests");
  }

  private async call<T>(operation: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}/__emulator${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new EmulatorControlError(response.status, operation, errorDetail(text));
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }
}

function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    return String(body.message ?? body.error ?? text);
  } catch {
    return text || "(empty body)";
  }
}
