import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type NoCredentials, type RunningEmulator } from "../../emulator";
import { callApi, inPath } from "../helpers/emulator";
import type { RawResponse } from "./raw-http";

/** The numbers the fixture leaves in each stage, so that bad requests can aim at real records. */
export const staged = {
  /** Bought by the master account and routed to a trunk. */
  routed: "+918065550001",
  /** Bought by the master account and handed to SA_DEMO0001. */
  withSubAccount: "+918065550002",
  /** Bought, then released the standard way: pending release. */
  pendingRelease: "+918065550003",
  /** Still in inventory. */
  inInventory: "+918065550004",
} as const;

/** The master account's credentials, as request headers. */
export const masterHeaders = { "X-Auth-ID": "MA_DEMO0001", "X-Auth-Token": "emu-token-MA_DEMO0001" };

/** Everything a user could see of the emulator's state, and the state file's exact bytes. */
export interface StateView {
  file: string;
  accounts: unknown[];
  numbers: unknown[];
  listed: unknown;
  ledger: unknown;
  audit: unknown;
  faults: unknown;
  clock: unknown;
}

/** An emulator with a state file, holding a number in each stage, and a way to read all of its state. */
export interface StatefulEmulator {
  emulator: RunningEmulator<NoCredentials>;
  stateFile: string;
  /** Everything: the file, and the control API's and the owner's view of accounts, numbers, ledger, audit, faults and clock. */
  view(): Promise<StateView>;
  /**
   * What any change shows in: the state file's bytes (rewritten on every change to accounts, numbers, ledger,
   * audit or clock) and the queued faults, which are not saved.
   */
  fingerprint(): Promise<Pick<StateView, "file" | "faults">>;
}

const ACCOUNTS = ["MA_DEMO0001", "MA_ADMIN001", "SA_DEMO0001", "SA_DEMO0002"];

/**
 * Starts an emulator on a fresh state file for the enclosing suite (beforeAll), with the seed's master,
 * admin and sub-account ids and the `staged` numbers, the clock frozen so that nothing moves on its own;
 * closes it in afterAll.
 */
export function useStatefulEmulator(): () => StatefulEmulator {
  let fixture: StatefulEmulator | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vobiz-bad-input-"));
    const stateFile = join(dir, "state.json");
    const emulator = await startEmulator({ port: 0, stateFile, seed: "empty" });
    const { control } = emulator;
    await control.freezeClock();
    await control.seedAccount({ auth_id: "MA_DEMO0001", auth_token: "emu-token-MA_DEMO0001", balances: { INR: 50_000 } });
    await control.seedAccount({ auth_id: "MA_ADMIN001", auth_token: "emu-token-MA_ADMIN001", admin: true });
    for (const id of ["SA_DEMO0001", "SA_DEMO0002"]) {
      await control.seedAccount({ auth_id: id, auth_token: `emu-token-${id}`, parent_id: "MA_DEMO0001" });
    }
    const stock = { country: "IN", region: "Karnataka", setup_fee: 100, monthly_fee: 300, currency: "INR" };
    await control.addInventory(Object.values(staged).map((e164) => ({ e164, ...stock })));
    const call = (method: string, path: string, body?: unknown) =>
      callApi(emulator, method, path, { auth: master, ...(body === undefined ? {} : { body }) });
    for (const e164 of [staged.routed, staged.withSubAccount, staged.pendingRelease]) {
      expect((await call("POST", "/v1/Account/MA_DEMO0001/numbers/purchase-from-inventory", { e164 })).status).toBe(200);
    }
    expect((await call("POST", `/v1/Account/MA_DEMO0001/numbers/${inPath(staged.routed)}/assign`, { trunk_group_id: "tg-1" })).status).toBe(204);
    const handOver = `/v1/account/MA_DEMO0001/numbers/${inPath(staged.withSubAccount)}/assign-subaccount`;
    expect((await call("POST", handOver, { sub_account_id: "SA_DEMO0001" })).status).toBe(204);
    expect((await call("DELETE", `/v1/Account/MA_DEMO0001/numbers/${inPath(staged.pendingRelease)}`)).status).toBe(200);
    fixture = {
      emulator,
      stateFile,
      view: () => viewOf(emulator, stateFile),
      fingerprint: async () => ({ file: readFileSync(stateFile, "utf8"), faults: await control.faults() }),
    };
  });
  afterAll(async () => {
    await fixture?.emulator.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (fixture === undefined) throw new Error("useStatefulEmulator(): the emulator starts in beforeAll");
    return fixture;
  };
}

const master = { authId: "MA_DEMO0001", authToken: "emu-token-MA_DEMO0001" };

async function viewOf(emulator: RunningEmulator<NoCredentials>, stateFile: string): Promise<StateView> {
  const { control } = emulator;
  return {
    file: readFileSync(stateFile, "utf8"),
    accounts: await Promise.all(ACCOUNTS.map((id) => control.getAccount(id))),
    numbers: await Promise.all(Object.values(staged).map((e164) => control.getNumber(e164))),
    listed: (await callApi(emulator, "GET", "/v1/Account/MA_DEMO0001/numbers?per_page=100", { auth: master })).body,
    ledger: await control.ledger(),
    audit: await control.audit(),
    faults: await control.faults(),
    clock: await control.clock(),
  };
}

/** The problems with a reply to bad input: it must be a 4xx with a JSON error in the API's envelope. */
export function problemsWithRefusal(response: RawResponse | undefined, method = "GET"): string[] {
  if (response === undefined) return ["the connection closed without an answer"];
  const problems: string[] = [];
  if (response.status < 400 || response.status > 499) problems.push(`status ${response.status}, expected 4xx`);
  if (!/^application\/json/.test(response.headers["content-type"] ?? "")) problems.push(`content-type ${response.headers["content-type"]}`);
  // A HEAD answer has no body by definition; its headers are all it can show.
  if (method === "HEAD") return problems;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return [...problems, `body is not JSON: ${JSON.stringify(response.body.slice(0, 200))}`];
  }
  const error = (body as { error?: unknown } | null)?.error;
  const flat = typeof error === "string" && error !== "";
  const nested = typeof (error as { message?: unknown } | undefined)?.message === "string";
  if (!flat && !nested) problems.push(`body has no "error" in the API's envelope: ${response.body.slice(0, 200)}`);
  return problems;
}
