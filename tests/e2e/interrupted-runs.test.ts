import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { FaultSpec } from "../../emulator/control-types";
import { VobizClient } from "../../sdk";
import type { ProjectStack } from "../../scripts/project-stack";
import {
  forgetStacks,
  killEach,
  ownProjectCopy,
  purchasesOf,
  reliabilityStack,
  seedAccount,
  sessionProcesses,
  stackAgainstAccount,
  startDetached,
  waitFor,
  type SeededAccount,
} from "./reliability/reliability-fixture";

const BEFORE = 2;
const IN_FLIGHT = 20;
const ASSIGNED = 8;
const HELD_MS = 20_000;

interface Checkpoint {
  resources: { urn: string; type: string; id?: string }[];
  pending_operations?: { type: string; resource: { urn: string; type: string; inputs?: Record<string, unknown> } }[];
}

// `kill -9` of the whole `pulumi up` process group with 20 numbers by criteria in flight, at three points, then
// the recovery the README documents: `pulumi cancel`, `npx vobiz-recover`, `npx vobiz-recover --apply`,
// `pulumi up --refresh`. The end state must match the emulator exactly.
describe("pulumi up killed with 20 numbers in flight, then recovered as the README says", () => {
  let dir: string;
  const emulators: RunningEmulator[] = [];
  const stacks: ProjectStack[] = [];

  beforeAll(async () => {
    dir = await ownProjectCopy("interrupted");
  }, 600_000);

  afterAll(async () => {
    await forgetStacks(stacks);
    await Promise.all(emulators.map((e) => e.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A stack of the folder with 2 numbers (and their assignments) from a finished `up`, on an account that also
   * holds a number bought outside the stack before that `up`; the config then asks for 20 more.
   */
  async function grownStack(name: string) {
    const emulator = await startEmulator({ port: 0 });
    emulators.push(emulator);
    const account = await seedAccount(emulator);
    const client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: emulator.baseUrl });
    const outside = (await client.purchaseNumber((await client.listInventory({ country: "US", perPage: 1 })).items[0]?.e164 ?? "")).e164;
    // A Pulumi home of its own, so that commands typed without --stack act on this stack, as in a user's shell.
    const stack = await reliabilityStack({ dir, name, ownHome: true, baseUrl: emulator.baseUrl, account, config: { count: BEFORE, assigned: ASSIGNED, applicationEvery: 4 } });
    stacks.push(stack);
    await stack.up(["--skip-preview"]);
    await stack.pulumi(["config", "set", "count", String(BEFORE + IN_FLIGHT)]);
    await emulator.control.resetRequests();
    return { emulator, account, stack, outside };
  }

  function checkpoint(stack: ProjectStack): Checkpoint {
    return (JSON.parse(stack.stateText()) as { checkpoint: { latest: Checkpoint } }).checkpoint.latest;
  }

  /**
   * Starts `pulumi up`, waits for `killPoint`, and kills its process group with SIGKILL. Shows that the
   * dynamic-provider process survives (it is in a process group of its own) and that `vobiz-recover --apply`
   * refuses to write while it runs; then ends it and everything else the run started.
   */
  async function upKilledAt(stack: ProjectStack, killPoint: () => Promise<boolean>) {
    const run = await startDetached(stack, ["up", "--yes", "--skip-preview"]);
    await waitFor("the kill point is reached", killPoint);
    process.kill(-run.pid, "SIGKILL");
    expect((await run.finished).code).not.toBe(0);

    const leftovers = sessionProcesses(run.pid);
    const providers = leftovers.filter((p) => p.command.includes("cmd/dynamic-provider"));
    expect(providers).toHaveLength(1);
    expect(providers[0]?.pgid).not.toBe(run.pid);
    const refused = await stack.script("npx vobiz-recover --apply", { expect: "failure" });
    expect(refused.stderr).toContain(`a provider process of this stack is still running (pid ${providers[0]?.pid}: a dynamic-provider process of this folder)`);
    killEach(leftovers.map((p) => p.pid));
    await waitFor("the run's processes are gone", () => sessionProcesses(run.pid).length === 0);
    expect(checkpoint(stack).pending_operations?.length).toBeGreaterThan(0);
  }

  /** The README's recovery, command by command; returns the plan `vobiz-recover` printed. */
  async function recoverAsReadmeSays(stack: ProjectStack): Promise<string> {
    await stack.script("pulumi cancel --yes");
    const plan = (await stack.script("npx vobiz-recover")).stdout;
    await stack.script("npx vobiz-recover --apply");
    await stack.script("pulumi up --refresh --yes");
    return plan;
  }

  /** Numbers the account was debited for that the stack does not record, and the pending creates. */
  async function orphansOf(stack: ProjectStack, emulator: RunningEmulator, account: SeededAccount, outside: string) {
    const state = checkpoint(stack);
    const recorded = new Set(state.resources.map((r) => r.id));
    const orphans = [...(await purchasesOf(emulator, account.authId)).keys()].filter((e164) => !recorded.has(e164) && e164 !== outside).sort();
    return { orphans, pending: state.pending_operations ?? [] };
  }

  /** Every check a recovered scenario ends with. */
  async function expectConverged(stack: ProjectStack, emulator: RunningEmulator, account: SeededAccount, outside: string) {
    const end = await stackAgainstAccount(stack, emulator, account);
    expect(end.recorded).toHaveLength(BEFORE + IN_FLIGHT);
    expect(end.debited).toEqual([...end.recorded, outside].sort());
    expect(end.debitedTwice).toEqual([]);
    expect(end.assignments).toBe(ASSIGNED);
    expect(end.mismatches).toEqual([]);
    expect(checkpoint(stack).pending_operations ?? []).toEqual([]);
    await stack.preview(["--expect-no-changes"]);
    await stack.refresh(["--preview-only", "--expect-no-changes"]);

    expect(stack.stateText()).not.toContain(account.authToken);
    expect(stack.allOutput()).not.toContain(account.authToken);
    expect(JSON.stringify(await emulator.control.requests())).not.toContain(account.authToken);
  }

  function recordedInPlan(plan: string): Map<string, string> {
    return new Map([...plan.matchAll(/^record (\S+) as (\+\d+):/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]));
  }

  /** The numbers the plan records for PhoneNumbers, sorted. */
  function numbersIn(recorded: Map<string, string>): string[] {
    return [...recorded].filter(([name]) => !name.endsWith("-sub-account")).map(([, e164]) => e164).sort();
  }

  /** The SubAccountAssignments the plan records, by name, sorted. */
  function assignmentsIn(recorded: Map<string, string>): string[] {
    return [...recorded.keys()].filter((name) => name.endsWith("-sub-account")).sort();
  }

  /** The pending assignment creates whose number the emulator has with the sub-account, by name, sorted. */
  async function handedOverBy(pending: NonNullable<Checkpoint["pending_operations"]>, emulator: RunningEmulator, account: SeededAccount): Promise<string[]> {
    const names: string[] = [];
    for (const operation of pending.filter((op) => op.resource.type.endsWith(":SubAccountAssignment"))) {
      const number = await emulator.control.getNumber(String(operation.resource.inputs?.["e164"]));
      if (number?.owner === account.subAccountId) names.push(operation.resource.urn.split("::").pop() ?? "");
    }
    return names.sort();
  }

  /** The request log, once it is sure that no request held by a latency fault has been answered yet. */
  async function stillHeld(emulator: RunningEmulator) {
    const log = await emulator.control.requests();
    if (log.requests.some((r) => r.fault === "latency")) {
      throw new Error(`a request held for ${HELD_MS} ms was answered before the kill point was reached: this machine needs a longer HELD_MS`);
    }
    return log;
  }

  async function inject(emulator: RunningEmulator, ...faults: FaultSpec[]): Promise<void> {
    for (const fault of faults) await emulator.control.injectFault(fault);
  }

  it("before any purchase: the creates wait on the inventory listing; recovery drops them all and the next up buys 20", async () => {
    const { emulator, account, stack, outside } = await grownStack("killed-listing");
    await inject(emulator, { kind: "latency", latency_ms: 60_000, match: { method: "GET", path_contains: "/inventory/numbers" } });

    await upKilledAt(stack, async () => (await emulator.control.faults()).length === 0);
    const { orphans, pending } = await orphansOf(stack, emulator, account, outside);
    expect(orphans).toEqual([]);

    const plan = await recoverAsReadmeSays(stack);
    expect(recordedInPlan(plan).size).toBe(0);
    expect(plan.match(/^drop {3}line-\d+: nothing was bought for it: no number bought since \S+ that no resource holds meets its criteria \(country IN\); /gm)).toHaveLength(pending.length);
    expect(plan).not.toContain(outside);
    await expectConverged(stack, emulator, account, outside);
  }, 300_000);

  it("after purchases committed without their answers: recovery records each bought number, and drops the creates a 429 held back", async () => {
    const { emulator, account, stack, outside } = await grownStack("killed-purchases");
    await inject(
      emulator,
      { kind: "latency", latency_ms: HELD_MS, times: 4, match: { method: "POST", path_contains: "purchase-from-inventory" } },
      { kind: "status", status: 429, retry_after_seconds: 120, times: 2, match: { method: "POST", path_contains: "purchase-from-inventory" } },
    );
    await upKilledAt(stack, async () => {
      const { requests } = await stillHeld(emulator);
      const routed = requests.filter((r) => /assignTrunk|attachApplication/.test(r.route) && r.status !== null && r.status < 300).length;
      return (await emulator.control.faults()).length === 0 && routed >= 4;
    });
    // The emulator still performs the purchases it was holding: bought, and nobody is told.
    await waitFor("the held purchases are performed", async () => (await emulator.control.requests()).requests.filter((r) => r.fault === "latency").length === 4);
    const { orphans, pending } = await orphansOf(stack, emulator, account, outside);
    expect(orphans.length).toBeGreaterThanOrEqual(4);
    await pinPulumisOwnWaysOut(stack, orphans, pending);

    const handedOver = await handedOverBy(pending, emulator, account);

    const plan = await recoverAsReadmeSays(stack);
    const recorded = recordedInPlan(plan);
    expect(numbersIn(recorded)).toEqual(orphans);
    expect(assignmentsIn(recorded)).toEqual(handedOver);
    expect(plan.match(/^drop {3}/gm)).toHaveLength(pending.length - recorded.size);
    expect(plan).not.toContain(outside);
    await expectConverged(stack, emulator, account, outside);
  }, 300_000);

  it("during routing and hand-over: recovery records the numbers and the assignments the emulator completed after the kill", async () => {
    const { emulator, account, stack, outside } = await grownStack("killed-routing");
    await inject(
      emulator,
      { kind: "latency", latency_ms: HELD_MS, times: 2, match: { method: "POST", path_contains: "/application" } },
      { kind: "latency", latency_ms: HELD_MS, times: 2, match: { method: "POST", path_contains: "/assign-subaccount" } },
    );

    await upKilledAt(stack, async () => {
      await stillHeld(emulator);
      return (await emulator.control.faults()).length === 0;
    });
    await waitFor("the held routings and hand-overs are performed", async () => (await emulator.control.requests()).requests.filter((r) => r.fault === "latency").length === 4);
    const { orphans, pending } = await orphansOf(stack, emulator, account, outside);
    const handedOver = await handedOverBy(pending, emulator, account);
    expect(orphans.length).toBeGreaterThanOrEqual(2);
    expect(handedOver.length).toBeGreaterThanOrEqual(2);

    const plan = await recoverAsReadmeSays(stack);
    const recorded = recordedInPlan(plan);
    expect(numbersIn(recorded)).toEqual(orphans);
    expect(assignmentsIn(recorded)).toEqual(handedOver);
    await expectConverged(stack, emulator, account, outside);
  }, 300_000);

  /**
   * Pulumi's own ways out, tried on a copy of the checkpoint and then undone: `--import-pending-creates` with
   * the number as the id records nothing for a dynamic resource and drops the create, and
   * `--clear-pending-creates` drops every create, so that the next `up` would buy each again.
   */
  async function pinPulumisOwnWaysOut(stack: ProjectStack, orphans: string[], pending: NonNullable<Checkpoint["pending_operations"]>) {
    await stack.pulumi(["cancel", "--yes"]);
    const backendFiles = fs.readdirSync(path.dirname(checkpointPath(stack))).map((f) => path.join(path.dirname(checkpointPath(stack)), f));
    const saved = new Map(backendFiles.map((file) => [file, fs.readFileSync(file)]));
    const restore = (): void => {
      for (const [file, content] of saved) fs.writeFileSync(file, content);
    };
    const creates = pending.filter((op) => op.type === "creating" && op.resource.type.endsWith(":PhoneNumber")).map((op) => op.resource.urn);
    const [urn] = creates;
    const [e164] = orphans;
    try {
      await stack.refresh(["--import-pending-creates", urn ?? "", "--import-pending-creates", e164 ?? ""]);
      expect(checkpoint(stack).resources.filter((r) => r.id === e164)).toEqual([]);
      expect((checkpoint(stack).pending_operations ?? []).map((op) => op.resource.urn)).not.toContain(urn);
      restore();

      await stack.refresh(["--clear-pending-creates"]);
      expect(checkpoint(stack).pending_operations ?? []).toEqual([]);
      const preview = JSON.parse((await stack.preview(["--json"])).stdout) as { steps: { op: string; urn: string }[] };
      const toCreate = preview.steps.filter((step) => step.op === "create").map((step) => step.urn);
      expect(toCreate).toEqual(expect.arrayContaining(creates));
    } finally {
      restore();
    }
    expect(checkpoint(stack).pending_operations?.length).toBe(pending.length);
  }

  function checkpointPath(stack: ProjectStack): string {
    return path.join(stack.backendDir ?? "", ".pulumi", "stacks", stack.projectName, `${stack.stackName}.json`);
  }
});
