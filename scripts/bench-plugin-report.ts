import type { BenchResults, Operation, Sample, StoredSize, Subject } from "./bench-measure";
import { bytes, seconds, table, times, verdict } from "./bench-table";

/**
 * The plugin's targets at the largest size, for `up` and `refresh`: under the no-op dynamic resource's time,
 * and within this much of the no-op plugin's.
 */
export const PLUGIN_TARGETS = { underNoOpDynamic: 1.0, overNoOpPlugin: 1.2 } as const;

const TARGETED: readonly Operation[] = ["up", "refresh"];

/** One operation of the plugin, beside the same operation of the other subjects on the same layout. */
export interface PluginComparison {
  operation: Operation;
  n: number;
  /** Absent for the no-op plugin with outputs in runs made before it was measured. */
  wallMs: Partial<Record<Subject, number>> & Record<Exclude<Subject, "no-op plugin with outputs">, number>;
  /** The plugin's time over the no-op dynamic resource's. */
  overNoOpDynamic: number;
  /** The plugin's time over the no-op plugin's. */
  overNoOpPlugin: number;
  /** The plugin's time over the no-op plugin's resource that records the same outputs: what the plugin's work costs. */
  overNoOpWithOutputs?: number;
  apiCalls: number;
}

/** Each plugin sample of one stack, with the other subjects' samples of it; fails when a floor is missing. */
export function comparePlugin(samples: readonly Sample[]): PluginComparison[] {
  return samples
    .filter((sample) => sample.subject === "plugin" && sample.stacks === 1)
    .map((plugin) => {
      const find = (subject: Subject) =>
        samples.find((s) => s.subject === subject && s.operation === plugin.operation && s.mode === plugin.mode && s.n === plugin.n && s.stacks === 1)?.wallMs;
      const of = (subject: Subject): number => {
        const found = find(subject);
        if (found === undefined) throw new Error(`no ${subject} sample beside the plugin's ${plugin.operation} of ${plugin.n}`);
        return found;
      };
      const withOutputs = find("no-op plugin with outputs");
      const wallMs = { "no-op": of("no-op"), PhoneNumber: of("PhoneNumber"), "no-op plugin": of("no-op plugin"), plugin: plugin.wallMs };
      return {
        operation: plugin.operation,
        n: plugin.n,
        wallMs: withOutputs === undefined ? wallMs : { ...wallMs, "no-op plugin with outputs": withOutputs },
        overNoOpDynamic: plugin.wallMs / wallMs["no-op"],
        overNoOpPlugin: plugin.wallMs / wallMs["no-op plugin"],
        ...(withOutputs === undefined ? {} : { overNoOpWithOutputs: plugin.wallMs / withOutputs }),
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

const subjects: readonly Subject[] = ["no-op", "PhoneNumber", "no-op plugin", "no-op plugin with outputs", "plugin"];
const headings: Record<Subject, string> = {
  "no-op": "no-op dynamic",
  PhoneNumber: "PhoneNumber (dynamic)",
  "no-op plugin": "no-op plugin",
  "no-op plugin with outputs": "no-op plugin, PhoneNumber's outputs",
  plugin: "PhoneNumber (plugin)",
};
const absent = "–";

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
    "**The vobiz plugin: wall time beside the dynamic resource and the floors**",
    "",
    table(
      ["N", "operation", ...subjects.map((s) => headings[s]), "plugin / no-op dynamic", "plugin / no-op plugin", "plugin / no-op plugin with its outputs", "plugin API calls"],
      comparisons.map((c) => [
        c.n,
        c.operation,
        ...subjects.map((s) => optional(c.wallMs[s], seconds)),
        times(c.overNoOpDynamic),
        times(c.overNoOpPlugin),
        optional(c.overNoOpWithOutputs, times),
        c.apiCalls,
      ]),
    ),
    "",
    "**State per resource, every subject** (after `up`; a resource's checkpoint entry as compact JSON)",
    "",
    table(
      ["N", ...subjects.map((s) => headings[s]), "plugin / no-op dynamic", "state file: plugin"],
      pluginSizes(results.storedSizes).map((row) => [
        row.n,
        ...subjects.map((s) => optional(row.sizes[s]?.stateBytesPerResource, bytes)),
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

function optional<T>(value: T | undefined, format: (value: T) => string): string {
  return value === undefined ? absent : format(value);
}

/** The stored sizes of the exact scenarios in which the plugin and the three floors it is held to were measured. */
function pluginSizes(sizes: readonly StoredSize[]): { n: number; sizes: Partial<Record<Subject, StoredSize>> & { "no-op": StoredSize; plugin: StoredSize } }[] {
  return sizes
    .filter((s) => s.subject === "plugin" && s.mode === "exact")
    .flatMap((plugin) => {
      const of = (subject: Subject) => sizes.find((s) => s.subject === subject && s.mode === "exact" && s.n === plugin.n);
      const [noOp, dynamic, noOpPlugin, withOutputs] = [of("no-op"), of("PhoneNumber"), of("no-op plugin"), of("no-op plugin with outputs")];
      if (!noOp || !dynamic || !noOpPlugin) return [];
      const measured = { "no-op": noOp, PhoneNumber: dynamic, "no-op plugin": noOpPlugin, plugin };
      return [{ n: plugin.n, sizes: withOutputs === undefined ? measured : { ...measured, "no-op plugin with outputs": withOutputs } }];
    });
}
