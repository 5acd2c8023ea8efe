import type { SoakOutcome } from "./soak-run";

/** One scenario's runs, added up. */
export interface ScenarioTally {
  scenario: string;
  runs: number;
  converged: number;
  duplicateClaims: number;
  doubleDebits: number;
  orphans: number;
  /** How many runs needed 1, 2, 3 … `up` runs, by that count. */
  upsNeeded: Map<number, number>;
}

/** The outcomes added up per scenario, in the order the scenarios first appear. */
export function tally(outcomes: SoakOutcome[]): ScenarioTally[] {
  const tallies = new Map<string, ScenarioTally>();
  for (const outcome of outcomes) {
    const t = tallies.get(outcome.scenario) ?? { scenario: outcome.scenario, runs: 0, converged: 0, duplicateClaims: 0, doubleDebits: 0, orphans: 0, upsNeeded: new Map() };
    t.runs += 1;
    if (outcome.converged) t.converged += 1;
    t.duplicateClaims += outcome.duplicateClaims.length;
    t.doubleDebits += outcome.doubleDebits.length;
    t.orphans += outcome.orphans.length;
    t.upsNeeded.set(outcome.ups, (t.upsNeeded.get(outcome.ups) ?? 0) + 1);
    tallies.set(outcome.scenario, t);
  }
  return [...tallies.values()];
}

/** The tallies as a Markdown table, with a totals row. */
export function reportTable(tallies: ScenarioTally[]): string {
  const ups = (t: ScenarioTally): string =>
    [...t.upsNeeded]
      .sort(([a], [b]) => a - b)
      .map(([count, runs]) => `${runs}×${count}`)
      .join(", ");
  const sum = (key: "runs" | "converged" | "duplicateClaims" | "doubleDebits" | "orphans"): number => tallies.reduce((total, t) => total + t[key], 0);
  return [
    "| Scenario | Runs | Converged | Duplicate claims | Double debits | Orphans | `up` runs needed (runs×ups) |",
    "| - | -: | -: | -: | -: | -: | - |",
    ...tallies.map((t) => `| ${t.scenario} | ${t.runs} | ${t.converged} | ${t.duplicateClaims} | ${t.doubleDebits} | ${t.orphans} | ${ups(t)} |`),
    `| **all** | ${sum("runs")} | ${sum("converged")} | ${sum("duplicateClaims")} | ${sum("doubleDebits")} | ${sum("orphans")} | |`,
  ].join("\n");
}
