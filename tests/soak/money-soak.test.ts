import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { installedProject } from "../../scripts/installed-project";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { RELIABILITY_PROGRAM } from "../e2e/reliability/reliability-fixture";
import { soakRun, type SoakOutcome } from "./soak-run";
import { soakScenarios } from "./soak-scenarios";
import { reportTable, tally } from "./soak-report";

// The money scenarios run again and again, each run with its own seed, emulator and stack, through the real
// CLI at `--parallel 16`, while a busy process keeps a core loaded. `npm run soak` sets how many runs;
// `npm test` runs a few of each. Any duplicate claim, double debit or orphan fails it.
const setting = (name: string, fallback: number): number => Number(process.env[`VOBIZ_SOAK_${name}`] ?? fallback);
const settings = {
  runsPerScenario: setting("RUNS", 2),
  numbers: setting("NUMBERS", 20),
  parallel: setting("PARALLEL", 16),
  concurrency: setting("CONCURRENCY", 2),
  busy: setting("BUSY", 1),
  seed: setting("SEED", 1),
  maxUps: setting("MAX_UPS", 3),
};
const reportFile = process.env["VOBIZ_SOAK_REPORT"] ?? path.join(repoRoot, ".cache", "soak", "report.md");

describe("the money scenarios, soaked", () => {
  let projectDir = "";
  beforeAll(async () => {
    projectDir = await installedProject(RELIABILITY_PROGRAM);
  }, 600_000);

  const total = settings.runsPerScenario * soakScenarios.length;
  it(`${total} runs of ${soakScenarios.length} scenarios: no number claimed twice, debited twice or left unrecorded`, async () => {
    const jobs = soakScenarios.flatMap((scenario, s) =>
      Array.from({ length: settings.runsPerScenario }, (_, run) => () => soakRun(projectDir, scenario, settings.seed + 1000 * s + run, settings)),
    );
    const busy = busyProcesses(settings.busy);
    const started = Date.now();
    let outcomes: SoakOutcome[];
    try {
      outcomes = await inPool(jobs, settings.concurrency);
    } finally {
      busy.stop();
    }
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const report = [
      `${total} runs in ${minutes} min: ${settings.numbers} numbers a run, \`pulumi up --parallel ${settings.parallel}\`, ` +
        `${settings.concurrency} runs at once, ${settings.busy} busy process(es), seeds from ${settings.seed}, at most ${settings.maxUps} \`up\` runs with faults.`,
      "",
      reportTable(tally(outcomes)),
    ].join("\n");
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    fs.writeFileSync(reportFile, `${report}\n`);
    console.log(report);

    const broken = outcomes.filter((o) => o.duplicateClaims.length + o.doubleDebits.length + o.orphans.length > 0);
    expect(broken.map(({ scenario, seed, duplicateClaims, doubleDebits, orphans }) => ({ scenario, seed, duplicateClaims, doubleDebits, orphans }))).toEqual([]);
    expect(outcomes).toHaveLength(total);
  }, 120_000 + total * 180_000);
});

/** Runs the jobs with at most `limit` at once, and returns their results in the jobs' order. */
async function inPool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await (jobs[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** Starts `count` processes that keep a core busy each, and a way to stop them. */
function busyProcesses(count: number): { stop(): void } {
  const children = Array.from({ length: count }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  const stop = (): void => {
    for (const child of children) child.kill("SIGKILL");
  };
  process.once("exit", stop);
  return { stop };
}
