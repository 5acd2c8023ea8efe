import { startEmulator, type RunningEmulator } from "../../../emulator";
import type { FaultSpec } from "../../../emulator/control-types";
import { VobizClient } from "../../../sdk";
import type { CliRun, ProjectStack } from "../../../scripts/project-stack";
import { installedProject } from "../../../scripts/installed-project";
import { forgetStacks, RELIABILITY_PROGRAM, reliabilityStack, seedAccount, stackAgainstAccount, type SeededAccount } from "./reliability-fixture";

/** The fleet every fault scenario deploys: 50 numbers by criteria, a fifth on applications, 10 handed to a sub-account. */
export const FLEET = { count: 50, assigned: 10, applicationEvery: 5 } as const;

/** A scenario's `up` runs, each with its exit code and what it printed, and how long they took together. */
export interface Convergence {
  runs: CliRun[];
  seconds: number;
}

/**
 * Runs `pulumi up --skip-preview` as a user would until one succeeds, at most `maxRuns` times: a run that
 * fails for a reason the user is told to answer with another `up` is followed by one. Throws with the last
 * run's output when none succeeded.
 */
export async function upUntilConverged(stack: ProjectStack, options: { maxRuns: number; upArgs?: string[]; beforeRerun?: () => Promise<unknown> }): Promise<Convergence> {
  const started = Date.now();
  const runs: CliRun[] = [];
  while (runs.length < options.maxRuns) {
    if (runs.length > 0) await options.beforeRerun?.();
    const run = await stack.up(["--skip-preview", ...(options.upArgs ?? [])], { expect: "any" });
    runs.push(run);
    if (run.code === 0) return { runs, seconds: Math.round((Date.now() - started) / 1000) };
  }
  const last = runs.at(-1);
  throw new Error(`no pulumi up of ${options.maxRuns} succeeded; the last printed:\n${`${last?.stdout}\n${last?.stderr}`.slice(-4000)}`);
}

/**
 * The end of every fault scenario: the stack records 50 numbers and 10 assignments, the account was debited
 * once for each recorded number and for nothing else, it holds no number the stack does not record (no
 * orphan), every number is held and routed as the state says, and the auth token is in no state file, no
 * CLI output and no line of the emulator's request log.
 */
export async function expectConverged(stack: ProjectStack, emulator: Pick<RunningEmulator, "control" | "baseUrl">, account: SeededAccount): Promise<void> {
  await emulator.control.clearFaults();
  const end = await stackAgainstAccount(stack, emulator, account);
  expect(end.recorded).toHaveLength(FLEET.count);
  expect(end.debited).toEqual(end.recorded);
  expect(end.debitedTwice).toEqual([]);
  expect(end.assignments).toBe(FLEET.assigned);
  expect(end.mismatches).toEqual([]);
  const client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: emulator.baseUrl });
  const held: string[] = [];
  for await (const number of client.numbers()) if (number.status === "active") held.push(number.e164);
  expect(held.sort()).toEqual(end.recorded);

  expect(stack.stateText()).not.toContain(account.authToken);
  expect(stack.allOutput()).not.toContain(account.authToken);
  expect(JSON.stringify(await emulator.control.requests())).not.toContain(account.authToken);
}

/**
 * An emulator of its own for one scenario, with an account of its own, a stack of `dir` deploying the fleet on
 * it, and `faults` queued. Close the emulator after the test.
 */
export async function faultScenario(dir: string, name: string, ...faults: FaultSpec[]): Promise<{ emulator: RunningEmulator; account: SeededAccount; stack: ProjectStack }> {
  const emulator = await startEmulator({ port: 0 });
  const account = await seedAccount(emulator);
  const stack = await reliabilityStack({ dir, name, baseUrl: emulator.baseUrl, account, config: FLEET });
  for (const fault of faults) await emulator.control.injectFault(fault);
  return { emulator, account, stack };
}

/** What a failed `up` of a scenario printed, without the progress lines: its diagnostics. */
export function diagnostics(run: CliRun): string {
  const text = `${run.stdout}\n${run.stderr}`;
  const start = text.indexOf("Diagnostics:");
  return start === -1 ? text : text.slice(start);
}

/**
 * The hooks of one fault-matrix suite: the reliability program installed once before its scenarios, and every
 * emulator and stack they start cleaned up after them, when the time each scenario took is printed.
 */
export function faultMatrixSuite(label: string) {
  let dir: string | undefined;
  const emulators: RunningEmulator[] = [];
  const stacks: ProjectStack[] = [];
  const timings: string[] = [];
  beforeAll(async () => {
    dir = await installedProject(RELIABILITY_PROGRAM);
  }, 600_000);
  afterAll(async () => {
    await forgetStacks(stacks);
    await Promise.all(emulators.map((e) => e.close()));
    console.log(`fault matrix (${label}):\n${timings.join("\n")}`);
  });
  const projectDir = (): string => {
    if (dir === undefined) throw new Error("faultMatrixSuite(): the program is installed in beforeAll; read it inside a test");
    return dir;
  };

  return {
    projectDir,
    /** A scenario against an emulator of its own (see `faultScenario`), cleaned up after the suite. */
    async scenario(name: string, ...faults: FaultSpec[]) {
      const started = await faultScenario(projectDir(), name, ...faults);
      emulators.push(started.emulator);
      stacks.push(started.stack);
      return started;
    },
    /** A stack a scenario made itself, forgotten after the suite. */
    keepStack: (stack: ProjectStack): void => void stacks.push(stack),
    /** One line of the timings printed after the suite. */
    time: (line: string): void => void timings.push(line),
  };
}
