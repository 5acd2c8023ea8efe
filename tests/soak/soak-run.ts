import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import { VobizClient } from "../../sdk";
import { ProjectStack } from "../../scripts/project-stack";
import { recordsOf } from "../helpers/money-invariant";
import { forgetStacks, purchasesOf, seedAccount } from "../e2e/reliability/reliability-fixture";
import type { SoakScenario } from "./soak-scenarios";

/** What one run of a scenario ended with. */
export interface SoakOutcome {
  scenario: string;
  seed: number;
  /** `pulumi up` runs until one succeeded, faults included; `maxUps + 1` when none did and a clean one was needed. */
  ups: number;
  converged: boolean;
  /** Numbers recorded by more than one resource. */
  duplicateClaims: string[];
  /** Numbers the account was debited for more than once. */
  doubleDebits: string[];
  /** Numbers the account holds that no resource records. */
  orphans: string[];
}

/** How a run is shaped: the fleet's size, the engine's parallelism, and the `up` runs a user makes before giving up. */
export interface SoakShape {
  numbers: number;
  parallel: number;
  maxUps: number;
}

/**
 * One run of a scenario: a new emulator and account, a stack of the reliability program deploying `numbers`
 * numbers by criteria (a fifth on applications, a fifth handed to a sub-account), `pulumi up` as a user runs it
 * until one succeeds while the scenario's faults hit, and then, faults over, what the account and the state
 * say. A run that did not converge gets one clean `up` before it is judged, as the user's next one would be.
 */
export async function soakRun(projectDir: string, scenario: SoakScenario, seed: number, shape: SoakShape): Promise<SoakOutcome> {
  const emulator = await startEmulator({ port: 0 });
  const stacks: ProjectStack[] = [];
  try {
    const account = await seedAccount(emulator);
    const stack = await ProjectStack.init({ dir: projectDir, name: `soak-${seed}` });
    stacks.push(stack);
    await stack.pulumi([
      "config",
      "set-all",
      ...Object.entries({
        "vobiz:baseUrl": emulator.baseUrl,
        "vobiz:authId": account.authId,
        subAccountId: account.subAccountId,
        count: String(shape.numbers),
        assigned: String(Math.floor(shape.numbers / 5)),
        applicationEvery: "5",
      }).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]),
    ]);
    await stack.pulumi(["config", "set", "--secret", "vobiz:authToken"], { input: account.authToken });

    const faults = await scenario.start(emulator, seed);
    let ups = 0;
    let converged = false;
    try {
      while (!converged && ups < shape.maxUps) {
        if (ups > 0 && scenario.passesBeforeRerun) await faults.stop();
        ups += 1;
        converged = (await stack.up(["--skip-preview", "--parallel", String(shape.parallel)], { expect: "any" })).code === 0;
      }
    } finally {
      await faults.stop();
    }
    if (!converged) {
      ups += 1;
      await stack.up(["--skip-preview", "--parallel", String(shape.parallel)], { expect: "any" });
    }

    const { records } = recordsOf(stack.stateText());
    const holding = records.filter((r) => r.status !== "not_bought").map((r) => r.e164);
    const client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: emulator.baseUrl });
    const held: string[] = [];
    for await (const number of client.numbers()) if (number.status === "active") held.push(number.e164);
    const purchases = await purchasesOf(emulator, account.authId);
    return {
      scenario: scenario.name,
      seed,
      ups,
      converged,
      duplicateClaims: [...new Set(holding.filter((e164, i) => holding.indexOf(e164) !== i))],
      doubleDebits: [...purchases].filter(([, count]) => count > 1).map(([e164]) => e164),
      orphans: held.filter((e164) => !holding.includes(e164)),
    };
  } finally {
    await forgetStacks(stacks);
    for (const stack of stacks) fs.rmSync(stack.logFile, { force: true });
    await emulator.close();
  }
}
