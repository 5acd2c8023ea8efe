import type { FeeChange, NumberChange } from "./number-changes";
import type { PlanJudgement } from "./plan-guardrails";

/**
 * The Markdown a pull request shows for a preview: first what refused the plan, if anything, and the stack's
 * guardrails, if it has any; then one row per number to buy, adopt, release, replace, re-route or move, and the
 * change in monthly fees as far as it is known before anything is bought.
 */
export function previewSummary(changes: readonly NumberChange[], stack: string, judgement: PlanJudgement = { guardrails: [], refusals: [] }): string {
  const lines = [`### Vobiz numbers: \`pulumi preview\` of stack \`${stack}\``, ""];
  if (judgement.refusals.length > 0) {
    lines.push("**Refused:** this plan must not be applied.", "", ...judgement.refusals.map((refusal) => `- ${oneLine(refusal)}`), "");
  }
  if (judgement.guardrails.length > 0) {
    lines.push("**Guardrails in force** (the stack's config):", "", "| Guardrail | Limit | Enforced on |", "| - | - | - |");
    for (const row of judgement.guardrails) lines.push(`| ${row.key} | ${cell(row.limit)} | ${cell(row.plan)} |`);
    lines.push("");
  }
  if (changes.length === 0) return [...lines, "No change to Vobiz numbers.", ""].join("\n");
  lines.push("| Change | Resource | Number | Detail | Monthly fee |", "| - | - | - | - | - |");
  for (const change of changes) {
    lines.push(`| ${change.action} | ${cell(change.resource)} | ${cell(change.number)} | ${cell(change.detail)} | ${feeCell(change.fee)} |`);
  }
  lines.push("", feeTotals(changes), "");
  return lines.join("\n");
}

function feeCell(fee: FeeChange | undefined): string {
  if (!fee) return "";
  if ("unknown" in fee) return fee.atMost ? `at most ${money(fee.atMost.amount, fee.atMost.currency)}` : "known at purchase";
  return money(fee.amount, fee.currency, true);
}

function feeTotals(changes: readonly NumberChange[]): string {
  const known = new Map<string, number>();
  let unknown = 0;
  for (const { fee } of changes) {
    if (!fee) continue;
    if ("unknown" in fee) unknown += 1;
    else known.set(fee.currency, (known.get(fee.currency) ?? 0) + fee.amount);
  }
  const knownText = known.size === 0 ? "no known change" : [...known].map(([currency, amount]) => money(amount, currency, true)).join(", ");
  const unknownText = unknown === 0 ? "" : `, plus ${unknown} new number${unknown === 1 ? "" : "s"} priced when Vobiz picks ${unknown === 1 ? "it" : "them"}`;
  return `**Monthly fees:** ${knownText}${unknownText}.`;
}

function money(amount: number, currency: string, signed = false): string {
  const sign = signed && amount > 0 ? "+" : amount < 0 ? "−" : "";
  return `${sign}${Math.abs(amount)}${currency ? ` ${currency}` : ""}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}
