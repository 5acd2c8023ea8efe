import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { performance } from "node:perf_hooks";
import type { RunningEmulator } from "../emulator";
import { installedProject } from "./installed-project";
import { ProjectStack, type CliRun } from "./project-stack";
import { pulumiEnv, repoRoot } from "./pulumi-toolchain";
import { accountOwning, accountStocking, NUMBER_PREFIX } from "./refresh-workload";

/**
 * What a stack manages: dynamic `PhoneNumber`s, or the no-op dynamic resource that stands for the engine's
 * floor; `vobiz:index:PhoneNumber`s of the vobiz plugin, or the no-op plugin that stands for a plugin's floor,
 * or the no-op plugin's resource that records a `PhoneNumber`'s outputs (what the plugin stores, without its work).
 */
export type Subject = "PhoneNumber" | "no-op" | "plugin" | "no-op plugin" | "no-op plugin with outputs";

/** The subjects of a scenario that measures the plugin, in the order each command runs on them. */
export const pluginScenarioSubjects: readonly Subject[] = ["no-op", "PhoneNumber", "no-op plugin", "no-op plugin with outputs", "plugin"];

/** The subjects that buy numbers, each from an emulator of its own. */
export const buyingSubjects: readonly Subject[] = ["PhoneNumber", "plugin"];
/** How the bench's `PhoneNumber`s name their number. */
export type Mode = "exact" | "criteria" | "adopt";
export type Operation = "up" | "preview" | "refresh" | "destroy";

/** One command, run on `stacks` stacks of `n` resources each at the same time. */
export interface Sample {
  subject: Subject;
  operation: Operation;
  /** How the numbers were named (for the no-op: the scenario it was measured beside). */
  mode: Mode;
  n: number;
  stacks: number;
  /** From the start of the first command to the end of the last; the median when repeated. */
  wallMs: number;
  /** Public API requests the emulator answered during the command(s). */
  apiCalls: number;
}

/** What one resource costs in the checkpoint, read from the state file after `up`. */
export interface StoredSize {
  subject: Subject;
  mode: Mode;
  n: number;
  /** A resource's entry in the checkpoint as compact JSON, averaged over the stack's resources of the subject. */
  stateBytesPerResource: number;
  /**
   * The serialized provider, which the engine stores in both the inputs and the outputs of each dynamic
   * resource (a plugin's resources have none).
   */
  providerBytes?: number;
  /** The whole state file as the file backend wrote it. */
  checkpointBytes: number;
}

/** The purchases the ledger of a subject's emulator holds after `up`: one per number, whoever made it. */
export interface Purchases {
  subject: Subject;
  mode: Mode;
  n: number;
  stacks: number;
  /** Purchase debits in the ledger, the account's stocking for adopt included. */
  debits: number;
  /** Distinct numbers those debits bought. */
  numbers: number;
  /** Of the debits, those the `up` made. */
  duringUp: number;
}

/** Everything one run measured, as `--results` writes it and `--from` reads it back. */
export interface BenchResults {
  latencyMs: number;
  sizes: number[];
  /** Set when the run measured only the exact scenarios (`--exact-only`). */
  exactOnly?: boolean;
  samples: Sample[];
  storedSizes: StoredSize[];
  /** Absent from runs made before the plugin was measured. */
  purchases?: Purchases[];
  /** When the last scenario ended (ISO 8601). */
  finishedAt: string;
  /** The CPUs, memory and Node.js version the run had. */
  machine: string;
}

/**
 * One measured layout: `stacks` stacks of `n` numbers named the same way, managed once as `PhoneNumber`s and
 * once as no-op resources, and the commands timed on both after their `up`.
 */
export interface Scenario {
  mode: Mode;
  n: number;
  stacks: number;
  after: ("preview" | "refresh" | "destroy")[];
  /** Whether the plugin and the no-op plugin's two resources are measured too, beside the dynamic resources. */
  plugin: boolean;
}

/** The installed project folder each subject's stacks run in, and the Pulumi home the plugins are installed in. */
export interface Projects {
  folders: Record<Subject, string>;
  /** PULUMI_HOME of every stack of the run: the vobiz plugin and the no-op plugin, installed from their tarballs. */
  pulumiHome: string;
}

const run = promisify(execFile);
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

/**
 * Installs the bench project folders outside the repository (the dynamic ones from the package's
 * `npm pack` tarball), builds the vobiz plugin and the no-op plugin when their sources changed, and installs
 * both with `pulumi plugin install` into a Pulumi home of the run's own under `.cache/bench`.
 */
export async function installProjects(): Promise<Projects> {
  // The no-op plugin's two resources are declared by the same program, told apart by its `type` setting.
  const noOpPlugin = await installedProject(path.join(repoRoot, "bench", "plugin-no-op"));
  const folders: Record<Subject, string> = {
    PhoneNumber: await installedProject(path.join(repoRoot, "bench", "phone-numbers")),
    "no-op": await installedProject(path.join(repoRoot, "bench", "no-op")),
    plugin: await installedProject(path.join(repoRoot, "bench", "plugin-phone-numbers")),
    "no-op plugin": noOpPlugin,
    "no-op plugin with outputs": noOpPlugin,
  };
  fs.mkdirSync(path.join(repoRoot, ".cache", "bench"), { recursive: true });
  const pulumiHome = fs.mkdtempSync(path.join(repoRoot, ".cache", "bench", "pulumi-home-"));
  const plugins = [
    { name: "vobiz", build: "build-plugin.sh", tarball: path.join(repoRoot, "dist", "plugin", `pulumi-resource-vobiz-v${version}-linux-amd64.tar.gz`) },
    {
      name: "vobizbench",
      build: "bench-noop-plugin.sh",
      tarball: path.join(repoRoot, ".cache", "bench", "noop-plugin", `pulumi-resource-vobizbench-v${version}-linux-amd64.tar.gz`),
    },
  ];
  for (const plugin of plugins) {
    await run("bash", [path.join(repoRoot, "scripts", plugin.build)], { cwd: repoRoot });
    await run("pulumi", ["plugin", "install", "resource", plugin.name, version, "--file", plugin.tarball], { env: pulumiEnv({ PULUMI_HOME: pulumiHome }) });
  }
  return { folders, pulumiHome };
}

/** Removes the run's Pulumi home, with the plugins installed in it. */
export function removeProjects(projects: Projects): void {
  fs.rmSync(projects.pulumiHome, { recursive: true, force: true });
}

/** How a run measures: the emulator's added latency, and how often the cheap, repeatable commands run. */
export interface MeasureOptions {
  latencyMs: number;
  /** Runs of `preview` and `refresh` (which change nothing), of which the median is kept. */
  repeats: number;
  /** Called before each command, for progress output. */
  onCommand?: (what: string) => void;
}

/** The stacks of one subject in a scenario, and the emulator behind them (none for the no-ops). */
interface Side {
  subject: Subject;
  stacks: ProjectStack[];
  emulator: RunningEmulator | undefined;
}

/**
 * Runs one scenario on fresh stacks (and, for each subject that buys, a fresh emulator stocked with just the
 * numbers it needs). Each command runs on the no-op stacks and then on the `PhoneNumber` stacks (and, when
 * the scenario measures the plugin, on the no-op plugin's two and the plugin's), right after one another, so
 * that whatever else the machine does weighs on all alike. Returns a sample per subject and command, the
 * stored sizes and the purchases after `up`. Fails when a command fails, when `preview` or `refresh` finds
 * a change, or when a stack does not hold the resources it should.
 */
export async function measureScenario(
  scenario: Scenario,
  projects: Projects,
  options: MeasureOptions,
): Promise<{ samples: Sample[]; sizes: StoredSize[]; purchases: Purchases[] }> {
  const sides: Side[] = [];
  try {
    const total = scenario.n * scenario.stacks;
    const stock = scenario.mode === "adopt" ? accountOwning : accountStocking;
    const subjects: readonly Subject[] = scenario.plugin ? pluginScenarioSubjects : ["no-op", "PhoneNumber"];
    for (const subject of subjects) {
      const emulator = buyingSubjects.includes(subject) ? (await stock(total, { latencyMs: options.latencyMs })).emulator : undefined;
      sides.push({ subject, stacks: [], emulator });
    }
    for (const side of sides) {
      for (let part = 0; part < scenario.stacks; part++) side.stacks.push(await newStack(side, scenario, projects, part));
    }

    const samples: Sample[] = [];
    const timeBoth = async (operation: Operation, args: string[], repeats = 1): Promise<void> => {
      const runs = new Map<Subject, { wallMs: number; apiCalls: number }[]>(sides.map((side) => [side.subject, []]));
      for (let i = 0; i < repeats; i++) {
        // Which subject goes first alternates between repeats.
        for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
          options.onCommand?.(`${side.subject} ${operation} (${scenario.mode}), ${scenario.stacks} × ${scenario.n}${repeats > 1 ? ` (${i + 1}/${repeats})` : ""}`);
          runs.get(side.subject)?.push(await timeCommand(side, operation, args));
        }
      }
      for (const [subject, measured] of runs) {
        const median = measured.sort((a, b) => a.wallMs - b.wallMs)[Math.floor(measured.length / 2)] as (typeof measured)[number];
        samples.push({ subject, operation, mode: scenario.mode, n: scenario.n, stacks: scenario.stacks, ...median });
      }
    };

    // `--skip-preview` times the operation alone (as the Automation API runs it); `preview` is timed on its own.
    const debitsBefore = await Promise.all(sides.map((side) => purchaseDebits(side)));
    await timeBoth("up", ["--skip-preview"]);
    expectResources(sides, scenario.n, "up");
    const sizes = sides.map((side) => storedSize(side, scenario));
    const purchases: Purchases[] = [];
    for (const [i, side] of sides.entries()) {
      if (side.emulator === undefined) continue;
      const debits = await purchaseDebits(side);
      const { subject } = side;
      const { mode, n, stacks } = scenario;
      purchases.push({ subject, mode, n, stacks, debits: debits.length, numbers: new Set(debits).size, duringUp: debits.length - (debitsBefore[i] ?? []).length });
    }
    for (const operation of scenario.after) {
      if (operation === "preview") await timeBoth("preview", ["--expect-no-changes"], options.repeats);
      if (operation === "refresh") await timeBoth("refresh", ["--skip-preview", "--expect-no-changes"], options.repeats);
      if (operation === "destroy") await timeBoth("destroy", ["--skip-preview"]);
      expectResources(sides, operation === "destroy" ? 0 : scenario.n, operation);
    }
    return { samples, sizes, purchases };
  } finally {
    for (const side of sides) for (const stack of side.stacks) await discard(stack);
    for (const side of sides) await side.emulator?.close();
  }
}

async function timeCommand(side: Side, operation: Operation, args: string[]): Promise<{ wallMs: number; apiCalls: number }> {
  const run = (stack: ProjectStack): Promise<CliRun> => {
    if (operation === "up") return stack.up(args);
    if (operation === "preview") return stack.preview(args);
    if (operation === "refresh") return stack.refresh(args);
    return stack.destroy(args);
  };
  await side.emulator?.control.resetRequests();
  const start = performance.now();
  await Promise.all(side.stacks.map(run));
  const wallMs = performance.now() - start;
  return { wallMs, apiCalls: side.emulator === undefined ? 0 : (await side.emulator.control.requests()).total };
}

/** The numbers each purchase debit in the ledger of the side's emulator bought, in order. */
async function purchaseDebits(side: Side): Promise<string[]> {
  if (side.emulator === undefined) return [];
  return (await side.emulator.control.ledger()).filter((row) => row.kind === "purchase").map((row) => row.e164);
}

async function newStack(side: Side, scenario: Scenario, projects: Projects, part: number): Promise<ProjectStack> {
  const stack = await ProjectStack.init({
    dir: projects.folders[side.subject],
    name: `bench-${side.subject.replace(/ /g, "-")}-${scenario.mode}-${scenario.stacks}x${scenario.n}`,
    env: { PULUMI_HOME: projects.pulumiHome },
  });
  const settings: Record<string, string> = { count: String(scenario.n), first: String(part * scenario.n), prefix: NUMBER_PREFIX };
  if (side.subject === "no-op plugin with outputs") settings["type"] = resourceType(side.subject);
  if (side.emulator === undefined) {
    await stack.configure(settings);
    return stack;
  }
  const { master } = side.emulator.credentials;
  // The plugin program buys exactly, whatever the scenario's mode: it is measured in exact scenarios only.
  const mode: Record<string, string> = side.subject === "PhoneNumber" ? { mode: scenario.mode } : {};
  await stack.configure(
    { ...settings, ...mode, "vobiz:authId": master.authId, "vobiz:baseUrl": side.emulator.baseUrl },
    { "vobiz:authToken": master.authToken },
  );
  return stack;
}

function resourceType(subject: Subject): string {
  if (subject === "no-op plugin with outputs") return "NoOpWithOutputs";
  return subject === "no-op" || subject === "no-op plugin" ? "NoOp" : "PhoneNumber";
}

function expectResources(sides: readonly Side[], expected: number, after: string): void {
  for (const side of sides) {
    for (const stack of side.stacks) {
      const held = stack.resourcesOfType(resourceType(side.subject)).length;
      if (held !== expected) throw new Error(`after ${after}, ${stack.stackName} holds ${held} resources instead of ${expected} (log: ${stack.logFile})`);
    }
  }
}

function storedSize(side: Side, scenario: Scenario): StoredSize {
  const stack = side.stacks[0] as ProjectStack;
  const resources = stack.resourcesOfType(resourceType(side.subject));
  const bytes = resources.reduce((sum, resource) => sum + Buffer.byteLength(JSON.stringify(resource)), 0);
  const dynamic = side.subject === "PhoneNumber" || side.subject === "no-op";
  const provider = resources[0]?.outputs?.["__provider"];
  if (dynamic && typeof provider !== "string") throw new Error(`${stack.stackName}: the first resource has no __provider in its outputs`);
  return {
    subject: side.subject,
    mode: scenario.mode,
    n: scenario.n,
    stateBytesPerResource: Math.round(bytes / resources.length),
    ...(typeof provider === "string" ? { providerBytes: Buffer.byteLength(provider) } : {}),
    checkpointBytes: Buffer.byteLength(stack.stateText()),
  };
}

// The emulator goes with the run, so what a stack still holds needs no destroy: removing it is enough.
async function discard(stack: ProjectStack): Promise<void> {
  await stack.pulumi(["stack", "rm", "--yes", "--force"], { expect: "any" });
  if (stack.backendDir !== undefined) fs.rmSync(stack.backendDir, { recursive: true, force: true });
}
