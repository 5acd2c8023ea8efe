#!/usr/bin/env node
import * as fs from "node:fs";
import { Command } from "commander";
import { driftLines, driftOf } from "./drift-report";
import { parseEngineEvents } from "./engine-events";
import { parseEngineJson } from "./engine-json";
import { numberChanges } from "./number-changes";
import { previewSummary } from "./preview-summary";
import { packageVersion } from "../sdk/package-version";


/**
 * `vobiz-pipeline-report`: turns the JSON of `pulumi preview --json` into the Markdown summary a pull request
 * shows, and the JSON of `pulumi refresh --preview-only --json` into one line per drifted property (exit
 * code 1 when there is drift). Reads a file, or standard input when the file is `-`.
 */
export function main(argv: readonly string[]): number {
  let exitCode = 0;
  const program = new Command("vobiz-pipeline-report")
    .description("Reports for a Pulumi pipeline of Vobiz numbers.")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program
    .command("summary")
    .description("Markdown summary of `pulumi preview --json`: the numbers to buy, release, re-route or move, and the change in monthly fees.")
    .argument("<file>", "the preview's JSON, or - for standard input")
    .requiredOption("--stack <name>", "the stack the preview is of, for the heading")
    .action((file: string, options: { stack: string }) => {
      const preview = parseEngineJson(read(file), "pulumi preview --json");
      process.stdout.write(previewSummary(numberChanges(preview.steps), options.stack));
    });
  program
    .command("drift")
    .description(
      "One line per drifted number and property in the events of `pulumi refresh --preview-only --json` run with " +
        "PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true; exit code 1 when there is any.",
    )
    .argument("<file>", "the refresh preview's events, or - for standard input")
    .action((file: string) => {
      const refresh = parseEngineEvents(read(file), "pulumi refresh --preview-only --json");
      const lines = driftLines(driftOf(refresh.resources));
      for (const line of lines) process.stdout.write(`drift: ${line}\n`);
      // A refresh that failed says why only in its events: pass that on.
      for (const message of refresh.errors) process.stderr.write(`pulumi: ${message}\n`);
      if (lines.length > 0) exitCode = 1;
    });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    const code = (error as { exitCode?: unknown }).exitCode;
    if (typeof code === "number") return code;
    process.stderr.write(`vobiz-pipeline-report: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  return exitCode;
}

function read(file: string): string {
  return fs.readFileSync(file === "-" ? 0 : file, "utf8");
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
