import { guardrailKeys, noGuardrails, readGuardrails, type GuardrailConfig, type Guardrails } from "../provider/core/guardrail-settings";
import { Refusal } from "../provider/core/refusal";
import type { EngineStep } from "./engine-json";
import { capBreaches, planTotals } from "./stack-caps";

/** One guardrail in force, as the summary's table shows it. */
export interface GuardrailRow {
  key: string;
  limit: string;
  /** Where it is enforced, or for a stack cap what the plan comes to. */
  plan: string;
}

/** What the stack's guardrails say of a plan: the guardrails in force, and every refusal, the provider's and the caps'. */
export interface PlanJudgement {
  guardrails: GuardrailRow[];
  refusals: string[];
}

/**
 * Judges a preview against the stack's guardrails, read from the config the preview printed: the per-number
 * rules were applied by the provider's `check` (their refusals are the preview's error diagnostics), and the
 * stack caps, `vobiz:maxNumbers` and `vobiz:maxMonthlyTotal`, are judged here on the whole plan. A guardrail
 * setting that cannot be read is a refusal too. A stack with no guardrail and a preview without errors gets none.
 */
export function judgePlan(preview: { config: Record<string, string>; steps: readonly EngineStep[]; diagnostics: readonly { message: string; severity?: string | undefined }[] }): PlanJudgement {
  const refusals = [...new Set(preview.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.replace(/^error: /, "").trim()))];
  const config: GuardrailConfig = Object.fromEntries(guardrailKeys.map((key) => [key, preview.config[`vobiz:${key}`]]));
  let guardrails: Guardrails = noGuardrails;
  try {
    guardrails = readGuardrails(config);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    refusals.push(error.message);
  }
  const totals = planTotals(preview.steps, guardrails);
  refusals.push(...capBreaches(totals, guardrails));

  const rows: GuardrailRow[] = [];
  const perNumber = "each number: refused at preview, an exact number before it is bought";
  if (guardrails.allowedCountries) rows.push({ key: "vobiz:allowedCountries", limit: guardrails.allowedCountries.join(", "), plan: perNumber });
  if (guardrails.maxMonthlyFee !== undefined) rows.push({ key: "vobiz:maxMonthlyFee", limit: `${guardrails.maxMonthlyFee} per number`, plan: perNumber });
  if (guardrails.maxSetupFee !== undefined) rows.push({ key: "vobiz:maxSetupFee", limit: `${guardrails.maxSetupFee} per number`, plan: perNumber });
  if (guardrails.requireDeletionProtection) rows.push({ key: "vobiz:requireDeletionProtection", limit: "true", plan: "each number: refused at preview" });
  if (guardrails.maxNumbers !== undefined) {
    rows.push({ key: "vobiz:maxNumbers", limit: String(guardrails.maxNumbers), plan: `${totals.numbers} number${totals.numbers === 1 ? "" : "s"} after this plan` });
  }
  if (guardrails.maxMonthlyTotal !== undefined) {
    const unbounded = totals.unboundedPurchases > 0 ? `, plus ${totals.unboundedPurchases} with no fee limit` : "";
    const adopted = totals.adoptions > 0 ? `, plus ${totals.adoptions} adopted at their current fees` : "";
    rows.push({ key: "vobiz:maxMonthlyTotal", limit: String(guardrails.maxMonthlyTotal), plan: `at most ${totals.monthlyAtMost} a month after this plan${unbounded}${adopted}` });
  }
  return { guardrails: rows, refusals };
}
