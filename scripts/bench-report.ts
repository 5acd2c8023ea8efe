import * as fs from "node:fs";
import * as path from "node:path";
import { MAX_PAGE_SIZE } from "../sdk";
import { renderTimeChart, type ChartPoint } from "./bench-chart";
import type { BenchResults, Mode, Operation, Sample, StoredSize, Subject } from "./bench-measure";
import { pluginSection, pluginVerdicts } from "./bench-plugin-report";
import { bytes, seconds, table, times, verdict } from "./bench-table";

export { pluginVerdicts };

/** The targets, as ratios to the no-op floor of the same run at the largest size (and `__provider` in bytes). */
export const TARGETS = { refresh: 1.3, up: 1.5, stateRatio: 1.5, providerBytes: 1024 } as const;

/** A `PhoneNumber` sample beside the no-op sample of the same operation and layout, and its API-call floor. */
export interface Comparison {
  label: string;
  operation: Operation;
  mode: Mode;
  n: number;
  stacks: number;
  floorMs: number;
  oursMs: number;
  ratio: number;
  apiCalls: number;
  callFloor: number;
}

/**
 * The fewest API calls the operation can make: one purchase per number bought (plus the inventory pages
 * that criteria read), one lookup per number adopted, one release per number destroyed, nothing for a
 * preview, and for a refresh the cheaper of a search per number and one listing of everything the
 * account holds, in each stack's own provider process.
 */
export function callFloor(operation: Operation, mode: Mode, n: number, stacks: number): number {
  const owned = n * stacks;
  const perStack = {
    up: mode === "criteria" ? n + Math.ceil(owned / MAX_PAGE_SIZE) : n,
    preview: 0,
    refresh: Math.min(n, Math.ceil(owned / MAX_PAGE_SIZE)),
    destroy: n,
  }[operation];
  return perStack * stacks;
}

/** Each `PhoneNumber` sample with its floor; fails when the run has no no-op sample to compare it with. */
export function compare(samples: readonly Sample[]): Comparison[] {
  return samples
    .filter((sample) => sample.subject === "PhoneNumber")
    .map((ours) => {
      const floor = samples.find(
        (s) => s.subject === "no-op" && s.operation === ours.operation && s.mode === ours.mode && s.n === ours.n && s.stacks === ours.stacks,
      );
      if (floor === undefined) throw new Error(`no no-op sample for ${ours.operation} of ${ours.stacks} × ${ours.n}`);
      return {
        label: ours.operation === "up" ? `up (${ours.mode})` : ours.operation,
        operation: ours.operation,
        mode: ours.mode,
        n: ours.n,
        stacks: ours.stacks,
        floorMs: floor.wallMs,
        oursMs: ours.wallMs,
        ratio: ours.wallMs / floor.wallMs,
        apiCalls: ours.apiCalls,
        callFloor: callFloor(ours.operation, ours.mode, ours.n, ours.stacks),
      };
    });
}

/** What a run's section is named by: its latency, and whether it measured only the exact scenarios. */
function sectionKey(results: BenchResults): string {
  return `${results.latencyMs} ms${results.exactOnly ? ", exact only" : ""}`;
}

/** Rewrites the section of `doc` for this run's latency (creating the file or the section) and its chart. */
export async function writeReport(results: BenchResults, doc: string): Promise<void> {
  const chartName = `time-${results.latencyMs}ms${results.exactOnly ? "-exact" : ""}.svg`;
  const chartFile = path.join(path.dirname(doc), path.basename(doc, ".md"), chartName);
  fs.mkdirSync(path.dirname(chartFile), { recursive: true });
  fs.writeFileSync(chartFile, await renderTimeChart(chartPoints(results), `Wall time against N, ${results.latencyMs} ms per API request`));
  const section = reportSection(results, path.relative(path.dirname(doc), chartFile).split(path.sep).join("/"));
  const begin = `<!-- bench ${sectionKey(results)}: written by npm run bench -->`;
  const end = `<!-- end of bench ${sectionKey(results)} -->`;
  const block = `${begin}\n${section}\n${end}`;
  const text = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "# Benchmarks\n";
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  const updated = start >= 0 && stop > start ? text.slice(0, start) + block + text.slice(stop + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(doc, updated);
}

const chartLabels: Record<Subject, string> = {
  "no-op": "no-op (floor)",
  PhoneNumber: "PhoneNumber",
  "no-op plugin": "no-op plugin (floor)",
  "no-op plugin with outputs": "no-op plugin, PhoneNumber's outputs",
  plugin: "PhoneNumber (plugin)",
};

function chartPoints(results: BenchResults): ChartPoint[] {
  return results.samples
    .filter((s) => s.stacks === 1 && s.mode === "exact")
    .map((s) => ({ n: s.n, seconds: s.wallMs / 1000, operation: s.operation, subject: chartLabels[s.subject] }));
}

/** The Markdown of one run: targets, every comparison, stored sizes, growth with N and the split into two stacks. */
export function reportSection(results: BenchResults, chart: string): string {
  const comparisons = compare(results.samples);
  const largest = Math.max(...results.sizes);
  const single = comparisons.filter((c) => c.stacks === 1);
  return [
    `### ${results.latencyMs} ms per API request${results.exactOnly ? ", numbers bought exactly only" : ""}`,
    "",
    `Measured ${results.finishedAt.slice(0, 10)} on ${results.machine}; sizes ${results.sizes.join(", ")}; ` +
      "`preview` and `refresh` are the median of their runs, the rest one run each.",
    "",
    `**Targets at N = ${largest}**`,
    "",
    targetsTable(single.filter((c) => c.n === largest), results.storedSizes.filter((s) => s.n === largest)),
    "",
    "**Wall time and API calls**",
    "",
    table(
      ["N", "operation", "no-op (floor)", "PhoneNumber", "ratio", "API calls", "call floor"],
      single.map((c) => [c.n, c.label, seconds(c.floorMs), seconds(c.oursMs), times(c.ratio), c.apiCalls, c.callFloor]),
    ),
    "",
    `![Wall time against N](${chart})`,
    "",
    "**Stored per resource** (after `up`; a resource's checkpoint entry as compact JSON)",
    "",
    sizesTable(results.storedSizes),
    "",
    ...titled("**Growth with N** (how many times longer for ten times the numbers)", growthTable(results)),
    ...titled(
      `**One stack of ${largest}, or two stacks of ${largest / 2} side by side** (the same numbers, each pair run at once)`,
      splitTable(comparisons, largest),
    ),
    ...pluginSection(results),
  ].join("\n");
}

function targetsTable(atLargest: readonly Comparison[], sizes: readonly StoredSize[]): string {
  const rows: (string | number)[][] = [];
  const ratioRow = (c: Comparison, target: number) => [`\`${c.label}\` time`, `≤ ${target}× the no-op`, times(c.ratio), verdict(c.ratio <= target)];
  for (const c of atLargest.filter((c) => c.operation === "refresh")) rows.push(ratioRow(c, TARGETS.refresh));
  for (const c of atLargest.filter((c) => c.operation === "up")) rows.push(ratioRow(c, TARGETS.up));
  for (const { ours, noOp } of sizePairs(sizes)) {
    const providerBytes = ours.providerBytes ?? 0;
    rows.push([`\`__provider\` (${ours.mode})`, `≤ ${TARGETS.providerBytes} B`, bytes(providerBytes), verdict(providerBytes <= TARGETS.providerBytes)]);
    const ratio = ours.stateBytesPerResource / noOp.stateBytesPerResource;
    rows.push([`state per resource (${ours.mode})`, `≤ ${TARGETS.stateRatio}× the no-op`, times(ratio), verdict(ratio <= TARGETS.stateRatio)]);
  }
  for (const c of atLargest.filter((c) => c.operation === "refresh" || c.operation === "up")) {
    rows.push([`\`${c.label}\` API calls`, `≤ ${c.callFloor}`, c.apiCalls, verdict(c.apiCalls <= c.callFloor)]);
  }
  return table(["target", "bound", "measured", "met"], rows);
}

/** Each `PhoneNumber` size with the no-op's measured beside it. */
function sizePairs(sizes: readonly StoredSize[]): { ours: StoredSize; noOp: StoredSize }[] {
  return sizes
    .filter((s) => s.subject === "PhoneNumber")
    .flatMap((ours) => {
      const noOp = sizes.find((s) => s.subject === "no-op" && s.n === ours.n && s.mode === ours.mode);
      return noOp ? [{ ours, noOp }] : [];
    });
}

function sizesTable(sizes: readonly StoredSize[]): string {
  return table(
    ["N", "numbers", "state per resource: no-op", "PhoneNumber", "ratio", "`__provider`: no-op", "PhoneNumber", "state file: no-op", "PhoneNumber"],
    sizePairs(sizes).map(({ ours, noOp }) => [
      ours.n,
      ours.mode,
      bytes(noOp.stateBytesPerResource),
      bytes(ours.stateBytesPerResource),
      times(ours.stateBytesPerResource / noOp.stateBytesPerResource),
      bytes(noOp.providerBytes ?? 0),
      bytes(ours.providerBytes ?? 0),
      bytes(noOp.checkpointBytes),
      bytes(ours.checkpointBytes),
    ]),
  );
}

/** A table under its title, followed by a blank line; nothing when the run measured nothing for it. */
function titled(title: string, body: string | undefined): string[] {
  return body === undefined ? [] : [title, "", body, ""];
}

// A run of one size (`--sizes 1000`) has no growth to show.
function growthTable(results: BenchResults): string | undefined {
  const sizes = [...results.sizes].sort((a, b) => a - b);
  const steps = sizes.slice(1).map((n, i) => [sizes[i] as number, n] as const);
  if (steps.length === 0) return undefined;
  const timeOf = (subject: string, operation: Operation, mode: Mode, n: number) =>
    results.samples.find((s) => s.subject === subject && s.operation === operation && s.mode === mode && s.n === n && s.stacks === 1)?.wallMs;
  const rows: (string | number)[][] = [];
  for (const [subject, operation, mode] of [
    ["no-op", "up", "exact"],
    ["PhoneNumber", "up", "exact"],
    ["no-op", "refresh", "exact"],
    ["PhoneNumber", "refresh", "exact"],
    ["no-op", "destroy", "exact"],
    ["PhoneNumber", "destroy", "exact"],
  ] as const) {
    const growth = steps.map(([from, to]) => {
      const [a, b] = [timeOf(subject, operation, mode, from), timeOf(subject, operation, mode, to)];
      return a && b ? `${times(b / a)} (N^${(Math.log(b / a) / Math.log(to / from)).toFixed(2)})` : "";
    });
    rows.push([subject, operation, ...growth]);
  }
  return table(["subject", "operation", ...steps.map(([from, to]) => `${from} → ${to}`)], rows);
}

// Only a run of every scenario measures two stacks side by side.
function splitTable(comparisons: readonly Comparison[], largest: number): string | undefined {
  const rows = (["up", "refresh", "destroy"] as const).flatMap((operation) => {
    const one = comparisons.find((c) => c.operation === operation && c.mode === "exact" && c.n === largest && c.stacks === 1);
    const two = comparisons.find((c) => c.operation === operation && c.mode === "exact" && c.n === largest / 2 && c.stacks === 2);
    if (!one || !two) return [];
    return [[one.label, seconds(one.floorMs), seconds(two.floorMs), seconds(one.oursMs), seconds(two.oursMs), times(two.oursMs / one.oursMs)]];
  });
  if (rows.length === 0) return undefined;
  return table(["operation", `no-op: 1 × ${largest}`, `2 × ${largest / 2}`, `PhoneNumber: 1 × ${largest}`, `2 × ${largest / 2}`, "PhoneNumber split / one"], rows);
}
