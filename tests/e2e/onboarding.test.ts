import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { startEmulator, type AuditRow, type LedgerRow, type RunningEmulator } from "../../emulator";
import { readFleetFile } from "../../fleet";
import { installedProject } from "../../scripts/installed-project";
import {
  onboardedEntryName,
  SEEDED_APPLICATION,
  SEEDED_TRUNK,
  seedAccountNumbers,
  seededNumbers,
  type SeededNumber,
} from "../helpers/onboarding-account";
import { ProjectStack, type CliRun } from "../../scripts/project-stack";
import type { StateResource } from "../helpers/pulumi-stack";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { readmeCommands } from "../helpers/readme-commands";

// Issue: an account that already holds numbers goes from nothing to a managed fleet, with no change proposed,
// in the three commands examples/fleet/README.md lists, run as written in a copy of the fleet project folder
// installed from the npm pack tarball.
const fleetSource = path.join(repoRoot, "examples", "fleet");
const MASTER = "MA_DEMO0001";

/** Where a number is and where its calls go, as the emulator holds it. */
interface Whereabouts {
  owner: string | null;
  status: string;
  trunk_group_id: string | null;
  application_id: string | null;
}

/** A command's run with the public API calls it made, counted by `METHOD route`. */
interface CountedRun extends CliRun {
  calls: Record<string, number>;
}

type RetainedResource = StateResource & { retainOnDelete?: boolean };

/** The command lines of the fleet README's onboarding block, without their comments. */
function readmeOnboardingLines(origin: string): string[] {
  return readmeCommands(path.join(fleetSource, "README.md"), "vobiz-onboard", origin)
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "");
}

/** A private copy of the installed fleet folder, packages included, so that writing numbers.yaml disturbs no other test. */
async function privateFleetFolder(label: string): Promise<string> {
  const installed = await installedProject(fleetSource);
  const mine = fs.mkdtempSync(path.join(os.tmpdir(), `vobiz-${label}-`));
  fs.cpSync(installed, mine, { recursive: true, verbatimSymlinks: true });
  return mine;
}

/** Where each of `numbers` is now. */
async function whereabouts(emulator: RunningEmulator, numbers: readonly SeededNumber[]): Promise<Record<string, Whereabouts>> {
  const found: Record<string, Whereabouts> = {};
  for (let start = 0; start < numbers.length; start += 50) {
    const batch = await Promise.all(numbers.slice(start, start + 50).map((n) => emulator.control.getNumber(n.e164)));
    for (const number of batch) {
      if (number === null) continue;
      const { owner, status, trunk_group_id, application_id } = number;
      found[number.e164] = { owner, status, trunk_group_id, application_id };
    }
  }
  return found;
}

/** What `vobiz-onboard` and the provider must leave exactly as they found it: the money and the forced unassigns. */
async function accountRecords(emulator: RunningEmulator): Promise<{ ledger: LedgerRow[]; audit: AuditRow[] }> {
  return { ledger: await emulator.control.ledger(), audit: await emulator.control.audit() };
}

function entryNameOf(resource: StateResource): string {
  return resource.urn.slice(resource.urn.lastIndexOf("::") + 2);
}

function isWrite(call: string): boolean {
  return !call.startsWith("GET ");
}

describe("onboarding an account of 1000 numbers with the fleet README's three commands", () => {
  const OWNED = 1000;
  const numbers = seededNumbers(OWNED);
  const active = numbers.filter((n) => !n.pendingRelease);
  const pending = numbers.filter((n) => n.pendingRelease);
  const assigned = active.filter((n) => n.subAccount !== undefined);
  const timings: string[] = [];
  let emulator: RunningEmulator;
  let stack: ProjectStack;
  let dir: string;
  let credentials: Record<string, string>;
  let readmeEnv: Record<string, string>;
  let seededWhereabouts: Record<string, Whereabouts>;
  let seededRecords: { ledger: LedgerRow[]; audit: AuditRow[] };
  let exportLine: string | undefined;
  let commands: string[];

  /** Runs one command line in the fleet folder, as typed in a shell, counting the API calls it makes. */
  async function counted(label: string, run: () => Promise<CliRun>): Promise<CountedRun> {
    await emulator.control.resetRequests();
    const started = performance.now();
    const result = await run();
    const seconds = (performance.now() - started) / 1000;
    const { counters } = await emulator.control.requests();
    timings.push(`${label}: ${seconds.toFixed(1)} s, ${JSON.stringify(counters)}`);
    return { ...result, calls: counters };
  }

  const typed = (command: string): Promise<CountedRun> => counted(command, () => stack.script(command, { env: readmeEnv }));

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    const seeding = performance.now();
    await seedAccountNumbers(emulator, numbers);
    timings.push(`seeding ${OWNED} numbers: ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    dir = await privateFleetFolder("onboarding");
    stack = await ProjectStack.init({ dir, name: "onboard-1000", ownHome: true });
    const { authId, authToken } = emulator.credentials.master;
    // The README's `export` line, with this emulator's account.
    credentials = { VOBIZ_AUTH_ID: authId, VOBIZ_AUTH_TOKEN: authToken, VOBIZ_BASE_URL: emulator.baseUrl };
    // Where a person answers `pulumi up`'s prompt, the README's commands say yes the documented way.
    readmeEnv = { ...credentials, PULUMI_SKIP_CONFIRMATIONS: "true" };
    [exportLine, ...commands] = readmeOnboardingLines(emulator.origin);
    seededWhereabouts = await whereabouts(emulator, numbers);
    seededRecords = await accountRecords(emulator);
  }, 600_000);

  afterAll(async () => {
    if (stack !== undefined) {
      fs.appendFileSync(stack.logFile, `\nonboarding ${OWNED} numbers, seconds and API calls by command:\n${timings.join("\n")}\n`);
      await stack.dispose();
    }
    await emulator?.close();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  }, 600_000);

  it("lists the credentials' export, then three commands: vobiz-onboard, pulumi up, pulumi preview --expect-no-changes", () => {
    // The test sets what this line exports, with the emulator's account, in every command's environment.
    expect(exportLine).toMatch(/^export VOBIZ_AUTH_ID=\S+ VOBIZ_AUTH_TOKEN=\S+$/);
    expect(commands).toHaveLength(3);
    expect(commands[0]).toMatch(/^npx vobiz-onboard\b/);
    expect(commands[1]).toMatch(/^pulumi up\b/);
    expect(commands[2]).toMatch(/^pulumi preview\b.*--expect-no-changes/);
  });

  it("writes one adopting entry per active number, naming each pending_release number on stderr, in ceil(1000/100) listing calls", async () => {
    const run = await typed(commands[0] ?? "");
    expect(run.calls).toEqual({ "GET listNumbers": Math.ceil(OWNED / 100) });
    for (const n of pending) expect(run.stderr).toMatch(new RegExp(`^vobiz-onboard: left out \\${n.e164}: it is in pending_release\\b`, "m"));
    expect(run.stderr.match(/left out \+/g)).toHaveLength(pending.length);

    const { entries } = readFleetFile(path.join(dir, "numbers.yaml"));
    expect(entries.map((entry) => entry.e164).sort()).toEqual(active.map((n) => n.e164).sort());
    expect(entries.every((entry) => entry.adopt === true && entry.retainOnDelete === true)).toBe(true);
  }, 120_000);

  it("pulumi up adopts every number with its routing and sub-account, buying, releasing and moving none", async () => {
    const run = await typed(commands[1] ?? "");
    expect(run.stdout).toMatch(new RegExp(`\\+ ${active.length + assigned.length + 1} created`));

    expect(await accountRecords(emulator)).toEqual(seededRecords);
    // Reads only, and at most one per resource: each create looks up its own number, the PhoneNumber's and
    // again the SubAccountAssignment's. Lookups that share one listing of the account make it fewer.
    expect(Object.keys(run.calls)).toEqual(["GET listNumbers"]);
    expect(run.calls["GET listNumbers"]).toBeLessThanOrEqual(active.length + assigned.length);
    expect(await whereabouts(emulator, numbers)).toEqual(seededWhereabouts);

    const phoneNumbers = stack.resourcesOfType("PhoneNumber") as RetainedResource[];
    expect(phoneNumbers).toHaveLength(active.length);
    const byName = new Map(phoneNumbers.map((resource) => [entryNameOf(resource), resource]));
    for (const n of active) {
      const resource = byName.get(onboardedEntryName(n));
      expect(resource?.inputs).toMatchObject({ e164: n.e164, adopt: true });
      expect(resource?.retainOnDelete).toBe(true);
      expect(resource?.outputs).toMatchObject({
        e164: n.e164,
        accountId: n.subAccount ?? MASTER,
        status: "active",
        trunkGroupId: n.routing === "trunk" ? SEEDED_TRUNK : null,
        applicationId: n.routing === "application" ? SEEDED_APPLICATION : null,
      });
    }
    const stateNumbers = new Set(phoneNumbers.map((resource) => resource.outputs?.["e164"]));
    expect(pending.filter((n) => stateNumbers.has(n.e164))).toEqual([]);

    const assignments = stack.resourcesOfType("SubAccountAssignment") as RetainedResource[];
    expect(assignments.map((resource) => [entryNameOf(resource), resource.outputs?.["e164"], resource.outputs?.["subAccountId"], resource.retainOnDelete]).sort()).toEqual(
      assigned.map((n) => [`${onboardedEntryName(n)}-sub-account`, n.e164, n.subAccount, true]).sort(),
    );
  }, 900_000);

  it("pulumi preview --expect-no-changes passes right after", async () => {
    const run = await typed(commands[2] ?? "");
    expect(run.stdout).toMatch(new RegExp(`${active.length + assigned.length + 1} unchanged`));
    expect(Object.keys(run.calls).filter(isWrite)).toEqual([]);
  }, 600_000);

  it("pulumi refresh --preview-only --expect-no-changes finds no drift", async () => {
    const run = await counted("pulumi refresh --preview-only --expect-no-changes", () => stack.refresh(["--preview-only", "--expect-no-changes"], { env: credentials }));
    expect(Object.keys(run.calls).filter(isWrite)).toEqual([]);
    expect(await accountRecords(emulator)).toEqual(seededRecords);
  }, 600_000);

  it("a second vobiz-onboard --merge changes nothing, byte for byte", async () => {
    const before = fs.readFileSync(path.join(dir, "numbers.yaml"));
    const run = await counted("npx vobiz-onboard --merge", () => stack.script("npx vobiz-onboard --merge", { env: credentials }));
    expect(fs.readFileSync(path.join(dir, "numbers.yaml")).equals(before)).toBe(true);
    expect(run.stderr).toContain(`numbers.yaml already has an entry for each of the ${active.length} numbers; it is unchanged`);
    expect(run.calls).toEqual({ "GET listNumbers": Math.ceil(OWNED / 100) });
  }, 120_000);

  it("pulumi destroy forgets every number, releasing and unassigning none (retainOnDelete)", async () => {
    // Each step of a destroy rewrites the whole checkpoint (about 9 MB for this stack), which alone takes minutes
    // on a small machine. Skipping the intermediate checkpoints cannot change the outcome: with retainOnDelete
    // the engine never calls the provider, as the empty request log shows.
    const env = { ...credentials, PULUMI_SKIP_CHECKPOINTS: "true" };
    const run = await counted("PULUMI_SKIP_CHECKPOINTS=true pulumi destroy --yes --skip-preview", () => stack.destroy(["--skip-preview"], { env }));
    expect(run.stdout).toMatch(new RegExp(`- ${active.length + assigned.length + 1} deleted`));
    expect(run.calls).toEqual({});
    expect(stack.resourcesOfType("PhoneNumber")).toEqual([]);
    expect(stack.resourcesOfType("SubAccountAssignment")).toEqual([]);
    expect(await accountRecords(emulator)).toEqual(seededRecords);
    expect(await whereabouts(emulator, numbers)).toEqual(seededWhereabouts);
  }, 600_000);
});

describe("an onboarded entry without retainOnDelete", () => {
  const numbers = seededNumbers(8);
  // SA_DEMO0001 holds it, so its destroy both moves it back to the master account and releases it.
  const freed = numbers[2] as SeededNumber;
  const kept = numbers.filter((n) => n !== freed);
  let emulator: RunningEmulator;
  let stack: ProjectStack;
  let dir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    await seedAccountNumbers(emulator, numbers);
    dir = await privateFleetFolder("retain");
    stack = await ProjectStack.init({ dir, name: "onboard-retain" });
  }, 600_000);

  afterAll(async () => {
    await stack?.dispose();
    await emulator?.close();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it("is released on destroy, moved back from its sub-account first, and no other number is", async () => {
    expect(freed.subAccount).toBe("SA_DEMO0001");
    const { authId, authToken } = emulator.credentials.master;
    const env = { VOBIZ_AUTH_ID: authId, VOBIZ_AUTH_TOKEN: authToken, VOBIZ_BASE_URL: emulator.baseUrl };
    await stack.script("npx vobiz-onboard --force", { env });
    await stack.up(["--skip-preview"], { env });
    const seeded = await whereabouts(emulator, numbers);
    const seededLedger = await emulator.control.ledger();

    const file = path.join(dir, "numbers.yaml");
    const document = parseDocument(fs.readFileSync(file, "utf8"));
    expect(document.deleteIn(["numbers", onboardedEntryName(freed), "retainOnDelete"])).toBe(true);
    fs.writeFileSync(file, document.toString());
    await stack.up(["--skip-preview"], { env });
    const retained = (type: string): Record<string, boolean | undefined> =>
      Object.fromEntries((stack.resourcesOfType(type) as RetainedResource[]).map((resource) => [entryNameOf(resource), resource.retainOnDelete]));
    expect(retained("PhoneNumber")[onboardedEntryName(freed)]).toBeFalsy();
    expect(retained("SubAccountAssignment")[`${onboardedEntryName(freed)}-sub-account`]).toBeFalsy();
    expect(Object.values(retained("PhoneNumber")).filter((retain) => retain === true)).toHaveLength(kept.length);
    expect(await emulator.control.ledger()).toEqual(seededLedger);

    await stack.destroy(["--skip-preview"], { env });
    const newRows = (await emulator.control.ledger()).slice(seededLedger.length);
    expect(newRows.map((row) => [row.kind, row.e164, row.account_id])).toEqual([["release_fee", freed.e164, MASTER]]);
    expect(await emulator.control.audit()).toEqual([]);
    const after = await whereabouts(emulator, numbers);
    expect(after[freed.e164]).toEqual({ owner: MASTER, status: "pending_release", trunk_group_id: null, application_id: null });
    for (const n of kept) expect(after[n.e164]).toEqual(seeded[n.e164]);
  }, 600_000);
});
