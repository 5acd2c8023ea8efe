import type { EngineStep } from "../../pipeline/engine-json";
import { numberChanges } from "../../pipeline/number-changes";
import { judgePlan } from "../../pipeline/plan-guardrails";
import { previewSummary } from "../../pipeline/preview-summary";
import { capBreaches, planTotals } from "../../pipeline/stack-caps";
import { noGuardrails, readGuardrails } from "../../provider/core/guardrail-settings";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const urn = (name: string) => `urn:pulumi:prod::fleet::pulumi-nodejs:dynamic/vobiz:PhoneNumber::${name}`;
const state = (inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}) => ({ type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber", inputs, outputs });
const held = (name: string, monthlyFee: number): EngineStep => ({
  op: "same",
  urn: urn(name),
  oldState: state({ country: "IN" }, { e164: `+9180${monthlyFee}`, monthlyFee, currency: "INR" }),
  newState: state({ country: "IN" }),
});

// Two numbers kept (500 + 600), one bought by criteria limited to 900, one released (400), one adopted.
const plan: EngineStep[] = [
  held("kept-1", 500),
  held("kept-2", 600),
  { op: "create", urn: urn("new"), newState: state({ country: "IN", maxMonthlyFee: 900 }) },
  { op: "delete", urn: urn("gone"), oldState: state({ country: "IN" }, { monthlyFee: 400 }) },
  { op: "create", urn: urn("legacy"), newState: state({ e164: "+918065551234", adopt: true }) },
  { op: "create", urn: "urn:pulumi:prod::fleet::pulumi-nodejs:dynamic/vobiz:SubAccountAssignment::legacy-sub-account", newState: { type: "x" } },
];

describe("the stack caps, judged on the whole plan", () => {
  it("counts the numbers the stack holds after the plan, and their monthly fees at most", () => {
    expect(planTotals(plan, noGuardrails)).toEqual({ numbers: 4, monthlyAtMost: 2000, unboundedPurchases: 0, adoptions: 1 });
  });

  it("bounds a purchase by the lower of its criteria limit and the stack's vobiz:maxMonthlyFee, and counts one with neither", () => {
    const purchases: EngineStep[] = [
      { op: "create", urn: urn("capped"), newState: state({ country: "IN", maxMonthlyFee: 900 }) },
      { op: "create", urn: urn("exact"), newState: state({ e164: "+918065550001" }) },
      { op: "replace", urn: urn("replaced"), oldState: state({ e164: "+918065550002" }, { monthlyFee: 100 }), newState: state({ country: "IN", maxMonthlyFee: UNKNOWN }) },
    ];
    expect(planTotals(purchases, noGuardrails)).toMatchObject({ numbers: 3, monthlyAtMost: 900, unboundedPurchases: 2 });
    expect(planTotals(purchases, readGuardrails({ maxMonthlyFee: "700" }))).toMatchObject({ monthlyAtMost: 2100, unboundedPurchases: 0 });
  });

  it("names vobiz:maxNumbers when the plan leaves more numbers, and accepts a plan at the cap", () => {
    const totals = planTotals(plan, noGuardrails);
    expect(capBreaches(totals, readGuardrails({ maxNumbers: "3" }))).toEqual(["The plan leaves the stack with 4 numbers, more than the stack's vobiz:maxNumbers (3)."]);
    expect(capBreaches(totals, readGuardrails({ maxNumbers: "4" }))).toEqual([]);
  });

  it("names vobiz:maxMonthlyTotal when the fees may come to more, and when a purchase has no fee limit", () => {
    const totals = planTotals(plan, noGuardrails);
    expect(capBreaches(totals, readGuardrails({ maxMonthlyTotal: "1999" }))).toEqual([
      "The plan's monthly fees come to as much as 2000, more than the stack's vobiz:maxMonthlyTotal (1999).",
    ]);
    expect(capBreaches(totals, readGuardrails({ maxMonthlyTotal: "2000" }))).toEqual([]);
    const unbounded = planTotals([{ op: "create", urn: urn("open"), newState: state({ country: "IN" }) }], noGuardrails);
    expect(capBreaches(unbounded, readGuardrails({ maxMonthlyTotal: "5000" }))[0]).toMatch(/^1 number to buy has no monthly fee limit.*set maxMonthlyFee on it, or set vobiz:maxMonthlyFee\.$/);
  });

  it("puts the refusals and the guardrails in force at the top of the summary", () => {
    const preview = {
      config: { "vobiz:maxNumbers": "3", "vobiz:maxMonthlyTotal": "5000", "vobiz:allowedCountries": '["IN","US"]', "vobiz:authToken": "[secret]" },
      steps: plan,
      diagnostics: [{ severity: "error", message: "error: pulumi-nodejs:dynamic/vobiz:PhoneNumber resource 'de': property country value {DE} has a problem: DE is not allowed\n" }],
    };
    const summary = previewSummary(numberChanges(plan), "prod", judgePlan(preview));
    expect(summary.split("\n").slice(0, 16)).toEqual([
      "### Vobiz numbers: `pulumi preview` of stack `prod`",
      "",
      "**Refused:** this plan must not be applied.",
      "",
      "- pulumi-nodejs:dynamic/vobiz:PhoneNumber resource 'de': property country value {DE} has a problem: DE is not allowed",
      "- The plan leaves the stack with 4 numbers, more than the stack's vobiz:maxNumbers (3).",
      "",
      "**Guardrails in force** (the stack's config):",
      "",
      "| Guardrail | Limit | Enforced on |",
      "| - | - | - |",
      "| vobiz:allowedCountries | IN, US | each number: refused at preview, an exact number before it is bought |",
      "| vobiz:maxNumbers | 3 | 4 numbers after this plan |",
      "| vobiz:maxMonthlyTotal | 5000 | at most 2000 a month after this plan, plus 1 adopted at their current fees |",
      "",
      "| Change | Resource | Number | Detail | Monthly fee |",
    ]);
  });

  it("refuses a guardrail setting it cannot read, and adds nothing for a stack without guardrails", () => {
    expect(judgePlan({ config: { "vobiz:maxNumbers": "many" }, steps: plan, diagnostics: [] }).refusals).toEqual([expect.stringMatching(/vobiz:maxNumbers is "many"/)]);
    const plain = judgePlan({ config: { "vobiz:authId": "MA_X" }, steps: plan, diagnostics: [{ severity: "warning", message: "warning: slow" }] });
    expect(plain).toEqual({ guardrails: [], refusals: [] });
    expect(previewSummary(numberChanges(plan), "prod", plain)).toBe(previewSummary(numberChanges(plan), "prod"));
  });
});
