#!/usr/bin/env node
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { CommanderError, InvalidArgumentError, Option } from "commander";
import { FleetFileError } from "../fleet/fleet-file-error";
import { mergeFleetFile, renderFleetFile } from "../fleet/write-fleet-file";
import { MAX_PAGE_SIZE, VobizClient } from "../sdk";
import { redact } from "../sdk/redact";
import { resolveCredentials } from "./credentials";
import { listAccountNumbers } from "../cli/list-account-numbers";
import { listingProgress, type ProgressStream } from "./listing-progress";
import { importFileFor, renderImportFile } from "./import-file";
import { planOnboarding, type OnboardFilters, type OnboardingPlan } from "./plan-onboarding";
import { argumentErrorLine, toolCommand } from "../cli/tool-command";

/** Where the command reads and writes; the real process by default, anything alike in tests. */
export interface OnboardIo {
  stdout: { write(chunk: string): unknown };
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
}

interface OnboardOptions {
  out: string;
  importFile?: string;
  merge?: true;
  force?: true;
  country?: string;
  subAccount?: string;
  prefix?: string;
  protect?: true;
  dryRun?: true;
  authId?: string;
  authToken?: string;
  baseUrl?: string;
}

const HELP_AFTER = `
Lists every number the account holds in one paged listing (100 numbers a call) and writes a fleet file with
one entry per active number: e164, adopt: true (the number is managed, never bought), the routing, the
sub-account holding it, and retainOnDelete: true (destroy never releases it). It changes nothing in the
account. Numbers that are not active (a release under way) are left out and named on stderr.

Credentials are the provider's: VOBIZ_AUTH_ID, VOBIZ_AUTH_TOKEN and VOBIZ_BASE_URL, or the flags. Keep the
token in the environment: --auth-token is visible to anyone who can list processes (ps) and stays in shell
history.

Then, in the Pulumi project that reads the file:
  pulumi up                              adopts every number, buys none
  pulumi preview --expect-no-changes     proves the stack matches the account

With --import-file, it writes a Pulumi bulk import file for the vobiz resource plugin instead (a program in
any language): a vobiz:index:PhoneNumber per active number, and a vobiz:index:SubAccountAssignment
(<name>-sub-account) per number a sub-account holds. Then, in the project:
  pulumi import --file vobiz-import.json --out declarations.yaml   takes them over, buys none
  pulumi preview --expect-no-changes     once the declarations are in the program

Examples:
  VOBIZ_AUTH_ID=MA_XXXXXXXX VOBIZ_AUTH_TOKEN=... npx vobiz-onboard
  npx vobiz-onboard --merge              add numbers bought since, keep the file's own entries
  npx vobiz-onboard --country IN --protect --dry-run
  npx vobiz-onboard --import-file vobiz-import.json`;

/**
 * Runs `vobiz-onboard` with `argv` (the arguments after the command name) and resolves to the exit code:
 * 0 on success (including --help and --version), 1 when the account cannot be listed or the file cannot be
 * written, 2 on bad arguments. Every failure is reported on stderr without the auth token.
 */
export async function main(argv: readonly string[], io: OnboardIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let options: OnboardOptions;
  try {
    options = parseArguments(argv, io);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      io.stderr.write(argumentErrorLine("vobiz-onboard", error));
      return 2;
    }
    throw error;
  }
  let token: string | undefined;
  try {
    const credentials = resolveCredentials(options, io.env);
    token = credentials.authToken;
    return await onboard(options, new VobizClient(credentials), io);
  } catch (error) {
    const message = error instanceof FleetFileError ? error.message : (error as Error).message.replace(/\s*\n\s*/g, " ");
    io.stderr.write(`vobiz-onboard: ${redact(message, token)}\n`);
    return 1;
  }
}

async function onboard(options: OnboardOptions, client: VobizClient, io: OnboardIo): Promise<number> {
  if (options.importFile !== undefined) return writeImportFile(options, options.importFile, client, io);
  const out = options.out;
  const existing = existsSync(out) ? readFileSync(out, "utf8") : undefined;
  if (existing !== undefined && options.merge !== true && options.force !== true) {
    throw new Error(`${out} exists already: pass --merge to add the account's numbers to it, --force to replace it, or --out to write another file.`);
  }
  // A file that cannot be merged into fails now, before the account is listed.
  if (existing !== undefined && options.merge === true) mergeFleetFile(existing, out, []);

  const plan = await listAndPlan(options, client, io);

  let text: string;
  let summary: { done: string; planned: string };
  if (existing !== undefined && options.merge === true) {
    const merge = mergeFleetFile(existing, out, plan.entries);
    for (const name of merge.nameTaken) {
      io.stderr.write(`vobiz-onboard: not added ${name}: ${out} already has an entry of that name for another number\n`);
    }
    if (!merge.changed) {
      if (options.dryRun === true) io.stdout.write(existing);
      io.stderr.write(`vobiz-onboard: ${out} already has an entry for each of the ${plan.entries.length} numbers; it is unchanged\n`);
      return 0;
    }
    text = merge.text;
    const what = `${count(merge.added.length, "entry", "entries")} to ${out} (${merge.alreadyPresent.length} already there)`;
    summary = { done: `added ${what}`, planned: `would add ${what}` };
  } else {
    text = renderFleetFile(plan.entries, fileHeader(client.authId));
    const what = `${count(plan.entries.length, "entry", "entries")} to ${out}`;
    summary = { done: `wrote ${what}`, planned: `would write ${what}` };
  }
  const leftOut = plan.leftOut.length === 0 ? "" : `; left out ${count(plan.leftOut.length, "number", "numbers")}, named above`;

  if (options.dryRun === true) {
    io.stdout.write(text);
    io.stderr.write(`vobiz-onboard: dry run: ${summary.planned}${leftOut}; nothing was written\n`);
    return 0;
  }
  writeAtomically(out, text);
  io.stderr.write(`vobiz-onboard: ${summary.done}${leftOut}\n`);
  return 0;
}

/** Lists the account's numbers, with progress on stderr, and plans their entries; names the numbers left out. */
async function listAndPlan(options: OnboardOptions, client: VobizClient, io: OnboardIo): Promise<OnboardingPlan> {
  const progress = listingProgress(io.stderr, MAX_PAGE_SIZE, `numbers of ${client.authId}`);
  const numbers = await listAccountNumbers(client, (listed, total) => progress.update(listed, total)).finally(() => progress.done());

  const filters: OnboardFilters = {
    ...(options.country === undefined ? {} : { country: options.country }),
    ...(options.subAccount === undefined ? {} : { subAccount: options.subAccount }),
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    ...(options.protect === undefined ? {} : { protect: true }),
  };
  const plan = planOnboarding(numbers, client.authId, filters);
  for (const { e164, reason } of plan.leftOut) io.stderr.write(`vobiz-onboard: left out ${e164}: ${reason}\n`);
  return plan;
}

/** `--import-file`: writes the bulk import file of the account's numbers (see import-file.ts), and no fleet file. */
async function writeImportFile(options: OnboardOptions, file: string, client: VobizClient, io: OnboardIo): Promise<number> {
  if (existsSync(file) && options.force !== true && options.dryRun !== true) {
    throw new Error(`${file} exists already: pass --force to replace it, or name another --import-file.`);
  }
  const plan = await listAndPlan(options, client, io);
  const importFile = importFileFor(plan.entries);
  const text = renderImportFile(importFile);
  const what = `${count(importFile.resources.length, "resource", "resources")} (${count(plan.entries.length, "number", "numbers")}) to ${file}`;
  const leftOut = plan.leftOut.length === 0 ? "" : `; left out ${count(plan.leftOut.length, "number", "numbers")}, named above`;
  if (options.dryRun === true) {
    io.stdout.write(text);
    io.stderr.write(`vobiz-onboard: dry run: would write ${what}${leftOut}; nothing was written\n`);
    return 0;
  }
  writeAtomically(file, text);
  io.stderr.write(`vobiz-onboard: wrote ${what}${leftOut}; run \`pulumi import --file ${file}\` in the project to take them over\n`);
  return 0;
}

function parseArguments(argv: readonly string[], io: OnboardIo): OnboardOptions {
  const program = toolCommand("vobiz-onboard", "Write a fleet file (numbers.yaml) that brings every number a Vobiz account holds under Pulumi management.", io)
    .option("--out <file>", "the fleet file to write", "numbers.yaml")
    .option("--merge", "add the numbers missing from an existing --out file, keeping its entries, comments and order")
    .addOption(new Option("--force", "replace an existing --out (or --import-file) file").conflicts("merge"))
    .addOption(
      new Option("--import-file <file>", "write a Pulumi bulk import file (pulumi import --file) for the vobiz resource plugin instead of the fleet file").conflicts([
        "out",
        "merge",
        "protect",
      ]),
    )
    .option("--country <code>", "only numbers of this country (ISO 3166 alpha-2, such as IN)", matching(/^[A-Za-z]{2}$/, "a two-letter country code such as IN"))
    .option("--sub-account <id>", "only numbers held by this sub-account", matching(/^SA_[A-Za-z0-9]+$/, "a sub-account id such as SA_XXXXXXXX"))
    .option("--prefix <prefix>", "only numbers starting with this E.164 prefix, such as +9180", matching(/^\+?[1-9]\d{0,14}$/, "an E.164 prefix such as +9180"))
    .option("--protect", "set deletionProtection: true on the entries written, so destroy and replacement refuse to release them")
    .option("--dry-run", "print the file that would be written on stdout, and write nothing")
    .option("--auth-id <id>", "the account's Auth ID, MA_… or SA_… (default: $VOBIZ_AUTH_ID)")
    .option("--auth-token <token>", "the auth token (default: $VOBIZ_AUTH_TOKEN); discouraged: visible to other users in ps and kept in shell history")
    .option("--base-url <url>", "the API root (default: $VOBIZ_BASE_URL, else https://api.vobiz.ai/api)")
    .addHelpText("after", HELP_AFTER);
  program.parse([...argv], { from: "user" });
  return program.opts<OnboardOptions>();
}

function matching(pattern: RegExp, expected: string): (value: string) => string {
  return (value) => {
    if (!pattern.test(value)) throw new InvalidArgumentError(`expected ${expected}.`);
    return value;
  };
}

function fileHeader(authId: string): string {
  return [
    " numbers.yaml: every Vobiz number this stack manages.",
    ` Written by vobiz-onboard from the numbers ${authId} holds. Each entry adopts a number the account owns`,
    " (never buys it); retainOnDelete keeps it with the account when the entry is removed or the stack destroyed.",
  ].join("\n");
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// Written beside the target and renamed over it, so an interrupted run never leaves half a file.
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}


if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
