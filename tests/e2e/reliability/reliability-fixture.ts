import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../../emulator";
import type { ControlNumber } from "../../../emulator/control-types";
import { installedProject } from "../../../scripts/installed-project";
import { ProjectStack, type CliRun, type ProjectStackOptions } from "../../../scripts/project-stack";

// Shared by the reliability suites (interrupted runs, the fault matrix, concurrency): the project folder
// they run, an account of their own on the emulator, and the checks every scenario ends with.

/** The project folder: `count` numbers by criteria, routed, the first `assigned` handed to a sub-account. */
export const RELIABILITY_PROGRAM = path.join(__dirname, "program");

/** An account seeded for one scenario, with a token no other test uses. */
export interface SeededAccount {
  authId: string;
  authToken: string;
  subAccountId: string;
}

/**
 * A copy of the installed project folder that only this test file runs, so that `vobiz-recover` sees no
 * dynamic-provider process of another file's stacks running from it. Removed with `fs.rmSync` by the caller.
 */
export async function ownProjectCopy(label: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vobiz-${label}-`));
  fs.cpSync(await installedProject(RELIABILITY_PROGRAM), dir, { recursive: true });
  return dir;
}

/** Seeds a master account with a large INR balance and one sub-account, both with random tokens. */
export async function seedAccount(emulator: Pick<RunningEmulator, "control">): Promise<SeededAccount> {
  const id = randomBytes(4).toString("hex").toUpperCase();
  const account = { authId: `MA_R${id}`, authToken: `tok-${randomBytes(18).toString("hex")}`, subAccountId: `SA_R${id}` };
  await emulator.control.seedAccount({ auth_id: account.authId, auth_token: account.authToken, balances: { INR: 5_000_000 } });
  await emulator.control.seedAccount({ auth_id: account.subAccountId, auth_token: `sub-${account.authToken}`, parent_id: account.authId });
  return account;
}

/** Sets the stack's Vobiz settings for `account` on `emulator`, the token as a secret, and any `extra` settings. */
export function configureAccount(stack: ProjectStack, emulator: Pick<RunningEmulator, "origin">, account: SeededAccount, extra: Record<string, string> = {}): Promise<void> {
  return stack.configure({ "vobiz:baseUrl": `${emulator.origin}/api`, "vobiz:authId": account.authId, ...extra }, { "vobiz:authToken": account.authToken });
}

/** A new stack of `dir` on the emulator's account, its token set as a secret, and the program's `config`. */
export async function reliabilityStack(
  options: Omit<ProjectStackOptions, "dir"> & { dir: string; baseUrl: string; account: SeededAccount; config: Record<string, string | number> },
): Promise<ProjectStack> {
  const { baseUrl, account, config, ...stackOptions } = options;
  const stack = await ProjectStack.init(stackOptions);
  await stack.configure(
    {
      "vobiz:baseUrl": baseUrl,
      "vobiz:authId": account.authId,
      subAccountId: account.subAccountId,
      ...Object.fromEntries(Object.entries(config).map(([key, value]) => [key, String(value)])),
    },
    { "vobiz:authToken": account.authToken },
  );
  return stack;
}

/** A command started in a session of its own, which a test can kill as a whole or in part. */
export interface DetachedRun {
  /** The pid of `pulumi`, which is also its process group and session id. */
  pid: number;
  finished: Promise<CliRun>;
}

/**
 * Starts `pulumi <args>` on the stack in a new session (`setsid`), as a terminal would, and resolves once its
 * pid is known. `finished` settles when it exits, whatever the exit code.
 */
export async function startDetached(stack: ProjectStack, args: string[]): Promise<DetachedRun> {
  const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-pid-")), "pid");
  const finished = stack.script(`setsid pulumi ${args.join(" ")} --stack ${stack.stackName} & echo $! > ${pidFile}; wait $!`, { expect: "any" });
  for (let waited = 0; !fs.existsSync(pidFile) || fs.readFileSync(pidFile, "utf8").trim() === ""; waited += 50) {
    if (waited > 30_000) throw new Error("the detached pulumi command never started");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { pid: Number(fs.readFileSync(pidFile, "utf8").trim()), finished };
}

/** The processes of a session, from `ps`: a command's own and those it started, whatever their group. */
export function sessionProcesses(sessionId: number): { pid: number; pgid: number; command: string }[] {
  const listing = execFileSync("ps", ["-eo", "pid=,pgid=,sid=,args="], { encoding: "utf8" });
  return listing
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[3]) === sessionId)
    .map((m) => ({ pid: Number(m[1]), pgid: Number(m[2]), command: m[4] ?? "" }));
}

/** Sends SIGKILL to each pid that still exists. */
export function killEach(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}

/** Polls `condition` every 100 ms until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many times the account was debited for each number it bought. */
export async function purchasesOf(emulator: Pick<RunningEmulator, "control">, authId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const row of await emulator.control.ledger()) {
    if (row.kind === "purchase" && row.account_id === authId) counts.set(row.e164, (counts.get(row.e164) ?? 0) + 1);
  }
  return counts;
}

/**
 * What the end of every scenario must show, as sets a test compares: the numbers the stack records, the
 * numbers the account was debited for (each must be debited once), the numbers it still holds, and, for
 * each recorded number, whether the emulator has it as the state says (holder and routing).
 */
export async function stackAgainstAccount(stack: ProjectStack, emulator: Pick<RunningEmulator, "control">, account: SeededAccount) {
  const numbers = stack.resourcesOfType("PhoneNumber");
  const assignments = stack.resourcesOfType("SubAccountAssignment");
  const assignedTo = new Map(assignments.map((a) => [String(a.id), String(a.outputs?.["subAccountId"])]));
  const purchases = await purchasesOf(emulator, account.authId);
  const mismatches: string[] = [];
  for (const resource of numbers) {
    const held: ControlNumber | null = await emulator.control.getNumber(String(resource.id));
    const expected = {
      owner: assignedTo.get(String(resource.id)) ?? account.authId,
      status: "active",
      trunk_group_id: resource.inputs?.["trunkGroupId"] ?? null,
      application_id: resource.inputs?.["applicationId"] ?? null,
    };
    const actual = { owner: held?.owner, status: held?.status, trunk_group_id: held?.trunk_group_id, application_id: held?.application_id };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${resource.id}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  }
  return {
    recorded: numbers.map((r) => String(r.id)).sort(),
    debited: [...purchases.keys()].sort(),
    debitedTwice: [...purchases].filter(([, n]) => n > 1).map(([e164]) => e164),
    assignments: assignments.length,
    mismatches,
  };
}

/**
 * Removes each stack (`pulumi stack rm --force`, which also removes its settings file from the folder) and
 * its file backend, without destroying anything: the emulator the scenario used goes away with it.
 */
export async function forgetStacks(stacks: ProjectStack[]): Promise<void> {
  for (const stack of stacks) await stack.pulumi(["stack", "rm", "--yes", "--force"], { expect: "any" });
  for (const stack of stacks) if (stack.backendDir !== undefined) fs.rmSync(stack.backendDir, { recursive: true, force: true });
}
