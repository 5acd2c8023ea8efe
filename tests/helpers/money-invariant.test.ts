import type { LedgerRow } from "../../emulator/control-types";
import { oneOwnerViolations } from "./money-invariant";

// The check every suite that buys ends with, on records and ledgers written out by hand.
describe("one owner per number, judged from the records and the ledger", () => {
  const ME = "MA_ME";
  let id = 0;
  const row = (kind: LedgerRow["kind"], e164: string, account_id = ME): LedgerRow => ({
    id: ++id,
    account_id,
    kind,
    amount: kind === "purchase" ? -100 : kind === "release_fee" ? -7 : 7,
    currency: "INR",
    e164,
    balance_after: 0,
    at: "2026-12-04T00:00:00Z",
  });
  const record = (urn: string, e164: string, status = "active", adopted = false) => ({ urn, e164, status, adopted });

  it("names a number two resources record, even when it was debited once", () => {
    const violations = oneOwnerViolations([record("a", "+1"), record("b", "+1")], [row("purchase", "+1")], ME);
    expect(violations).toEqual(["+1 is recorded by 2 resources: a, b"]);
  });

  it("names a number recorded as bought that was never debited, or debited twice", () => {
    const violations = oneOwnerViolations([record("a", "+1"), record("b", "+2")], [row("purchase", "+2"), row("purchase", "+2")], ME);
    expect(violations).toEqual(["+1 (a, status active) was debited 0 times", "+2 (b, status active) was debited 2 times"]);
  });

  it("counts debits since the last release, and a cancelled release as no release", () => {
    const ledger = [row("purchase", "+1"), row("release_fee", "+1"), row("purchase", "+1"), row("purchase", "+2"), row("release_fee", "+2"), row("refund", "+2")];
    expect(oneOwnerViolations([record("a", "+1"), record("b", "+2")], ledger, ME)).toEqual([]);
  });

  it("allows an adopted or unconfirmed record no debit, ignores a record that holds no number, and other accounts' debits", () => {
    const records = [record("a", "+1", "active", true), record("b", "+2", "unconfirmed"), record("c", "+3", "not_bought"), record("d", "+3")];
    expect(oneOwnerViolations(records, [row("purchase", "+3"), row("purchase", "+3", "MA_OTHER")], ME)).toEqual([]);
  });
});
