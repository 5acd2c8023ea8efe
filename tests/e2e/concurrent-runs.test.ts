import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { VobizClient } from "../../sdk";
import { installedProject } from "../../scripts/installed-project";
import type { ProjectStack } from "../../scripts/project-stack";
import { forgetStacks, purchasesOf, RELIABILITY_PROGRAM, reliabilityStack, seedAccount, stackAgainstAccount, waitFor, type SeededAccount } from "./reliability/reliability-fixture";

// Two `pulumi up` runs at once from one project folder: on two stacks that want the same exact number, and
// on one stack, whose file backend's lock must refuse the second run.
describe("two pulumi up runs at once", () => {
  let dir: string;
  let emulator: RunningEmulator;
  let account: SeededAccount;
  const stacks: ProjectStack[] = [];

  beforeAll(async () => {
    dir = await installedProject(RELIABILITY_PROGRAM);
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
  }, 600_000);

  afterAll(async () => {
    await forgetStacks(stacks);
    await emulator?.close();
  });

  afterEach(async () => {
    await emulator.control.clearFaults();
  });

  function expectNoToken(...texts: string[]): void {
    for (const text of texts) expect(text).not.toContain(account.authToken);
  }

  it("on two stacks of one backend that want the same exact number: one buys it, the other fails saying why and buys nothing", async () => {
    const client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: emulator.baseUrl });
    const wanted = (await client.listInventory({ country: "US", perPage: 1 })).items[0]?.e164 ?? "";
    const config = { count: 0, exact: JSON.stringify([wanted]) };
    const first = await reliabilityStack({ dir, name: "same-number-a", baseUrl: emulator.baseUrl, account, config });
    const backendUrl = `file://${first.backendDir}`;
    const second = await reliabilityStack({ dir, name: "same-number-b", backendUrl, baseUrl: emulator.baseUrl, account, config });
    stacks.push(second, first);
    // Both purchases are held on arrival, so that both are in flight before either is performed.
    await emulator.control.injectFault({ kind: "latency", latency_ms: 1500, times: 2, match: { method: "POST", path_contains: "purchase-from-inventory" } });

    const runs = await Promise.all([first.up(["--skip-preview"], { expect: "any" }), second.up(["--skip-preview"], { expect: "any" })]);
    expect(runs.map((r) => r.code === 0).sort()).toEqual([false, true]);
    const winner = runs[0]?.code === 0 ? first : second;
    const loser = winner === first ? second : first;
    const lost = runs[winner === first ? 1 : 0];
    expect(`${lost?.stdout}${lost?.stderr}`).toContain(
      `${wanted} is already owned by ${account.authId}, so it cannot be bought. To manage it with Pulumi, set adopt: true on this PhoneNumber`,
    );

    expect((await purchasesOf(emulator, account.authId)).get(wanted)).toBe(1);
    expect((await emulator.control.requests()).requests.filter((r) => r.route === "purchaseNumber").map((r) => r.status).sort()).toEqual([200, 404]);
    expect(numbersOf(await exported(winner))).toEqual([wanted]);
    expect(numbersOf(await exported(loser))).toEqual([]);
    expectNoToken(first.allOutput(), second.allOutput(), first.stateText(), JSON.stringify(await emulator.control.requests()));
    for (const file of fs.readdirSync(path.join(first.backendDir ?? "", ".pulumi", "stacks", first.projectName))) {
      expectNoToken(fs.readFileSync(path.join(first.backendDir ?? "", ".pulumi", "stacks", first.projectName, file), "utf8"));
    }
  }, 180_000);

  it("on one stack of a file backend: the lock refuses the second run, and the first one's state is intact", async () => {
    const stack = await reliabilityStack({ dir, name: "locked", baseUrl: emulator.baseUrl, account, config: { count: 3, assigned: 1 } });
    stacks.push(stack);
    // Purchases answer slowly, so that the first run still holds the lock when the second starts.
    await emulator.control.injectFault({ kind: "latency", latency_ms: 4000, times: 1, match: { method: "POST", path_contains: "purchase-from-inventory" } });
    const first = stack.up(["--skip-preview"]);
    const locks = path.join(stack.backendDir ?? "", ".pulumi", "locks");
    await waitFor("the first run takes the stack's lock", () => fs.existsSync(locks) && fs.readdirSync(locks, { recursive: true }).some((f) => String(f).endsWith(".json")));

    const second = await stack.up(["--skip-preview"], { expect: "failure" });
    expect(second.stdout + second.stderr).toMatch(/the stack is currently locked by 1 lock\(s\)\. Either wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`/);
    await first;

    const end = await stackAgainstAccount(stack, emulator, account);
    expect(end.recorded).toHaveLength(3);
    expect(end.assignments).toBe(1);
    expect(end.debitedTwice).toEqual([]);
    expect(end.mismatches).toEqual([]);
    const purchases = await purchasesOf(emulator, account.authId);
    for (const e164 of end.recorded) expect(purchases.get(e164)).toBe(1);
    expect(JSON.parse(stack.stateText()).checkpoint.latest.pending_operations ?? []).toEqual([]);
    await stack.preview(["--expect-no-changes"]);
    expectNoToken(stack.allOutput(), stack.stateText(), JSON.stringify(await emulator.control.requests()));
  }, 180_000);

  async function exported(stack: ProjectStack): Promise<{ deployment: { resources?: { type: string; id?: string }[] } }> {
    return JSON.parse((await stack.pulumi(["stack", "export"])).stdout) as { deployment: { resources?: { type: string; id?: string }[] } };
  }

  function numbersOf(state: { deployment: { resources?: { type: string; id?: string }[] } }): (string | undefined)[] {
    return (state.deployment.resources ?? []).filter((r) => r.type.endsWith(":PhoneNumber")).map((r) => r.id);
  }
});
