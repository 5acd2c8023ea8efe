import type { BenchResults, Operation, Sample, StoredSize, Subject } from "./bench-measure";
import { bytes, seconds, table, times, verdict } from "./bench-table";

/**
 * The plugin's targets at the largest size, for `up` and `refresh`: under the no-op dynamic resource's time,
 * and within this much of the no-op plugin's.
 */
export const PLUGIN_TARGETS = { underNoOpDynamic: 1.0, overNoOpPlugin: 1.2 } as const;

const TARGETED: readonly Operation[] = ["up", "refresh"];

/** One operation of the plugin, beside the same operation of the three other subjects on the same layout. */
export interface PluginComparison {
  operation: Operation;
  n: number;
  wallMs: Record<Subject, number>;
  /** The plugin's time over the no-op dynamic resource's. */
  overNoOpDynamic: number;
  /** The plugin's time over the no-op plugin's. */
  overNoOpPlugin: number;
  apiCalls: number;
}

/** Each plugin sample of one stack, with the other three subjects' samples of it; fails when one is missing. */
export function comparePlugin(samples: readonly Sample[]): PluginComparison[] {
  return samples
    .filter((sample) => sample.subject === "plugin" && sample.stacks === 1)
    .map((plugin) => {
      const of = (subject: Subject): number => {
        const found = samples.find((s) => s.subject === subject && s.operation === plugin.operation && s.mode === plugin.mode && s.n === plugin.n && s.stacks === 1);
        if (found === undefined) throw new Error(`no ${subject} sample beside the plugin's ${plugin.operation} of ${plugin.n}`);
        return found.wallMs;
      };
      const wallMs: Record<Subject, number> = { "no-op": of("no-op"), PhoneNumber: of("PhoneNumber"), "no-op plugin": of("no-op plugin"), plugin: plugin.wallMs };
      return {
        operation: plugin.operation,
        n: plugin.n,
        wallMs,
        overNoOpDynamic: plugin.wallMs / wallMs["no-op"],
        overNoOpPlugin: plugin.wallMs / wallMs["no-op plugin"],
        apiCalls: plugin.apiCalls,
      };
    });
}

/** A target of the plugin at the largest size, and whether the run met it. */
export interface PluginTarget {
  label: string;
  bound: string;
  measured: number;
  met: boolean;
}

/** The four targets (`up` and `refresh`, against each floor) at the run's largest size; none for a run without the plugin. */
export function pluginTargets(results: BenchResults): PluginTarget[] {
  const largest = Math.max(...results.sizes);
  return comparePlugin(results.samples)
    .filter((c) => c.n === largest && TARGETED.includes(c.operation))
    .flatMap((c) => [
      {
        label: `\`${c.operation}\` time, plugin / no-op dynamic`,
        bound: `< ${PLUGIN_TARGETS.underNoOpDynamic.toFixed(1)}×`,
        measured: c.overNoOpDynamic,
        met: c.overNoOpDynamic < PLUGIN_TARGETS.underNoOpDynamic,
      },
      {
        label: `\`${c.operation}\` time, plugin / no-op plugin`,
        bound: `≤ ${PLUGIN_TARGETS.overNoOpPlugin.toFixed(1)}×`,
        measured: c.overNoOpPlugin,
        met: c.overNoOpPlugin <= PLUGIN_TARGETS.overNoOpPlugin,
      },
    ]);
}

/** One line per plugin target, as the bench prints them when it ends. */
export function pluginVerdicts(results: BenchResults): string[] {
  const largest = Math.max(...results.sizes);
  return pluginTargets(results).map((t) => `plugin at N = ${largest}: ${t.label.replace(/`/g, "")} ${times(t.measured)} (target ${t.bound}): ${t.met ? "met" : "MISSED"}`);
}

const subjects: readonly Subject[] = ["no-op", "PhoneNumber", "no-op plugin", "plugin"];
const headings: Record<Subject, string> = { "no-op": "no-op dynamic", PhoneNumber: "PhoneNumber (dynamic)", "no-op plugin": "no-op plugin", plugin: "PhoneNumber (plugin)" };

/** The Markdown lines of the plugin's part of a run's section: nothing for a run without the plugin. */
export function pluginSection(results: BenchResults): string[] {
  const comparisons = comparePlugin(results.samples);
  if (comparisons.length === 0) return [];
  const largest = Math.max(...results.sizes);
  return [
    "",
    `**The vobiz plugin: targets at N = ${largest}** (numbers bought exactly, one stack)`,
    "",
    table(
      ["target", "bound", "measured", "met"],
      pluginTargets(results).map((t) => [t.label, t.bound, times(t.measured), verdict(t.met)]),
    ),
    "",
    "**The vobiz plugin: wall time beside the dynamic resource and both floors**",
    "",
    table(
      ["N", "operation", ...subjects.map((s) => headings[s]), "plugin / no-op dynamic", "plugin / no-op plugin", "plugin API calls"],
      comparisons.map((c) => [c.n, c.operation, ...subjects.map((s) => seconds(c.wallMs[s])), times(c.overNoOpDynamic), times(c.overNoOpPlugin), c.apiCalls]),
    ),
    "",
    "**State per resource, all four** (after `up`; a resource's checkpoint entry as compact JSON)",
    "",
    table(
      ["N", ...subjects.map((s) => headings[s]), "plugin / no-op dynamic", "state file: plugin"],
      pluginSizes(results.storedSizes).map((row) => [
        row.n,
        ...subjects.map((s) => bytes(row.sizes[s].stateBytesPerResource)),
        times(row.sizes.plugin.stateBytesPerResource / row.sizes["no-op"].stateBytesPerResource),
        bytes(row.sizes.plugin.checkpointBytes),
      ]),
    ),
    "",
    "**Purchases** (the ledger of each subject's emulator after `up`: one debit per number)",
    "",
    table(
      ["N", "subject", "numbers", "purchase debits", "made by the `up`"],
      (results.purchases ?? []).filter((p) => p.mode === "exact" && p.stacks === 1).map((p) => [p.n, headings[p.subject], p.numbers, p.debits, p.duringUp]),
    ),
  ];
}

/** The stored sizes of the exact scenarios in which all four subjects were measured. */
function pluginSizes(sizes: readonly StoredSize[]): { n: number; sizes: Record<Subject, StoredSize> }[] {
  return sizes
    .filter((s) => s.subject === "plugin" && s.mode === "exact")
    .flatMap((plugin) => {
      const of = (subject: Subject) => sizes.find((s) => s.subject === subject && s.mode === "exact" && s.n === plugin.n);
      const [noOp, dynamic, noOpPlugin] = [of("no-op"), of("PhoneNumber"), of("no-op plugin")];
      if (!noOp || !dynamic || !noOpPlugin) return [];
      return [{ n: plugin.n, sizes: { "no-op": noOp, PhoneNumber: dynamic, "no-op plugin": noOpPlugin, plugin } }];
    });
}
