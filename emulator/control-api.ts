import { z } from "zod";
import { firstProblem } from "../sdk/zod-issue";
import { ClockError, isoTime, isoTimeOrNull, LATEST_TIME_MS, parseInstant } from "./clock";
import {
  adminSchema,
  balanceSchema,
  clockChangeSchema,
  faultSchema,
  inventorySchema,
  lastCallSchema,
  seedAccountSchema,
} from "./control-schemas";
import type { AuditLog, ClockReading, ControlAccount, FaultList, InventoryAdded, Ledger } from "./control-types";
import { controlErrors, type ApiReply } from "./errors";
import type { FaultQueue } from "./faults";
import type { Account, NumberRecord } from "./model";
import { internalNumberView } from "./number-views";
import { newAccount, newInventoryNumber } from "./records";
import type { RequestLog } from "./request-log";
import { pathPattern, type PathPattern } from "./router";
import type { EmulatorStore } from "./store";

/** What a control handler gets: the emulator's parts, the path parameters and the parsed body. */
export interface ControlRequest {
  readonly store: EmulatorStore;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** One control operation under `/__emulator`. */
export interface ControlRoute {
  readonly name: string;
  readonly method: string;
  readonly pattern: PathPattern;
  readonly handler: (request: ControlRequest) => ApiReply;
  /** False for the log reset, so that the log is empty right after it. */
  readonly logged: boolean;
}

/** Validates a control body. Returns the parsed value, or the 400 reply naming the first bad field. */
function parse<S extends z.ZodType>(schema: S, body: unknown): { value: z.output<S> } | { reply: ApiReply } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { value: result.data };
  const { field, problem } = firstProblem(result.error);
  return { reply: controlErrors.invalid(`${field}: ${problem}`) };
}

function accountView(a: Account): ControlAccount {
  return {
    auth_id: a.auth_id,
    parent_id: a.parent_id,
    name: a.name,
    admin: a.admin,
    balances: { ...a.balances },
    release_fees: { ...a.release_fees },
    created_at: isoTime(a.created_at),
  };
}

function clockReading(store: EmulatorStore): ClockReading {
  return { now: isoTime(store.now()), frozen: store.clock.frozen };
}

function param(request: ControlRequest, name: string): string {
  return request.params[name] ?? "";
}

function withAccount(request: ControlRequest, then: (account: Account) => ApiReply): ApiReply {
  const account = request.store.account(param(request, "authId"));
  return account === undefined ? controlErrors.notFound(`no account ${param(request, "authId")}`) : then(account);
}

function withNumber(request: ControlRequest, then: (n: NumberRecord) => ApiReply): ApiReply {
  const wanted = param(request, "e164");
  if (!wanted.startsWith("+")) return controlErrors.invalid("the number in the path must be E.164, URL-encoded as %2B…");
  const n = request.store.number(wanted);
  return n === undefined ? controlErrors.notFound(`no number ${wanted}`) : then(n);
}

function seedAccount(request: ControlRequest): ApiReply {
  const parsed = parse(seedAccountSchema, request.body);
  if ("reply" in parsed) return parsed.reply;
  const input = parsed.value;
  const { store } = request;
  if (store.account(input.auth_id) !== undefined) return controlErrors.conflict(`account ${input.auth_id} already exists`);
  const isSub = input.auth_id.startsWith("SA_");
  if (isSub) {
    const parent = input.parent_id === undefined ? undefined : store.account(input.parent_id);
    if (parent === undefined || parent.parent_id !== null) {
      return controlErrors.invalid("parent_id: a sub-account needs the id of an existing master account");
    }
  } else if (input.parent_id !== undefined) {
    return controlErrors.invalid("parent_id: only SA_ accounts have a parent");
  }
  const account = newAccount(input, store.now());
  store.addAccount(account);
  return { status: 201, body: accountView(account) };
}

function setAdmin(request: ControlRequest): ApiReply {
  const parsed = parse(adminSchema, request.body);
  if ("reply" in parsed) return parsed.reply;
  const input = parsed.value;
  return withAccount(request, (account) => {
    account.admin = input.admin;
    account.updated_at = request.store.now();
    return { status: 200, body: accountView(account) };
  });
}

function setBalance(request: ControlRequest): ApiReply {
  const parsed = parse(balanceSchema, request.body);
  if ("reply" in parsed) return parsed.reply;
  const input = parsed.value;
  return withAccount(request, (account) => {
    account.balances[input.currency] = input.balance;
    account.updated_at = request.store.now();
    return { status: 200, body: accountView(account) };
  });
}

function addInventory(request: ControlRequest): ApiReply {
  const parsed = parse(inventorySchema, request.body);
  if ("reply" in parsed) return parsed.reply;
  const input = parsed.value;
  const { store } = request;
  const seen = new Set<string>();
  for (const n of input.numbers) {
    if (seen.has(n.e164) || store.number(n.e164) !== undefined) return controlErrors.conflict(`number ${n.e164} already exists`);
    seen.add(n.e164);
  }
  const now = store.now();
  for (const n of input.numbers) store.addNumber(newInventoryNumber(n, now));
  return { status: 201, body: { added: input.numbers.length } satisfies InventoryAdded };
}

function setLastCall(request: ControlRequest): ApiReply {
  const parsed = parse(lastCallSchema, request.body);
  if ("reply" in parsed) return parsed.reply;
  const input = parsed.value;
  const at = input.at === null ? null : parseInstant(input.at);
  if (at === undefined) return controlErrors.invalid(`at: must be null or an ISO 8601 time from 1970 to ${isoTime(LATEST_TIME_MS)}`);
  return withNumber(request, (n) => {
    n.last_call_at = at;
    return { status: 200, body: internalNumberView(n) };
  });
}

function setClock(request: ControlRequest): ApiReply {
  const parsed = parse(clockChangeSchema, request.body);
  if ("reply" in parsed) return parsed.reply;
  const input = parsed.value;
  const { clock } = request.store;
  const target = input.now === undefined ? undefined : parseInstant(input.now);
  if (input.now !== undefined && target === undefined) {
    return controlErrors.invalid(`now: must be an ISO 8601 time from 1970 to ${isoTime(LATEST_TIME_MS)}`);
  }
  try {
    if (input.advance_seconds !== undefined) clock.advance(input.advance_seconds * 1000);
    if (target !== undefined) clock.setTo(target);
  } catch (error) {
    if (error instanceof ClockError) return controlErrors.invalid(error.message);
    throw error;
  }
  if (input.freeze !== undefined) clock.setFrozen(input.freeze);
  request.store.settle();
  return { status: 200, body: clockReading(request.store) };
}

function addFault(request: ControlRequest): ApiReply {
  const parsed = parse(faultSchema, request.body);
  if ("reply" in parsed) return parsed.reply;
  return { status: 201, body: request.faults.add(parsed.value) };
}

function ledger({ store }: ControlRequest): ApiReply {
  const entries = store.state.ledger.map((e) => ({ ...e, at: isoTime(e.at) }));
  return { status: 200, body: { entries } satisfies Ledger };
}

function audit({ store }: ControlRequest): ApiReply {
  const entries = store.state.audit.map((e) => ({
    ...e,
    last_call_at: isoTimeOrNull(e.last_call_at),
    cool_off_until: isoTimeOrNull(e.cool_off_until),
    at: isoTime(e.at),
  }));
  return { status: 200, body: { entries } satisfies AuditLog };
}

function route(name: string, method: string, path: string, handler: ControlRoute["handler"], logged = true): ControlRoute {
  return { name, method, pattern: pathPattern(`/__emulator${path}`), handler, logged };
}

/** The control API: seeding, the clock, faults, and read-outs of the ledger, audit and request log. */
export const controlRoutes: readonly ControlRoute[] = [
  route("seedAccount", "POST", "/accounts", seedAccount),
  route("getAccount", "GET", "/accounts/:authId", (r) => withAccount(r, (a) => ({ status: 200, body: accountView(a) }))),
  route("setAdmin", "POST", "/accounts/:authId/admin", setAdmin),
  route("setBalance", "POST", "/accounts/:authId/balance", setBalance),
  route("addInventory", "POST", "/inventory", addInventory),
  route("getNumber", "GET", "/numbers/:e164", (r) => withNumber(r, (n) => ({ status: 200, body: internalNumberView(n) }))),
  route("setLastCall", "POST", "/numbers/:e164/last-call", setLastCall),
  route("getClock", "GET", "/clock", ({ store }) => ({ status: 200, body: clockReading(store) })),
  route("setClock", "POST", "/clock", setClock),
  route("listFaults", "GET", "/faults", ({ faults }) => ({ status: 200, body: { faults: faults.list() } satisfies FaultList })),
  route("injectFault", "POST", "/faults", addFault),
  route("clearFaults", "DELETE", "/faults", ({ faults }) => {
    faults.clear();
    return { status: 204 };
  }),
  route("ledger", "GET", "/ledger", ledger),
  route("audit", "GET", "/audit", audit),
  route("requests", "GET", "/requests", ({ log }) => ({ status: 200, body: log.report() })),
  route(
    "resetRequests",
    "DELETE",
    "/requests",
    ({ log }) => {
      log.reset();
      return { status: 204 };
    },
    false,
  ),
];
