import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../emulator";
import { PhoneNumber } from "../index";
import { accountOwning, accountStocking, countCalls, ENGINE_PARALLELISM, refreshThroughRead, shuffled } from "./refresh-workload";

// Compiled to dist/scripts, so the repository is two levels up.
const root = path.resolve(__dirname, "../..");
const PAGE_SIZE = 100;
const STACK_NAME = "bench";

interface Measurement {
  /** Numbers the account holds. */
  owned: number;
  /** Numbers the refresh reads (the stack manages). */
  count: number;
  order: string;
  calls: number;
  searches: number;
}

/** Refreshes `managed` and fails when a read reports a number the account still owns as gone. */
async function refreshKeepingAll(emulator: RunningEmulator, managed: readonly string[]): Promise<{ calls: number; searches: number }> {
  const { results, calls, searches } = await refreshThroughRead(emulator, managed);
  const kept = results.filter((result) => "id" in result).length;
  if (kept !== managed.length) throw new Error(`refreshing ${managed.length} numbers kept only ${kept} of them`);
  return { calls, searches };
}

/** Refreshes every number of an account that holds `count`, read in `order`. */
async function measureAllManaged(count: number, order: "listing" | "shuffled"): Promise<Measurement> {
  const { emulator, owned: e164s } = await accountOwning(count);
  try {
    const calls = await refreshKeepingAll(emulator, order === "listing" ? e164s : shuffled(e164s));
    return { owned: count, count, order, ...calls };
  } finally {
    await emulator.close();
  }
}

/** Refreshes `count` numbers picked at random from an account that holds `owned`, for each of `counts`. */
async function measureSomeManaged(owned: number, counts: readonly number[]): Promise<Measurement[]> {
  const { emulator, owned: e164s } = await accountOwning(owned);
  try {
    const results: Measurement[] = [];
    for (const count of counts) {
      results.push({ owned, count, order: "shuffled", ...(await refreshKeepingAll(emulator, shuffled(e164s).slice(0, count))) });
    }
    return results;
  } finally {
    await emulator.close();
  }
}

/** A stack on a throw-away file backend in `scratch` (inside the repository, so `pulumi-vobiz` resolves). */
function benchStack(scratch: string, e164s: readonly string[]): Promise<Stack> {
  const backendUrl = `file://${path.join(scratch, "backend")}`;
  fs.mkdirSync(path.join(scratch, "program"), { recursive: true });
  fs.mkdirSync(path.join(scratch, "backend"), { recursive: true });
  const projectName = "vobiz-bench-refresh";
  return LocalWorkspace.createOrSelectStack(
    {
      stackName: STACK_NAME,
      projectName,
      program: async () => {
        e164s.forEach((e164, i) => new PhoneNumber(`n${i}`, { e164 }));
      },
    },
    {
      workDir: path.join(scratch, "program"),
      envVars: {
        PULUMI_BACKEND_URL: backendUrl,
        PULUMI_CONFIG_PASSPHRASE: `passphrase-${path.basename(scratch)}`,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      },
      projectSettings: { name: projectName, runtime: "nodejs", backend: { url: backendUrl } },
      secretsProvider: "passphrase",
    },
  );
}

/** Creates a stack of `count` PhoneNumbers with the real CLI, then counts the API calls of `pulumi refresh` alone. */
async function measureThroughCli(count: number): Promise<Measurement> {
  const { emulator, owned: e164s } = await accountStocking(count);
  const scratch = path.join(root, ".cache", "bench", `refresh-${count}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`);
  try {
    const stack = await benchStack(scratch, e164s);
    const { master } = emulator.credentials;
    await stack.setAllConfig({
      "vobiz:authId": { value: master.authId },
      "vobiz:authToken": { value: master.authToken, secret: true },
      "vobiz:baseUrl": { value: emulator.baseUrl },
    });
    await stack.up({ color: "never" });
    await emulator.control.resetRequests();
    const refresh = await stack.refresh({ color: "never" });
    const { calls, searches } = await countCalls(emulator);
    // The stack itself is one of the resources a refresh reports.
    const unchanged = (refresh.summary.resourceChanges?.["same"] ?? 0) - 1;
    if (unchanged !== count) {
      throw new Error(`pulumi refresh of ${count} numbers left ${unchanged} unchanged: ${JSON.stringify(refresh.summary.resourceChanges)}`);
    }
    await stack.destroy({ color: "never" });
    await stack.workspace.removeStack(STACK_NAME);
    // Only a run that went through is cleaned up: a failed one leaves its state for a look.
    fs.rmSync(scratch, { recursive: true, force: true });
    return { owned: count, count, order: "engine", calls, searches };
  } finally {
    await emulator.close();
  }
}

function table(title: string, rows: readonly Measurement[]): string {
  const header = ["owned", "N read", "order", "API calls", "of which searches", "floor", "calls/floor", "calls/number"];
  const cells = rows.map((m) => {
    // The cheaper of one search per number and one listing of everything the account holds.
    const floor = Math.min(m.count, Math.ceil(m.owned / PAGE_SIZE));
    return [m.owned, m.count, m.order, m.calls, m.searches, floor, (m.calls / floor).toFixed(2), (m.calls / m.count).toFixed(3)].map(String);
  });
  const line = (values: readonly string[]) => `| ${values.join(" | ")} |`;
  return [`${title}\n`, line(header), line(header.map(() => "---")), ...cells.map(line)].join("\n");
}

/**
 * Prints, as Markdown tables, the Vobiz API calls that refreshing 1 to 1000 managed numbers costs: through
 * the provider's read method (8 reads in flight in one process), also when the account holds numbers the
 * stack does not manage, and through the real Pulumi CLI up to 250. Exits non-zero when a run fails or a
 * refresh drops a number that is still owned.
 */
async function main(): Promise<void> {
  const allManaged: Measurement[] = [];
  for (const count of [1, 10, 100, 250, 1000]) {
    for (const order of ["listing", "shuffled"] as const) allManaged.push(await measureAllManaged(count, order));
  }
  print(table(`phoneNumberOperations.read, ${ENGINE_PARALLELISM} in flight, one process; the account holds only the managed numbers`, allManaged));
  print(table("The same, when the account holds 2000 numbers and the stack manages some of them", await measureSomeManaged(2000, [10, 100, 1000])));

  const throughCli: Measurement[] = [];
  for (const count of [1, 10, 100, 250]) throughCli.push(await measureThroughCli(count));
  print(table("pulumi refresh through the real CLI (default --parallel), resources in listing order", throughCli));
}

function print(text: string): void {
  process.stdout.write(`${text}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:refresh failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
