import * as fs from "node:fs";
import { createServer } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorControl } from "../../emulator";
import { startEmulatorProcess, type EmulatorProcess } from "../emulator/emulator-process";
import { expectConverged, faultMatrixSuite, FLEET, upUntilConverged } from "./reliability/fault-scenario";
import { purchasesOf, reliabilityStack, seedAccount, waitFor } from "./reliability/reliability-fixture";

// The fault matrix, part two: Vobiz performs requests but answers slowly, wrongly, or not at all. 50 numbers
// through the CLI from a project folder, each scenario against an emulator of its own. Each must converge with
// one debit per number and no orphan.
describe("50 numbers deployed while Vobiz answers slowly, wrongly or not at all", () => {
  const suite = faultMatrixSuite("outcomes");

  it("2-second latency spikes on 10 % of requests: one up", async () => {
    const { emulator, account, stack } = await suite.scenario("latency", { kind: "latency", latency_ms: 2000, probability: 0.1, seed: 2, times: 100_000 });
    const { runs, seconds } = await upUntilConverged(stack, { maxRuns: 1 });
    suite.time(`latency spikes: ${seconds}s, ${runs.length} up`);
    expect((await emulator.control.requests()).requests.filter((r) => r.fault === "latency").length).toBeGreaterThan(5);
    await expectConverged(stack, emulator, account);
  }, 300_000);

  it("every purchase commits and then answers 502: one up, each purchase confirmed by a lookup and never sent twice", async () => {
    const { emulator, account, stack } = await suite.scenario("commit-then-502", {
      kind: "commit-then-502",
      times: 100_000,
      match: { method: "POST", path_contains: "purchase-from-inventory" },
    });
    const { runs, seconds } = await upUntilConverged(stack, { maxRuns: 1 });
    suite.time(`commit then 502: ${seconds}s, ${runs.length} up`);
    const purchases = (await emulator.control.requests()).requests.filter((r) => r.route === "purchaseNumber");
    expect(purchases).toHaveLength(FLEET.count);
    expect(purchases.every((r) => r.status === 502)).toBe(true);
    await expectConverged(stack, emulator, account);
  }, 300_000);

  it("the vobiz-emulator process killed with SIGKILL while purchases are in flight, and started again on its --state file 2 s later", async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-restart-"));
    const args = ["--port", String(await freePort()), "--state", path.join(stateDir, "vobiz.json")];
    let running: EmulatorProcess = await startEmulatorProcess(args);
    try {
      const emulator = { baseUrl: running.baseUrl, control: new EmulatorControl(running.baseUrl) };
      const account = await seedAccount(emulator);
      const stack = await reliabilityStack({ dir: suite.projectDir(), name: "restart", baseUrl: emulator.baseUrl, account, config: FLEET });
      suite.keepStack(stack);

      const started = Date.now();
      const first = stack.up(["--skip-preview"], { expect: "any" });
      await waitFor("20 purchases are made", async () => (await purchasesOf(emulator, account.authId)).size >= 20);
      // Three purchases held on arrival, so that the kill cuts them off before they are performed.
      await emulator.control.injectFault({ kind: "latency", latency_ms: 60_000, times: 3, match: { method: "POST", path_contains: "purchase-from-inventory" } });
      await waitFor("three purchases are in flight", async () => (await emulator.control.faults()).length === 0);
      const beforeKill = [...(await purchasesOf(emulator, account.authId)).keys()];
      running.child.kill("SIGKILL");
      await running.exited;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      running = await startEmulatorProcess(args);
      const afterRestart = await purchasesOf(emulator, account.authId);
      const firstRun = await first;
      const rest = firstRun.code === 0 ? { runs: [] } : await upUntilConverged(stack, { maxRuns: 2 });
      suite.time(`emulator restart: ${Math.round((Date.now() - started) / 1000)}s, ${1 + rest.runs.length} ups`);

      // Everything answered before the kill was saved: a restart loses no purchase.
      expect(beforeKill.filter((e164) => !afterRestart.has(e164))).toEqual([]);
      // The purchases cut off were looked up, found still in inventory, and sent again.
      expect(firstRun.stdout + firstRun.stderr).toMatch(/purchase-from-inventory: ECONNRESET; \+\d+ is still in inventory, so nothing was bought; retrying/);
      await expectConverged(stack, emulator, account);
    } finally {
      running.child.kill("SIGKILL");
      await running.exited;
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  }, 300_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}
