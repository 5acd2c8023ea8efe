import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmulatorState } from "../../emulator/model";
import { readStateFile } from "../../emulator/persistence";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process";

const MASTER = { "X-Auth-ID": "MA_DEMO0001", "X-Auth-Token": "emu-token-MA_DEMO0001" };
const START_BALANCE = 10_000_000;

/** One request of the load, with the number it aims at when it has one. */
interface Planned {
  kind: "purchase" | "release" | "assign" | "read" | "control";
  method: string;
  url: string;
  body?: unknown;
  e164?: string;
}

/** What the emulator answered to one planned request. */
interface Answer {
  planned: Planned;
  status: number;
}

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { ...(url.includes("/__emulator/") ? {} : MASTER), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

// A fixed shuffle, so that a failure can be replayed with the same interleaving of kinds.
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  let seed = 20_260_601;
  for (let i = result.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    const j = seed % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/**
 * Readies a fresh emulator for the load (a deep wallet, 40 numbers bought one by one) and returns 200 mixed
 * requests: 80 purchases of 60 numbers (20 of them wanted twice), 30 releases and 30 sub-account hand-overs
 * of 20 numbers each (10 of each asked twice), 40 reads and 20 control calls.
 */
async function planLoad(emulator: EmulatorProcess): Promise<Planned[]> {
  const api = `${emulator.baseUrl}/v1/Account/MA_DEMO0001`;
  const control = emulator.controlUrl;
  expect((await call("POST", `${control}/accounts/MA_DEMO0001/balance`, { currency: "INR", balance: START_BALANCE })).status).toBe(200);
  const inventory: string[] = [];
  for (let page = 1; page <= 3; page++) {
    const listed = (await call("GET", `${api}/inventory/numbers?per_page=100&page=${page}`)).body as { items: { e164: string }[] };
    inventory.push(...listed.items.map((n) => n.e164));
  }
  const owned = inventory.slice(0, 40);
  for (const e164 of owned) expect((await call("POST", `${api}/numbers/purchase-from-inventory`, { e164 })).status).toBe(200);
  const [toRelease, toAssign, toBuy] = [owned.slice(0, 20), owned.slice(20, 40), inventory.slice(40, 100)];
  const twice = <T>(list: T[], extra: number): T[] => [...list, ...list.slice(0, extra)];
  const path = (e164: string): string => encodeURIComponent(e164);
  const plan: Planned[] = [
    ...twice(toBuy, 20).map((e164): Planned => ({
      kind: "purchase",
      method: "POST",
      url: `${api}/numbers/purchase-from-inventory`,
      body: { e164 },
      e164,
    })),
    ...twice(toRelease, 10).map((e164, i): Planned => ({
      kind: "release",
      method: "DELETE",
      url: `${api}/numbers/${path(e164)}${i % 3 === 0 ? "?immediate=true" : ""}`,
      e164,
    })),
    ...twice(toAssign, 10).map((e164): Planned => ({
      kind: "assign",
      method: "POST",
      url: `${emulator.baseUrl}/v1/account/MA_DEMO0001/numbers/${path(e164)}/assign-subaccount`,
      body: { sub_account_id: "SA_DEMO0001" },
      e164,
    })),
    ...Array.from({ length: 40 }, (_, i): Planned => ({
      kind: "read",
      method: "GET",
      url: [
        `${api}/numbers?per_page=100`,
        `${api}/inventory/numbers?country=IN`,
        `${api}/balance/INR`,
        `${emulator.baseUrl}/v1/accounts/MA_DEMO0001/sub-accounts/`,
      ][i % 4]!,
    })),
    ...Array.from({ length: 20 }, (_, i): Planned => {
      const e164 = toAssign[i % toAssign.length]!;
      return [
        { kind: "control", method: "GET", url: `${control}/ledger` },
        { kind: "control", method: "POST", url: `${control}/numbers/${path(e164)}/last-call`, body: { at: "2026-01-20T10:00:00Z" }, e164 },
        { kind: "control", method: "GET", url: `${control}/numbers/${path(e164)}` },
        { kind: "control", method: "GET", url: `${control}/clock` },
      ][i % 4] as Planned;
    }),
  ];
  expect(plan).toHaveLength(200);
  return shuffled(plan);
}

/**
 * Fires every request at once. With `killAfter`, SIGKILLs the emulator once that many answers have arrived;
 * requests cut off by the kill have no answer. Returns the answers that arrived.
 */
async function fire(plan: Planned[], emulator: EmulatorProcess, killAfter?: number): Promise<Answer[]> {
  let answered = 0;
  const settled = await Promise.allSettled(
    plan.map(async (planned): Promise<Answer> => {
      const { status } = await call(planned.method, planned.url, planned.body);
      answered += 1;
      if (answered === killAfter) emulator.child.kill("SIGKILL");
      return { planned, status };
    }),
  );
  return settled.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
}

/**
 * Everything in the saved state that disagrees with the answers, or with itself. `complete` says every
 * request was answered, so the state holds exactly what was answered; otherwise it may hold more (writes
 * committed whose answers were cut off), never less.
 */
function disagreements(state: EmulatorState, answers: Answer[], complete: boolean): string[] {
  const problems: string[] = [];
  const ok = (kind: Planned["kind"], status: number): Answer[] => answers.filter((a) => a.planned.kind === kind && a.status === status);
  for (const answer of answers) if (answer.status >= 500) problems.push(`${answer.planned.method} ${answer.planned.url} answered ${answer.status}`);

  const debits = state.ledger.filter((e) => e.kind === "purchase");
  const debitCount = new Map<string, number>();
  for (const e of debits) debitCount.set(e.e164, (debitCount.get(e.e164) ?? 0) + 1);
  for (const [e164, count] of debitCount) if (count > 1) problems.push(`${e164} was debited ${count} times`);

  const bought = ok("purchase", 200).map((a) => a.planned.e164!);
  if (new Set(bought).size !== bought.length) problems.push(`a number was sold twice: ${bought.join(", ")}`);
  const targets = new Set(answers.filter((a) => a.planned.kind === "purchase").map((a) => a.planned.e164!));
  for (const e164 of bought) {
    if (state.numbers[e164]?.owner !== "MA_DEMO0001") problems.push(`${e164} was sold (200) but the state gives it to ${state.numbers[e164]?.owner}`);
    if (debitCount.get(e164) !== 1) problems.push(`${e164} was sold (200) but has ${debitCount.get(e164) ?? 0} debits`);
  }
  for (const e164 of targets) {
    const debited = debitCount.has(e164);
    if (debited && state.numbers[e164]?.owner !== "MA_DEMO0001") problems.push(`${e164} was debited but is not owned`);
    if (complete && debited !== bought.includes(e164)) {
      problems.push(`${e164}: debited ${debited}, but the answer said ${bought.includes(e164) ? "sold" : "not sold"}`);
    }
  }

  const released = ok("release", 200).map((a) => a.planned.e164!);
  const fees = state.ledger.filter((e) => e.kind === "release_fee");
  if (new Set(released).size !== released.length) problems.push(`a number was released twice: ${released.join(", ")}`);
  for (const e164 of released) {
    const n = state.numbers[e164];
    if (n?.status !== "pending_release" && n?.status !== "released") problems.push(`${e164} was released (200) but is ${n?.status}`);
    if (fees.filter((e) => e.e164 === e164).length !== 1) problems.push(`${e164} was released (200) but was not charged exactly once`);
  }
  if (complete && fees.length !== released.length) problems.push(`${fees.length} release fees for ${released.length} releases answered`);

  for (const answer of ok("assign", 204)) {
    const holder = state.numbers[answer.planned.e164!]?.owner;
    if (holder !== "SA_DEMO0001") problems.push(`${answer.planned.e164} was handed over (204) but is with ${holder}`);
  }

  // The ledger must be whole: ids in sequence, each balance the previous one plus the amount, the last one the wallet's.
  let balance = START_BALANCE;
  state.ledger.forEach((entry, index) => {
    if (entry.id !== index + 1) problems.push(`ledger entry ${index} has id ${entry.id}`);
    balance = Math.round((balance + entry.amount) * 100) / 100;
    if (entry.balance_after !== balance) problems.push(`ledger entry ${entry.id} says ${entry.balance_after}, the sum says ${balance}`);
    const n = state.numbers[entry.e164];
    if (entry.kind === "purchase" && n !== undefined && entry.amount !== -(n.setup_fee + n.monthly_fee)) {
      problems.push(`ledger entry ${entry.id} debits ${entry.amount} for ${entry.e164}`);
    }
  });
  const wallet = state.accounts["MA_DEMO0001"]?.balances["INR"];
  if (wallet !== balance) problems.push(`the wallet holds ${wallet}, the ledger adds up to ${balance}`);
  return problems;
}

/** Restarts on the file and checks that the new process serves what the file holds. */
async function expectRestartServes(stateFile: string, state: EmulatorState): Promise<void> {
  const again = await startEmulatorProcess(["--port", "0", "--state", stateFile]);
  try {
    expect(((await call("GET", `${again.controlUrl}/ledger`)).body as { entries: unknown[] }).entries).toHaveLength(state.ledger.length);
    const owned = Object.values(state.numbers).filter((n) => n.owner === "MA_DEMO0001" && n.status === "active").map((n) => n.e164).sort();
    const listed: { e164: string; account_id: string; status: string }[] = [];
    for (let page = 1; ; page++) {
      const url = `${again.baseUrl}/v1/Account/MA_DEMO0001/numbers?per_page=100&page=${page}`;
      const { items } = (await call("GET", url)).body as { items: typeof listed };
      listed.push(...items);
      if (items.length < 100) break;
    }
    expect(listed.filter((n) => n.account_id === "MA_DEMO0001" && n.status === "active").map((n) => n.e164)).toEqual(owned);
  } finally {
    again.child.kill("SIGTERM");
    expect((await again.exited).code).toBe(0);
  }
}

describe("the --state file under 200 concurrent requests to a vobiz-emulator process", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vobiz-load-"));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("holds exactly what was answered: each 2xx purchase owned and debited once, each release charged once", async () => {
    const stateFile = join(dir, "state.json");
    const emulator = await startEmulatorProcess(["--port", "0", "--state", stateFile]);
    let answers: Answer[];
    try {
      answers = await fire(await planLoad(emulator), emulator);
    } finally {
      emulator.child.kill("SIGTERM");
      expect((await emulator.exited).code).toBe(0);
    }
    expect(answers).toHaveLength(200);
    // The load must have raced: both outcomes of the purchases wanted twice, and of the repeated hand-overs.
    expect(answers.filter((a) => a.planned.kind === "purchase" && a.status === 404).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.planned.kind === "assign" && a.status === 400).length).toBeGreaterThan(0);

    const saved = readStateFile(stateFile)!;
    expect(disagreements(saved.state, answers, true)).toEqual([]);
    expect(readdirSync(dir)).toEqual(["state.json"]);
    await expectRestartServes(stateFile, saved.state);
  });

  it("survives kill -9 in the middle: the file loads and agrees with every answer received before the kill", async () => {
    const stateFile = join(dir, "state.json");
    const emulator = await startEmulatorProcess(["--port", "0", "--state", stateFile]);
    const answers = await fire(await planLoad(emulator), emulator, 80);
    expect((await emulator.exited).signal).toBe("SIGKILL");
    expect(answers.length).toBeGreaterThanOrEqual(80);
    expect(answers.length).toBeLessThan(200);

    const saved = readStateFile(stateFile)!;
    expect(disagreements(saved.state, answers, false)).toEqual([]);
    await expectRestartServes(stateFile, saved.state);
    // A save cut short leaves at most a temporary file, which the restart removed.
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });
});
