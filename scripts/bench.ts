import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { installProjects, measureScenario, removeProjects, type BenchResults, type Scenario } from "./bench-measure";
import { pluginVerdicts, writeReport } from "./bench-report";

// Compiled to dist/scripts, so the repository is two levels up.
const root = path.resolve(__dirname, "../..");

/**
 * What a run measures at each size: numbers bought exactly, through `up`, `preview`, `refresh` and
 * `destroy`, as dynamic resources and through the vobiz plugin; `up` by criteria and by adoption; and, at
 * the largest size, the same numbers split into two stacks of half the size run side by side. Each against
 * its no-op floor, run right beside it. `exactOnly` keeps the first of these: what the plugin's targets need.
 */
export function scenariosFor(sizes: readonly number[], exactOnly = false): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const n of sizes) {
    scenarios.push({ mode: "exact", n, stacks: 1, after: ["preview", "refresh", "destroy"], plugin: true });
    if (exactOnly) continue;
    scenarios.push({ mode: "criteria", n, stacks: 1, after: [], plugin: false });
    scenarios.push({ mode: "adopt", n, stacks: 1, after: [], plugin: false });
  }
  if (exactOnly) return scenarios;
  const largest = Math.max(...sizes);
  scenarios.push({ mode: "exact", n: largest / 2, stacks: 2, after: ["refresh", "destroy"], plugin: false });
  return scenarios;
}

interface Options {
  quick: boolean;
  exactOnly: boolean;
  latencyMs: number;
  sizes: number[];
  doc: string;
  results: string;
  from?: string;
}

function parseOptions(argv: readonly string[]): Options {
  const program = new Command("bench")
    .description("Times pulumi up, preview, refresh and destroy of PhoneNumber stacks, dynamic and through the vobiz plugin, against a no-op dynamic resource and a no-op plugin, and writes docs/benchmarks.md.")
    .option("--quick", "10 numbers only (what CI runs)", false)
    .option("--exact-only", "only numbers bought exactly, in one stack (the scenario the plugin is measured in); written to a section of its own", false)
    .option("--latency-ms <N>", "milliseconds the emulator waits before answering each request", wholeNumber, 0)
    .option("--sizes <list>", "numbers per stack, comma-separated", sizeList, [10, 100, 1000])
    .option("--doc <file>", "the Markdown file whose section for this latency is rewritten", path.join(root, "docs", "benchmarks.md"))
    .option("--results <file>", "where the raw figures go (default .cache/bench/results-<latency>ms.json)")
    .option("--from <file>", "write the report from the raw figures of an earlier run instead of measuring")
    .parse([...argv], { from: "user" });
  const opts = program.opts<{ quick: boolean; exactOnly: boolean; latencyMs: number; sizes: number[]; doc: string; results?: string; from?: string }>();
  return {
    ...opts,
    sizes: opts.quick ? [10] : opts.sizes,
    results: opts.results ?? path.join(root, ".cache", "bench", `results-${opts.latencyMs}ms${opts.exactOnly ? "-exact" : ""}.json`),
  };
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number");
  return Number(value);
}

function sizeList(value: string): number[] {
  const sizes = value.split(",").map((part) => Number(part.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 2 || n > 10_000 || n % 2 !== 0)) {
    throw new InvalidArgumentError("sizes are even whole numbers from 2 to 10000 (the largest is also split in two)");
  }
  return sizes;
}

async function measure(options: Options): Promise<BenchResults> {
  const projects = await installProjects();
  const results: BenchResults = {
    latencyMs: options.latencyMs,
    sizes: options.sizes,
    ...(options.exactOnly ? { exactOnly: true } : {}),
    samples: [],
    storedSizes: [],
    purchases: [],
    finishedAt: "",
    machine: machine(),
  };
  const started = Date.now();
  try {
    for (const scenario of scenariosFor(options.sizes, options.exactOnly)) {
      const { samples, sizes, purchases } = await measureScenario(scenario, projects, {
        latencyMs: options.latencyMs,
        repeats: options.quick ? 1 : 5,
        onCommand: (what) => log(`${Math.round((Date.now() - started) / 1000)}s  ${what}`),
      });
      results.samples.push(...samples);
      if (scenario.stacks === 1) results.storedSizes.push(...sizes);
      results.purchases?.push(...purchases);
      results.finishedAt = new Date().toISOString();
      // Written after every scenario, so that a run cut short keeps what it measured.
      fs.mkdirSync(path.dirname(options.results), { recursive: true });
      fs.writeFileSync(options.results, `${JSON.stringify(results, null, 2)}\n`);
    }
  } finally {
    removeProjects(projects);
  }
  return results;
}

function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * `npm run bench`: measures (or, with `--from`, reads an earlier run's figures), then rewrites this latency's
 * section of docs/benchmarks.md and its chart. Exits non-zero when a command of the run fails.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const results = options.from ? (JSON.parse(fs.readFileSync(options.from, "utf8")) as BenchResults) : await measure(options);
  await writeReport(results, options.doc);
  for (const line of pluginVerdicts(results)) log(line);
  log(`wrote ${path.relative(process.cwd(), options.doc)}${options.from ? "" : ` and ${path.relative(process.cwd(), options.results)}`}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
