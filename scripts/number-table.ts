import type { PhoneNumber } from "../sdk";

/**
 * The numbers an account holds as a plain-text table: number, owner, routing and monthly fee, then the
 * monthly total per currency. Meant for people reading a terminal.
 */
export function numberTable(numbers: readonly PhoneNumber[]): string {
  const rows = numbers.map((n) => [
    n.e164,
    n.account_id,
    n.trunk_group_id ? `trunk ${n.trunk_group_id}` : n.application_id ? `application ${n.application_id}` : "not routed",
    `${n.monthly_fee} ${n.currency}`,
  ]);
  const totals = new Map<string, number>();
  for (const n of numbers) totals.set(n.currency, (totals.get(n.currency) ?? 0) + n.monthly_fee);
  const header = ["number", "owner", "routing", "monthly fee"];
  const footer = ["monthly total", "", "", [...totals].map(([currency, sum]) => `${sum} ${currency}`).join(" + ") || "0"];
  const widths = header.map((_, i) => Math.max(...[header, ...rows, footer].map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line), rule, line(footer)].join("\n");
}
