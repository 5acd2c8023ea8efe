import type { RunningEmulator } from "../emulator";
import { MAX_PAGE_SIZE } from "../sdk";
import { accountOwning, ENGINE_PARALLELISM, refreshThroughRead, shuffled } from "./refresh-workload";

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

function table(title: string, rows: readonly Measurement[]): string {
  const header = ["owned", "N read", "order", "API calls", "of which searches", "floor", "calls/floor", "calls/number"];
  const cells = rows.map((m) => {
    // The cheaper of one search per number and one listing of everything the account holds.
    const floor = Math.min(m.count, Math.ceil(m.owned / MAX_PAGE_SIZE));
    return [m.owned, m.count, m.order, m.calls, m.searches, floor, (m.calls / floor).toFixed(2), (m.calls / m.count).toFixed(3)].map(String);
  });
  const line = (values: readonly string[]) => `| ${values.join(" | ")} |`;
  return [`${title}\n`, line(header), line(header.map(() => "---")), ...cells.map(line)].join("\n");
}

/**
 * Prints, as Markdown tables, the Vobiz API calls that refreshing 1 to 1000 managed numbers costs through
 * the provider's read method (8 reads in flight in one process, in listing and in shuffled order), also when
 * the account holds numbers the stack does not manage. Exits non-zero when a refresh drops a number that is
 * still owned. (`npm run bench` measures `pulumi refresh` itself, through the CLI.)
 */
async function main(): Promise<void> {
  const allManaged: Measurement[] = [];
  for (const count of [1, 10, 100, 250, 1000]) {
    for (const order of ["listing", "shuffled"] as const) allManaged.push(await measureAllManaged(count, order));
  }
  print(table(`phoneNumberOperations.read, ${ENGINE_PARALLELISM} in flight, one process; the account holds only the managed numbers`, allManaged));
  print(table("The same, when the account holds 2000 numbers and the stack manages some of them", await measureSomeManaged(2000, [10, 100, 1000])));
}

function print(text: string): void {
  process.stdout.write(`${text}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:refresh failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
