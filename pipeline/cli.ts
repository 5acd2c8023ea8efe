#!/usr/bin/env node
import * as fs from "node:fs";
import { CommanderError } from "commander";
import { argumentErrorLine, toolCommand, type TextSink } from "../cli/tool-command";
import { driftLines, driftOf } from "./drift-report";
import { parseEngineEvents } from "./engine-events";
import { parseEngineJson } from "./engine-json";
import { numberChanges } from "./number-changes";
import { judgePlan } from "./plan-guardrails";
import { previewSummary } from "./preview-summary";

/**
 * `vobiz-pipeline-report`: turns the JSON of `pulumi preview --json` into the Markdown summary a pull request
 * shows (exit code 1 when the plan is refused or breaks a stack guardrail), and the JSON of `pulumi refresh --preview-only --json` into one line per drifted property (exit
 * code 1 when there is drift). Reads a file, or standard input when the file is `-`. Exits with 2 on bad
 * arguments or input that is not the JSON of the command named.
 */
export function main(argv: readonly string[], io: { stdout: TextSink; stderr: TextSink } = process): number {
  let exitCode = 0;
  const program = toolCommand("vobiz-pipeline-report", "Reports for a Pulumi pipeline of Vobiz numbers.", io);
  program
    .command("summary")
    .description(
      "Markdown summary of `pulumi preview --json --show-sames`: what refused the plan, the stack's guardrails, the numbers to buy, " +
        "release, re-route or move, and the change in monthly fees; exit code 1 when the plan is refused or breaks a stack cap.",
    )
    .argument("<file>", "the preview's JSON, or - for standard input")
    .requiredOption("--stack <name>", "the stack the preview is of, for the heading")
    .action((file: string, options: { stack: string }) => {
      const preview = parseEngineJson(read(file), "pulumi preview --json");
      const judgement = judgePlan(preview);
      io.stdout.write(previewSummary(numberChanges(preview.steps), options.stack, judgement));
      if (judgement.refusals.length > 0) exitCode = 1;
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
      for (const line of lines) io.stdout.write(`drift: ${line}\n`);
      // A refresh that failed says why only in its events: pass that on.
      for (const message of refresh.errors) io.stderr.write(`pulumi: ${message}\n`);
      if (lines.length > 0) exitCode = 1;
    });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      io.stderr.write(argumentErrorLine("vobiz-pipeline-report", error));
      return 2;
    }
    io.stderr.write(`vobiz-pipeline-report: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  return exitCode;
}

function read(file: string): string {
  return fs.readFileSync(file === "-" ? 0 : file, "utf8");
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
