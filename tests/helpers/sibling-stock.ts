import type { RunningEmulator } from "../../emulator";
import type { TestRandom } from "./test-seed";

/** Numbers for a program of exact and criteria siblings, and which of them it names exactly. */
export interface SiblingStock {
  /** Every number the criteria match: in a country of their own, so that nothing in the seed does. */
  stock: string[];
  /** The ones the program names exactly, chosen at random. */
  exact: string[];
  /** The ones left for the criteria siblings. */
  rest: string[];
}

/** Adds `size` numbers in GB (`+44770090<series><nn>`) to the emulator's inventory and names `exactCount` of them exactly. */
export async function stockForSiblings(emulator: RunningEmulator, random: TestRandom, series: string, size: number, exactCount: number): Promise<SiblingStock> {
  const stock = Array.from({ length: size }, (_, i) => `+44770090${series}${String(i + 1).padStart(2, "0")}`);
  await emulator.control.addInventory(stock.map((e164) => ({ e164, country: "GB", region: "London", setup_fee: 0, monthly_fee: 100, currency: "INR" })));
  const rest = [...stock];
  const exact: string[] = [];
  while (exact.length < exactCount) {
    const pick = random.pick(rest);
    exact.push(pick);
    rest.splice(rest.indexOf(pick), 1);
  }
  return { stock, exact, rest };
}

/** The rate limits both kinds of sibling ride out: six 429s on purchases, two on inventory listings. */
export async function injectPurchaseAndListingLimits(emulator: RunningEmulator): Promise<void> {
  await emulator.control.resetRequests();
  await emulator.control.injectFault({ match: { method: "POST", path_contains: "purchase-from-inventory" }, kind: "status", status: 429, retry_after_seconds: 1, times: 6 });
  await emulator.control.injectFault({ match: { path_contains: "/inventory/numbers" }, kind: "status", status: 429, retry_after_seconds: 1, times: 2 });
}

/** What the emulator saw of those siblings' purchases: which failed for a number already taken, and the 429s and listings. */
export async function siblingRequests(emulator: RunningEmulator): Promise<{ purchasesOfTakenNumbers: number; purchaseLimits: number; listings: number }> {
  const { requests } = await emulator.control.requests();
  return {
    purchasesOfTakenNumbers: requests.filter((r) => r.route === "purchaseNumber" && r.status === 404).length,
    purchaseLimits: requests.filter((r) => r.route === "purchaseNumber" && r.status === 429).length,
    listings: requests.filter((r) => r.route === "listInventory" && r.status === 200).length,
  };
}
