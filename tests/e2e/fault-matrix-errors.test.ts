import { burstsOf5xx } from "./reliability/fault-bursts";
import { diagnostics, expectConverged, faultMatrixSuite, upUntilConverged } from "./reliability/fault-scenario";

// The fault matrix, part one: Vobiz refuses or drops requests. 50 numbers through the CLI from a project
// folder, each scenario against an emulator of its own. Each must converge with one debit per number and
// no orphan; reruns of `up` are the ones a user is told to make.
describe("50 numbers deployed while Vobiz refuses or drops requests", () => {
  const suite = faultMatrixSuite("errors");

  it("429 with Retry-After on 30 % of requests: one up waits each out; the engine's -v=9 log holds no token", async () => {
    const { emulator, account, stack } = await suite.scenario("rate-limited", { kind: "status", status: 429, retry_after_seconds: 1, probability: 0.3, seed: 429, times: 100_000 });
    const { runs, seconds } = await upUntilConverged(stack, { maxRuns: 1, upArgs: ["-v=9", "--logtostderr", "--logflow"] });
    suite.time(`429 on 30 %: ${seconds}s, ${runs.length} up`);
    const { requests } = await emulator.control.requests();
    expect(requests.filter((r) => r.status === 429).length / requests.length).toBeGreaterThan(0.2);
    expect(runs[0]?.stdout).toMatch(/429 RATE_LIMIT_EXCEEDED; retrying in 1s/);
    // The engine's own log: its gRPC traffic with the provider and the language host, its configuration.
    expect(runs[0]?.stderr).toMatch(/Configure/);
    expect(runs[0]?.stderr.length).toBeGreaterThan(100_000);
    await expectConverged(stack, emulator, account);
  }, 300_000);

  it("bursts of 5xx: the creates a burst hit fail with a message that says to run again, and the next up finishes them", async () => {
    const { emulator, account, stack } = await suite.scenario("server-errors");
    const bursts = burstsOf5xx(emulator);
    const outageOver = () => bursts.stop();
    const { runs, seconds } = await upUntilConverged(stack, { maxRuns: 3, beforeRerun: outageOver }).finally(outageOver);
    suite.time(`5xx bursts: ${seconds}s, ${runs.length} ups`);
    expect(bursts.count()).toBeGreaterThanOrEqual(3);
    for (const failed of runs.slice(0, -1)) expect(diagnostics(failed)).toMatch(/run again later|run `pulumi up` again/);
    await expectConverged(stack, emulator, account);
  }, 300_000);

  it("connection resets on 10 % of requests: a routing whose connection dropped is finished by the next up", async () => {
    const { emulator, account, stack } = await suite.scenario("resets", { kind: "reset", probability: 0.1, seed: 10, times: 100_000 });
    const { runs, seconds } = await upUntilConverged(stack, { maxRuns: 3, beforeRerun: () => emulator.control.clearFaults() });
    suite.time(`resets: ${seconds}s, ${runs.length} ups`);
    expect((await emulator.control.requests()).requests.filter((r) => r.fault === "reset").length).toBeGreaterThan(5);
    for (const failed of runs.slice(0, -1)) expect(diagnostics(failed)).toMatch(/run `pulumi up` again|run again/);
    await expectConverged(stack, emulator, account);
  }, 300_000);
});
