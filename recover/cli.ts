#!/usr/bin/env node
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CommanderError, InvalidArgumentError } from "commander";
import { listAccountNumbers } from "../cli/list-account-numbers";
import { resolveSettings } from "../provider/core/credentials";
import { isE164, VobizClient } from "../sdk";
import { redact } from "../sdk/redact";
import { planReport } from "./plan-report";
import { pulumiRunner, type PulumiRunner } from "./pulumi-command";
import { recoveredDeployment } from "./recovered-deployment";
import { planRecovery, RecoveryDecisionError } from "./recovery-plan";
import { runningProviders } from "./running-providers";
import { parseStackExport } from "./stack-deployment";
import { stackSettings } from "./stack-settings";
import { parseSince, windowStartFromHistory, type WindowStart } from "./window-start";
import { argumentErrorLine, toolCommand } from "../cli/tool-command";

/** Where the command reads and writes; the real process by default. */
export interface RecoverIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: NodeJS.ProcessEnv;
  /** The Pulumi project folder, where `pulumi` runs. */
  cwd: string;
}

interface RecoverOptions {
  stack?: string;
  apply?: true;
  since?: WindowStart;
  assign: [string, string | null][];
}

const HELP_AFTER = `
After \`pulumi up\` was killed (a kill -9, a lost machine or CI runner), the stack keeps "pending creates": the
engine asked the provider to create them and never heard back. Some of them bought a number; Pulumi cannot tell
which. The provider process of the killed update (the dynamic-provider host, or the vobiz plugin,
pulumi-resource-vobiz) survives it and goes on with the calls it had begun: once it has gone quiet, end it
(--apply refuses to write while it runs, and names it). Then, in the project folder:

  pulumi cancel --yes                 remove the lock the killed update left
  npx vobiz-recover                   print the plan; writes nothing
  npx vobiz-recover --apply           write it into the stack (pulumi stack import)
  pulumi up --refresh                 finish routing and assignments, buy only what was never bought

In a folder that does not install pulumi-vobiz (a vobiz plugin program in YAML, Python or Go), run it as
npx --package pulumi-vobiz vobiz-recover.

It reads the dynamic resources of pulumi-vobiz and the vobiz plugin's alike. For each pending create of a
PhoneNumber it looks for the number the update bought, among the numbers the account holds that no resource of
the stack holds: the exact e164 asked for, or numbers bought since the end of the stack's last finished update
(--since moves that) that meet the criteria. When there are more such numbers than creates with those
criteria, it does not guess: --assign URN=E164 says which create bought which number, and --assign URN=none
that a create bought nothing. A SubAccountAssignment is recorded when its number is held by its sub-account.
Every other pending create is dropped, since it changed nothing.

Credentials are the provider's: the stack's vobiz:authId, vobiz:authToken and vobiz:baseUrl, else VOBIZ_AUTH_ID,
VOBIZ_AUTH_TOKEN and VOBIZ_BASE_URL. The stack's backend and passphrase are the ones \`pulumi\` uses here.`;

/**
 * Runs `vobiz-recover` with `argv` (the arguments after the command name) and resolves to the exit code: 0
 * when the plan was printed (and, with --apply, written), 1 when it could not be made or written (a
 * provider process still running, an undecided create, a failed `pulumi` or Vobiz call), 2 on bad arguments
 * (an `--assign` that cannot be right among them).
 * Nothing it prints holds the auth token.
 */
export async function main(argv: readonly string[], io: RecoverIo = processIo()): Promise<number> {
  let options: RecoverOptions;
  try {
    options = parseArguments(argv, io);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return 0;
    io.stderr.write(argumentErrorLine("vobiz-recover", error));
    return 2;
  }
  let token: string | undefined;
  const redactToken = (text: string): string => redact(text, token);
  try {
    return await recover(options, io, redactToken, (value) => (token = value));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`vobiz-recover: ${redactToken(message)}\n`);
    return error instanceof RecoveryDecisionError ? 2 : 1;
  }
}

async function recover(options: RecoverOptions, io: RecoverIo, redact: (text: string) => string, learnToken: (token: string) => void): Promise<number> {
  const pulumi = pulumiRunner({ cwd: io.cwd, env: io.env, stack: options.stack, redact });
  const providers = await runningProviders(io.cwd);
  if (providers === undefined) {
    io.stderr.write("vobiz-recover: could not list processes with `ps`: make sure no provider process of the interrupted update is still running.\n");
  } else if (providers.length > 0) {
    const pids = providers.map((p) => p.pid).join(", ");
    const which = providers.map((p) => `${p.pid}: ${p.kind === "dynamic-provider" ? "a dynamic-provider process of this folder" : "the vobiz plugin"}`).join("; ");
    const warning =
      `a provider process of this stack is still running (pid ${which}). After a kill of \`pulumi up\` it goes on with ` +
      `the purchases, routings and assignments it had begun, so the account can still change under the plan. Once it has gone quiet, end it ` +
      `(kill ${pids}) and run vobiz-recover again.`;
    if (options.apply) throw new Error(`not writing anything: ${warning}`);
    io.stderr.write(`vobiz-recover: warning: ${warning}\n`);
  }

  const exported = parseStackExport(await pulumi(["stack", "export"]));
  const window = options.since ?? windowStartFromHistory(await pulumi(["stack", "history", "--json"]));
  const settings = resolveSettings(stackSettings(await pulumi(["config", "--json", "--show-secrets"])), io.env);
  learnToken(settings.authToken);
  const client = new VobizClient({ authId: settings.authId, authToken: settings.authToken, ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}) });
  const numbers = await listAccountNumbers(client);
  const plan = planRecovery({ deployment: exported.deployment, authId: client.authId, numbers, window, decisions: new Map(options.assign) });

  const stack = options.stack ?? stackNameOf(exported.deployment.resources[0]?.urn) ?? "(selected)";
  for (const line of planReport(plan, stack, window)) io.stdout.write(`${line}\n`);
  const changes = plan.recorded.length + plan.dropped.length + plan.cleared.length;
  if (!options.apply) {
    io.stdout.write(
      changes === 0 && plan.undecided.length === 0
        ? "Nothing to write into the stack.\n"
        : "Nothing was written. `npx vobiz-recover --apply` (with the same arguments) writes this plan into the stack; then run `pulumi up --refresh`.\n",
    );
    return 0;
  }
  if (plan.undecided.length > 0) {
    throw new Error("not writing anything: some pending creates are undecided (above). Say which number each bought with --assign URN=E164, or URN=none.");
  }
  if (changes === 0) {
    io.stdout.write("Nothing to write into the stack.\n");
    return 0;
  }
  await importDeployment(pulumi, JSON.stringify(recoveredDeployment(exported, plan, client.authId), null, 2));
  io.stdout.write(
    `Wrote the plan into stack ${stack}: ${plan.recorded.length} recorded, ${plan.dropped.length} dropped` +
      `${plan.cleared.length > 0 ? `, ${plan.cleared.length} other pending operations cleared` : ""}. ` +
      "Now run `pulumi up --refresh`: it finishes routing and assignments and buys only what was never bought.\n",
  );
  return 0;
}

// The deployment holds the stack's secrets as ciphertext only; the file is private to the user all the same.
async function importDeployment(pulumi: PulumiRunner, text: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vobiz-recover-"));
  try {
    const file = path.join(dir, "deployment.json");
    writeFileSync(file, text, { mode: 0o600 });
    await pulumi(["stack", "import", "--file", file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stackNameOf(urn: string | undefined): string | undefined {
  return urn === undefined ? undefined : /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

function parseArguments(argv: readonly string[], io: RecoverIo): RecoverOptions {
  const program = toolCommand("vobiz-recover", "After an interrupted `pulumi up`, records in the stack the numbers it bought and never recorded, and drops what it never did.", io)
    .option("--stack <name>", "the stack (default: the selected one)")
    .option("--apply", "write the plan into the stack with `pulumi stack import` (default: print it only)")
    .option("--since <time>", "count numbers bought from this ISO 8601 time on (default: the end of the stack's last finished update)", sinceOption)
    .option("--assign <urn=e164>", "the number a pending create bought, or none; repeatable", assignOption)
    .addHelpText("after", HELP_AFTER);
  program.parse([...argv], { from: "user" });
  const options = program.opts<Omit<RecoverOptions, "assign"> & { assign?: RecoverOptions["assign"] }>();
  return { ...options, assign: options.assign ?? [] };
}

function sinceOption(value: string): WindowStart {
  try {
    return parseSince(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function assignOption(value: string, previous: [string, string | null][] = []): [string, string | null][] {
  const at = value.lastIndexOf("=");
  const urn = value.slice(0, at);
  const e164 = value.slice(at + 1);
  if (at <= 0 || !(e164 === "none" || isE164(e164))) {
    throw new InvalidArgumentError(`--assign takes URN=E164 or URN=none, such as urn:pulumi:dev::app::pulumi-nodejs:dynamic/vobiz:PhoneNumber::line-1=+918065551234; got ${JSON.stringify(value)}.`);
  }
  if (previous.some(([seen]) => seen === urn)) throw new InvalidArgumentError(`--assign gives ${urn} twice.`);
  return [...previous, [urn, e164 === "none" ? null : e164]];
}

function processIo(): RecoverIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}


if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
