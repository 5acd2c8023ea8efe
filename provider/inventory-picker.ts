import { NotFoundError, type PhoneNumber as VobizNumber, type VobizClient } from "../sdk";
import type { PhoneNumberInputs } from "./phone-number-inputs";

// Numbers being bought by this provider process right now. Every create of a deployment runs in the
// same process, so parallel creates with the same criteria never race each other for one number.
const claimed = new Set<string>();

const CANDIDATES_PER_ATTEMPT = 100;
const MAX_PURCHASE_ATTEMPTS = 10;

/**
 * Buys one inventory number that meets the criteria and returns it.
 *
 * Candidates are tried in a random order (so concurrent deployments elsewhere rarely collide) and each
 * is claimed in-process before its purchase; a candidate that someone else bought first (404) is skipped
 * for the next. Fails with a message naming the criteria when nothing in inventory fits.
 */
export async function purchaseMatchingNumber(client: VobizClient, criteria: PhoneNumberInputs): Promise<VobizNumber> {
  const tried = new Set<string>();
  for (let attempt = 0; attempt < MAX_PURCHASE_ATTEMPTS; attempt++) {
    const candidates = shuffle(await matchingInventory(client, criteria, tried));
    const pick = candidates.find((n) => !claimed.has(n.e164));
    if (!pick) {
      if (candidates.length > 0) {
        // Every match is being bought by a sibling create; see what is left once they finish.
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      throw new Error(`No number in Vobiz inventory matches ${describeCriteria(criteria)}. Widen the criteria or name an exact e164.`);
    }
    claimed.add(pick.e164);
    tried.add(pick.e164);
    try {
      return await client.purchaseNumber(pick.e164, criteria.currency ? { currency: criteria.currency } : {});
    } catch (error) {
      claimed.delete(pick.e164);
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  throw new Error(`Could not buy a number matching ${describeCriteria(criteria)}: every candidate was taken by someone else first. Run again.`);
}

async function matchingInventory(client: VobizClient, criteria: PhoneNumberInputs, skip: Set<string>): Promise<VobizNumber[]> {
  const matches: VobizNumber[] = [];
  const listing = client.inventory({
    ...(criteria.country ? { country: criteria.country } : {}),
    ...(criteria.contains ? { search: criteria.contains.replace(/^\+/, "") } : {}),
    ...(criteria.excludePrefixes?.length ? { exclude: criteria.excludePrefixes } : {}),
    perPage: 100,
  });
  for await (const number of listing) {
    if (skip.has(number.e164)) continue;
    if (criteria.maxMonthlyFee !== undefined && number.monthly_fee > criteria.maxMonthlyFee) continue;
    if (criteria.maxSetupFee !== undefined && number.setup_fee > criteria.maxSetupFee) continue;
    matches.push(number);
    if (matches.length >= CANDIDATES_PER_ATTEMPT) break;
  }
  return matches;
}

/** The criteria in words, for messages. */
export function describeCriteria(criteria: PhoneNumberInputs): string {
  const parts = [`country ${criteria.country}`];
  if (criteria.contains) parts.push(`containing ${criteria.contains}`);
  if (criteria.excludePrefixes?.length) parts.push(`not starting with ${criteria.excludePrefixes.join(", ")}`);
  if (criteria.maxMonthlyFee !== undefined) parts.push(`monthly fee at most ${criteria.maxMonthlyFee}`);
  if (criteria.maxSetupFee !== undefined) parts.push(`setup fee at most ${criteria.maxSetupFee}`);
  return parts.join(", ");
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
