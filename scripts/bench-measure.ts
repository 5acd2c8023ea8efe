import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { RunningEmulator } from "../emulator";
import { installedProject } from "./installed-project";
import { ProjectStack, type CliRun } from "./project-stack";
import { repoRoot } from "./pulumi-toolchain";
import { accountOwning, accountStocking, NUMBER_PREFIX } from "./refresh-workload";

/** What a stack manages: `PhoneNumber`s, or the no-op dynamic resource that stands for the engine's floor. */
export type Subject = "PhoneNumber" | "no-op";
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
  /** The serialized provider, which the engine stores in both the inputs and the outputs of each resource. */
  providerBytes: number;
  /** The whole state file as the file backend wrote it. */
  checkpointBytes: number;
}

/** Everything one run measured, as `--results` writes it and `--from` reads it back. */
export interface BenchResults {
  latencyMs: number;
  sizes: number[];
  samples: Sample[];
  storedSizes: StoredSize[];
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
}

/** The installed project folders (bench/phone-numbers and bench/no-op) the scenarios run in. */
export interface Projects {
  phoneNumbers: string;
  noOp: string;
}

/** Installs both bench project folders from the package's `npm pack` tarball, outside the repository. */
export async function installProjects(): Promise<Projects> {
  return {
    phoneNumbers: await installedProject(path.join(repoRoot, "bench", "phone-numbers")),
    noOp: await installedProject(path.join(repoRoot, "bench", "no-op")),
  };
}

/** How a run measures: the emulator's added latency, and how often the cheap, repeatable commands run. */
export interface MeasureOptions {
  latencyMs: number;
  /** Runs of `preview` and `refresh` (which change nothing), of which the median is kept. */
  repeats: number;
  /** Called before each command, for progress output. */
  onCommand?: (what: string) => void;
}

/** The stacks of one subject in a scenario, and the emulator behind them (none for the no-op). */
interface Side {
  subject: Subject;
  stacks: ProjectStack[];
  emulator: RunningEmulator | undefined;
}

/**
 * Runs one scenario on fresh stacks (and, for `PhoneNumber`, a fresh emulator stocked with just the numbers
 * it needs). Each command runs on the no-op stacks and then on the `PhoneNumber` stacks, right after one
 * another, so that whatever else the machine does weighs on both alike. Returns a sample per subject and
 * command and the stored sizes after `up`. Fails when a command fails, when `preview` or `refresh` finds a
 * change, or when a stack does not hold the resources it should.
 */
export async function measureScenario(scenario: Scenario, projects: Projects, options: MeasureOptions): Promise<{ samples: Sample[]; sizes: StoredSize[] }> {
  const sides: Side[] = [];
  try {
    const total = scenario.n * scenario.stacks;
    const stock = scenario.mode === "adopt" ? accountOwning : accountStocking;
    const { emulator } = await stock(total, { latencyMs: options.latencyMs });
    sides.push({ subject: "no-op", stacks: [], emulator: undefined }, { subject: "PhoneNumber", stacks: [], emulator });
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
    await timeBoth("up", ["--skip-preview"]);
    expectResources(sides, scenario.n, "up");
    const sizes = sides.map((side) => storedSize(side, scenario));
    for (const operation of scenario.after) {
      if (operation === "preview") await timeBoth("preview", ["--expect-no-changes"], options.repeats);
      if (operation === "refresh") await timeBoth("refresh", ["--skip-preview", "--expect-no-changes"], options.repeats);
      if (operation === "destroy") await timeBoth("destroy", ["--skip-preview"]);
      expectResources(sides, operation === "destroy" ? 0 : scenario.n, operation);
    }
    return { samples, sizes };
  } finally {
    for (const side of sides) for (const stack of side.stacks) await discard(stack);
    await sides.find((side) => side.emulator)?.emulator?.close();
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

async function newStack(side: Side, scenario: Scenario, projects: Projects, part: number): Promise<ProjectStack> {
  const noOp = side.subject === "no-op";
  const stack = await ProjectStack.init({
    dir: noOp ? projects.noOp : projects.phoneNumbers,
    name: `bench-${noOp ? "no-op" : scenario.mode}-${scenario.stacks}x${scenario.n}`,
  });
  const settings: Record<string, string> = { count: String(scenario.n), first: String(part * scenario.n), prefix: NUMBER_PREFIX };
  if (side.emulator === undefined) {
    await stack.configure(settings);
    return stack;
  }
  const { master } = side.emulator.credentials;
  await stack.configure(
    { ...settings, mode: scenario.mode, "vobiz:authId": master.authId, "vobiz:baseUrl": side.emulator.baseUrl },
    { "vobiz:authToken": master.authToken },
  );
  return stack;
}

function resourceType(subject: Subject): string {
  return subject === "no-op" ? "NoOp" : "PhoneNumber";
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
  const provider = resources[0]?.outputs?.["__provider"];
  if (typeof provider !== "string") throw new Error(`${stack.stackName}: the first resource has no __provider in its outputs`);
  return {
    subject: side.subject,
    mode: scenario.mode,
    n: scenario.n,
    stateBytesPerResource: Math.round(bytes / resources.length),
    providerBytes: Buffer.byteLength(provider),
    checkpointBytes: Buffer.byteLength(stack.stateText()),
  };
}

// The emulator goes with the run, so what a stack still holds needs no destroy: removing it is enough.
async function discard(stack: ProjectStack): Promise<void> {
  await stack.pulumi(["stack", "rm", "--yes", "--force"], { expect: "any" });
  if (stack.backendDir !== undefined) fs.rmSync(stack.backendDir, { recursive: true, force: true });
}
