import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { CliRun, ProjectStack } from "../../scripts/project-stack";
import { pluginProject, type PluginProject } from "../helpers/plugin-project";
import { seedAccount, type SeededAccount } from "./reliability/reliability-fixture";

// Explicit `pulumi:providers:vobiz` resources: a program that works with two Vobiz accounts gives each its own
// provider with its own credentials, and no stack-wide `vobiz:*` config or VOBIZ_* environment is set. Each
// number must be bought by the account of the provider it names, and the tokens, given to the providers as
// secret program config, must reach neither the state nor the CLI's output.

const TEAM_NUMBER = "+12122672241";
const PARTNER_NUMBER = "+12122899853";
const withoutVobizEnvironment = Object.fromEntries(Object.keys(process.env).filter((key) => key.startsWith("VOBIZ_")).map((key) => [key, ""]));

describe("explicit vobiz providers, one per account, in a Pulumi YAML program", () => {
  let emulator: RunningEmulator;
  let team: SeededAccount;
  let partner: SeededAccount;
  let project: PluginProject;
  let stack: ProjectStack;
  const runs: CliRun[] = [];
  const record = (run: CliRun): CliRun => {
    runs.push(run);
    return run;
  };
  const purchasesBy = async (accountId: string): Promise<string[]> =>
    (await emulator.control.ledger()).filter((row) => row.kind === "purchase" && row.account_id === accountId).map((row) => row.e164);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    team = await seedAccount(emulator);
    partner = await seedAccount(emulator);
    project = await pluginProject(path.join(__dirname, "plugin-explicit-providers"), "plugin-explicit", withoutVobizEnvironment);
    stack = project.stack;
    await stack.configure(
      { baseUrl: `${emulator.origin}/api`, teamAccountId: team.authId, partnerAccountId: partner.authId },
      { teamAuthToken: team.authToken, partnerAuthToken: partner.authToken },
    );
  });

  afterAll(async () => {
    await project?.dispose();
    await emulator?.close();
  });

  it("buys each number with the account of the provider the resource names", async () => {
    const up = record(await stack.up());
    expect(up.stdout).toMatch(/\+ 5 created/);
    expect(await purchasesBy(team.authId)).toEqual([TEAM_NUMBER]);
    expect(await purchasesBy(partner.authId)).toEqual([PARTNER_NUMBER]);
    expect(await stack.outputs()).toEqual({ teamLineHeldBy: team.authId, partnerLineHeldBy: partner.authId });
    const providers = stack.resourcesOfType("providers:vobiz");
    expect(providers.map((provider) => provider.inputs?.["authId"]).sort()).toEqual([partner.authId, team.authId].sort());
    for (const provider of providers) expect(provider.inputs?.["authToken"]).toMatchObject({ ciphertext: expect.any(String) });
  });

  it("reads each number back through its own provider: refresh and preview find nothing to change", async () => {
    record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
    const preview = record(await stack.preview(["--expect-no-changes"]));
    expect(preview.stdout).toMatch(/5 unchanged/);
  });

  it("updates a provider whose settings change without replacing the numbers it serves", async () => {
    // The same emulator by another name: a provider setting changes, the account behind it does not.
    await stack.configure({ baseUrl: `${emulator.origin.replace("127.0.0.1", "localhost")}/api` });
    const preview = record(await stack.preview());
    expect(preview.stdout).not.toMatch(/replace|delete|create/);
    const up = record(await stack.up());
    expect(up.stdout).toMatch(/~ 2 updated/);
    expect([...(await purchasesBy(team.authId)), ...(await purchasesBy(partner.authId))].sort()).toEqual([PARTNER_NUMBER, TEAM_NUMBER].sort());
    record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
  });

  it("refuses to refresh or destroy a number through a provider pointed at another account, dropping and releasing nothing", async () => {
    await stack.configure({ partnerAccountId: team.authId }, { partnerAuthToken: team.authToken });
    expect(record(await stack.up()).stdout).toMatch(/~ 1 updated/);
    const refusal = `${PARTNER_NUMBER} is recorded in the stack as held by ${partner.authId}, but the credentials in use are for ${team.authId}, which does not hold it.`;

    const refresh = record(await stack.refresh([], { expect: "failure" }));
    expect(refresh.stdout + refresh.stderr).toContain(refusal);
    const partnerLine = stack.resourcesOfType("PhoneNumber").find((r) => r.id === PARTNER_NUMBER);
    expect(partnerLine?.outputs).toMatchObject({ accountId: partner.authId });
    const destroy = record(await stack.destroy(["--target", partnerLine?.urn ?? ""], { expect: "failure" }));
    expect(destroy.stdout + destroy.stderr).toContain(refusal);
    expect(stack.resourcesOfType("PhoneNumber").map((r) => r.id)).toContain(PARTNER_NUMBER);
    expect(await emulator.control.getNumber(PARTNER_NUMBER)).toMatchObject({ owner: partner.authId, status: "active" });

    await stack.configure({ partnerAccountId: partner.authId }, { partnerAuthToken: partner.authToken });
    record(await stack.up());
    record(await stack.refresh(["--preview-only", "--expect-no-changes"]));
  });

  it("releases each number from its own account on destroy", async () => {
    const destroyed = record(await stack.destroy());
    expect(destroyed.stdout).toMatch(/- 5 deleted/);
    expect(await emulator.control.getNumber(TEAM_NUMBER)).toMatchObject({ owner: team.authId, status: "pending_release" });
    expect(await emulator.control.getNumber(PARTNER_NUMBER)).toMatchObject({ owner: partner.authId, status: "pending_release" });
  });

  it("never writes either token into the state or the CLI's output", () => {
    expect(runs.length).toBeGreaterThan(5);
    const texts = [stack.stateText(), ...runs.map((run) => run.stdout + run.stderr), stack.allOutput()];
    for (const text of texts) {
      expect(text).not.toContain(team.authToken);
      expect(text).not.toContain(partner.authToken);
    }
  });
});
