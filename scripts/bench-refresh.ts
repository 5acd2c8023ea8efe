import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../emulator";
import { SeededRandom } from "../emulator/prng";
import { PhoneNumber } from "../index";
import { forgetOwnedNumbers } from "../provider/owned-number-lookup";
import { phoneNumberOperations } from "../provider/phone-number-operations";
import { VobizClient } from "../sdk";

// Compiled to dist/scripts, so the repository is two levels up.
const root = path.resolve(__dirname, "../..");
// The engine's default `--parallel` is 4 × GOMAXPROCS; the method-level runs use what a 2-core machine gets.
const ENGINE_PARALLELISM = 8;
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

/** A fresh emulator whose master account has `count` US numbers in stock and the balance to buy and release them all. */
async function emulatorStocking(count: number): Promise<{ emulator: RunningEmulator; e164s: string[] }> {
  const emulator = await startEmulator({ port: 0 });
  const e164s = Array.from({ length: count }, (_, i) => `+1650555${String(i).padStart(4, "0")}`);
  await emulator.control.addInventory(
    e164s.map((e164) => ({ e164, country: "US", region: "CA", setup_fee: 0, monthly_fee: 250, currency: "INR" })),
  );
  // 250 INR per purchase, and the emulator's default 700 INR per release when the stack is destroyed.
  await emulator.control.setBalance(emulator.credentials.master.authId, "INR", (250 + 700) * count + 1000);
  return { emulator, e164s };
}

/** Like `emulatorStocking`, with the numbers already bought by the master account. */
async function emulatorOwning(count: number): Promise<{ emulator: RunningEmulator; e164s: string[] }> {
  const stocked = await emulatorStocking(count);
  const client = new VobizClient({ ...stocked.emulator.credentials.master, baseUrl: stocked.emulator.baseUrl });
  await inBatches(stocked.e164s, ENGINE_PARALLELISM, (e164) => client.purchaseNumber(e164));
  return stocked;
}

/** Calls `task` on every item with at most `parallel` in flight, the way the engine schedules a refresh's reads. */
async function inBatches<T>(items: readonly T[], parallel: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

/** The same numbers in an order unrelated to the listing's (sorted by e164), like a stack grown over time. */
function shuffled(e164s: readonly string[]): string[] {
  const random = new SeededRandom(42);
  const out = [...e164s];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.integer(0, i);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

/** The public API calls since the last reset, and how many of them searched for one number. */
async function countCalls(emulator: RunningEmulator): Promise<{ calls: number; searches: number }> {
  const { requests, total } = await emulator.control.requests();
  const searches = requests.filter((r) => r.api === "public" && r.path.includes("search=")).length;
  return { calls: total, searches };
}

/**
 * Reads `managed` through `phoneNumberOperations.read`, 8 in flight in this one process, as a refresh does, and
 * returns the API calls it took. Throws when a read reports a number the account still owns as gone.
 */
async function refreshThroughRead(emulator: RunningEmulator, managed: readonly string[]): Promise<{ calls: number; searches: number }> {
  const settings = { ...emulator.credentials.master, baseUrl: emulator.baseUrl };
  // Each `pulumi refresh` starts a new provider process, so nothing is cached from an earlier run.
  forgetOwnedNumbers();
  await emulator.control.resetRequests();
  let kept = 0;
  await inBatches(managed, ENGINE_PARALLELISM, async (e164) => {
    const result = await phoneNumberOperations.read(settings, e164, { selection: { e164 }, releaseMode: "standard", deletionProtection: false });
    if ("id" in result) kept += 1;
  });
  if (kept !== managed.length) throw new Error(`refreshing ${managed.length} numbers kept only ${kept} of them`);
  return countCalls(emulator);
}

/** Refreshes every number of an account that holds `count`, read in `order`. */
async function measureAllManaged(count: number, order: "listing" | "shuffled"): Promise<Measurement> {
  const { emulator, e164s } = await emulatorOwning(count);
  try {
    const calls = await refreshThroughRead(emulator, order === "listing" ? e164s : shuffled(e164s));
    return { owned: count, count, order, ...calls };
  } finally {
    await emulator.close();
  }
}

/** Refreshes `count` numbers picked at random from an account that holds `owned`, for each of `counts`. */
async function measureSomeManaged(owned: number, counts: readonly number[]): Promise<Measurement[]> {
  const { emulator, e164s } = await emulatorOwning(owned);
  try {
    const results: Measurement[] = [];
    for (const count of counts) {
      results.push({ owned, count, order: "shuffled", ...(await refreshThroughRead(emulator, shuffled(e164s).slice(0, count))) });
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
  const { emulator, e164s } = await emulatorStocking(count);
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
    const measured = await countCalls(emulator);
    // The stack itself is one of the resources a refresh reports.
    const unchanged = (refresh.summary.resourceChanges?.["same"] ?? 0) - 1;
    if (unchanged !== count) {
      throw new Error(`pulumi refresh of ${count} numbers left ${unchanged} unchanged: ${JSON.stringify(refresh.summary.resourceChanges)}`);
    }
    await stack.destroy({ color: "never" });
    await stack.workspace.removeStack(STACK_NAME);
    // Only a run that went through is cleaned up: a failed one leaves its state for a look.
    fs.rmSync(scratch, { recursive: true, force: true });
    return { owned: count, count, order: "engine", ...measured };
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
