import { EmulatorControl } from "../../emulator";
import type { LedgerRow } from "../../emulator/control-types";
import { resourcesOf, type StateResource } from "../../scripts/checkpoint";
import type { CreatedStack } from "../../scripts/project-stack";

// The invariant every test that buys ends with: one number, one owner. No two PhoneNumber resources of the
// stacks of one account record the same number, and every number a resource records as bought was debited
// to the account exactly once since the account last released it.

/** A stack a test made, as the invariant finds it: how to read its checkpoint, and the environment it runs `pulumi` with. */
export type RecordingStack = CreatedStack;

const stacks: RecordingStack[] = [];

/** Records a stack of the running test file, so that the check after each of its tests covers it. */
export function registerStack(stack: RecordingStack): void {
  stacks.push(stack);
}

/** Every stack of the running test file. */
export function registeredStacks(): RecordingStack[] {
  return [...stacks];
}

/** One PhoneNumber of a checkpoint, as the invariant reads it. */
interface Record {
  urn: string;
  e164: string;
  status: string;
  adopted: boolean;
}

/**
 * What breaks the invariant in these records against the account's ledger, one line each: a number recorded
 * by two resources, a number recorded as bought that the account was not debited for, or was debited for
 * more than once. A record that holds no number (`not_bought`) is not counted; one recorded as unconfirmed
 * may have no debit; an adopted number may have been bought outside the stack.
 */
export function oneOwnerViolations(records: Record[], ledger: LedgerRow[], authId: string): string[] {
  const violations: string[] = [];
  const holding = records.filter((r) => r.status !== "not_bought");
  const byNumber = new Map<string, Record[]>();
  for (const record of holding) byNumber.set(record.e164, [...(byNumber.get(record.e164) ?? []), record]);
  for (const [e164, owners] of byNumber) {
    if (owners.length > 1) violations.push(`${e164} is recorded by ${owners.length} resources: ${owners.map((o) => o.urn).join(", ")}`);
  }
  const debits = debitsSinceLastRelease(ledger, authId);
  for (const [e164, owners] of byNumber) {
    const owner = owners[0] as Record;
    const debited = debits.get(e164) ?? 0;
    const allowed = owner.adopted || owner.status === "unconfirmed" ? [0, 1] : [1];
    if (!allowed.includes(debited)) violations.push(`${e164} (${owner.urn}, status ${owner.status}) was debited ${debited} times`);
  }
  return violations;
}

/** Purchases debited for each number since its last release that was not cancelled. */
function debitsSinceLastRelease(ledger: LedgerRow[], authId: string): Map<string, number> {
  const counts = new Map<string, number>();
  const beforeRelease = new Map<string, number>();
  for (const row of ledger) {
    if (row.account_id !== authId) continue;
    const count = counts.get(row.e164) ?? 0;
    if (row.kind === "purchase") counts.set(row.e164, count + 1);
    if (row.kind === "release_fee") {
      beforeRelease.set(row.e164, count);
      counts.set(row.e164, 0);
    }
    if (row.kind === "refund") counts.set(row.e164, beforeRelease.get(row.e164) ?? count);
  }
  return counts;
}

/** The account a record's provider used: the API root and the auth id, when the state or environment names them. */
export interface RecordAccount {
  baseUrl?: string;
  authId?: string;
}

/**
 * The PhoneNumber records of a checkpoint, each with the API root and account of the provider that serves it.
 * A dynamic resource's provider records the whole stack config (`vobiz:baseUrl`); a plugin provider, default
 * or explicit, its own keys (`baseUrl`). What neither names comes from the VOBIZ_* environment.
 */
export function recordsOf(checkpointText: string, env: NodeJS.ProcessEnv = {}): { records: (Record & RecordAccount)[] } {
  const resources = resourcesOf(checkpointText);
  const providerInputs = new Map(resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => [`${r.urn}::${r.id}`, r.inputs ?? {}]));
  const records = resources
    .filter((r) => r.type.endsWith(":PhoneNumber"))
    .map((r: StateResource) => {
      const config = (r.provider === undefined ? undefined : providerInputs.get(r.provider)) ?? {};
      const baseUrl = stringOr(config["vobiz:baseUrl"] ?? config["baseUrl"], env["VOBIZ_BASE_URL"]);
      const authId = stringOr(config["vobiz:authId"] ?? config["authId"], env["VOBIZ_AUTH_ID"]);
      return {
        urn: r.urn,
        e164: String(r.outputs?.["e164"] ?? r.id),
        status: String(r.outputs?.["status"] ?? ""),
        adopted: r.inputs?.["adopt"] === true,
        ...(baseUrl ? { baseUrl } : {}),
        ...(authId ? { authId } : {}),
      };
    });
  return { records };
}

function stringOr(value: unknown, fallback: string | undefined): string | undefined {
  return typeof value === "string" ? value : fallback;
}

/**
 * Checks the invariant across `stacks` and throws naming every violation: each account's records together,
 * against its ledger on the emulator their provider used, and no number recorded under two accounts of one
 * emulator. An emulator already closed cannot show its ledger, so for its stacks only the records are compared
 * with each other.
 */
export async function expectOneOwnerPerNumber(stacksToCheck: RecordingStack[]): Promise<void> {
  const groups = new Map<string, { baseUrl?: string; authId?: string; records: Record[] }>();
  for (const stack of stacksToCheck) {
    const checkpoint = await stack.checkpoint();
    if (checkpoint === undefined) continue;
    for (const { baseUrl, authId, ...record } of recordsOf(checkpoint, stack.env).records) {
      const key = `${baseUrl}|${authId}`;
      const group = groups.get(key) ?? { ...(baseUrl ? { baseUrl } : {}), ...(authId ? { authId } : {}), records: [] };
      group.records.push(record);
      groups.set(key, group);
    }
  }
  const violations: string[] = [];
  const accountsByNumber = new Map<string, Set<string | undefined>>();
  for (const { baseUrl, authId, records } of groups.values()) {
    for (const record of records.filter((r) => r.status !== "not_bought")) {
      const key = `${baseUrl ? new URL(baseUrl).port : ""}|${record.e164}`;
      accountsByNumber.set(key, (accountsByNumber.get(key) ?? new Set()).add(authId));
    }
  }
  for (const [key, accounts] of accountsByNumber) {
    if (accounts.size > 1) violations.push(`${key.split("|")[1]} is recorded under ${accounts.size} accounts: ${[...accounts].join(", ")}`);
  }
  for (const { baseUrl, authId, records } of groups.values()) {
    const ledger = baseUrl && authId ? await new EmulatorControl(baseUrl).ledger().catch(() => undefined) : undefined;
    const found = oneOwnerViolations(records, ledger ?? [], authId ?? "");
    violations.push(...(ledger === undefined ? found.filter((v) => v.includes("recorded by")) : found));
  }
  if (violations.length > 0) throw new Error(`one number, one owner, broken:\n${violations.join("\n")}`);
}
