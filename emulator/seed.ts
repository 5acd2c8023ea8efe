import type { EmulatorState } from "./model";
import { SeededRandom } from "./prng";
import { newAccount, newInventoryNumber, type NewInventoryNumber } from "./records";

/** One account's credentials, as the SDK takes them. */
export interface Credentials {
  authId: string;
  authToken: string;
}

/** The accounts of the default seed that a test or demo logs in with. */
export interface SeedCredentials {
  master: Credentials;
  admin: Credentials;
  subAccounts: Credentials[];
}

/** Which starting state to build: the demo accounts and inventory, or nothing at all. */
export type SeedName = "default" | "empty";

/** When the seeded accounts and numbers were created: fixed, so the seed is the same on every run. */
export const SEED_CREATED_AT = Date.parse("2026-01-15T10:00:00Z");

const tokenFor = (authId: string): string => `emu-token-${authId}`;
const credentials = (authId: string): Credentials => ({ authId, authToken: tokenFor(authId) });

/** The credentials of the default seed's accounts. */
export const defaultSeedCredentials: Readonly<SeedCredentials> = Object.freeze({
  master: credentials("MA_DEMO0001"),
  admin: credentials("MA_ADMIN001"),
  subAccounts: [credentials("SA_DEMO0001"), credentials("SA_DEMO0002")],
});

interface NumberBlock {
  country: "IN" | "US";
  region: string;
  prefix: string;
  count: number;
}

const numberBlocks: readonly NumberBlock[] = [
  { country: "IN", region: "Karnataka", prefix: "+9180", count: 40 },
  { country: "IN", region: "Maharashtra", prefix: "+9122", count: 40 },
  { country: "IN", region: "Delhi", prefix: "+9111", count: 35 },
  { country: "IN", region: "Tamil Nadu", prefix: "+9144", count: 35 },
  { country: "US", region: "CA", prefix: "+1415", count: 20 },
  { country: "US", region: "NY", prefix: "+1212", count: 20 },
  { country: "US", region: "TX", prefix: "+1512", count: 20 },
];

const PRNG_SEED = 0x5eed_d1d5;

/**
 * The default seed: master `MA_DEMO0001` (50000 INR, 200 USD) with sub-accounts `SA_DEMO0001` and
 * `SA_DEMO0002`, admin master `MA_ADMIN001`, and 210 inventory numbers across four Indian regions
 * and three US area codes, all priced in INR. Deterministic: every call builds the same state.
 */
export function defaultSeedState(): EmulatorState {
  const state = emptyState();
  const { master, admin, subAccounts } = defaultSeedCredentials;
  const accounts = [
    newAccount(
      { auth_id: master.authId, auth_token: master.authToken, name: "Demo master account", balances: { INR: 50000, USD: 200 } },
      SEED_CREATED_AT,
    ),
    ...subAccounts.map((sub, i) =>
      newAccount(
        { auth_id: sub.authId, auth_token: sub.authToken, parent_id: master.authId, name: `Demo sub-account ${i + 1}` },
        SEED_CREATED_AT + (i + 1) * 24 * 60 * 60 * 1000,
      ),
    ),
    newAccount(
      {
        auth_id: admin.authId,
        auth_token: admin.authToken,
        name: "Admin master account",
        admin: true,
        balances: { INR: 100000, USD: 500 },
      },
      SEED_CREATED_AT,
    ),
  ];
  for (const account of accounts) state.accounts[account.auth_id] = account;
  for (const input of seedInventory()) state.numbers[input.e164] = newInventoryNumber(input, SEED_CREATED_AT);
  return state;
}

/** A state with no accounts and no numbers. */
export function emptyState(): EmulatorState {
  return { accounts: {}, numbers: {}, ledger: [], audit: [] };
}

/** Builds the state a seed name stands for. */
export function seedState(seed: SeedName): EmulatorState {
  return seed === "default" ? defaultSeedState() : emptyState();
}

function seedInventory(): NewInventoryNumber[] {
  const random = new SeededRandom(PRNG_SEED);
  const numbers = new Map<string, NewInventoryNumber>();
  for (const block of numberBlocks) {
    let made = 0;
    while (made < block.count) {
      const e164 = block.prefix + localPart(block.country, random);
      if (numbers.has(e164)) continue;
      numbers.set(e164, { e164, country: block.country, region: block.region, currency: "INR", ...fees(block.country, random) });
      made += 1;
    }
  }
  return [...numbers.values()].sort((a, b) => (a.e164 < b.e164 ? -1 : 1));
}

// Indian landlines with a two-digit STD code have eight more digits; a US number after the area
// code has an exchange that cannot start with 0 or 1, then four digits.
function localPart(country: NumberBlock["country"], random: SeededRandom): string {
  return country === "IN" ? String(random.integer(2, 9)) + random.digits(7) : String(random.integer(2, 9)) + random.digits(6);
}

function fees(country: NumberBlock["country"], random: SeededRandom): { setup_fee: number; monthly_fee: number } {
  return country === "IN"
    ? { setup_fee: random.step(100, 500, 50), monthly_fee: random.step(300, 1200, 50) }
    : { setup_fee: random.step(0, 200, 25), monthly_fee: random.step(250, 900, 50) };
}
