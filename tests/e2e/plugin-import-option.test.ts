import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { VobizClient } from "../../sdk";
import { pluginProject, type PluginProject } from "../helpers/plugin-project";
import { configureAccount, purchasesOf, seedAccount, type SeededAccount } from "./reliability/reliability-fixture";

// The `import` resource option, the way to take over a held number that `pulumi import` cannot reach: one
// declared under a parent, whose URN carries the parent's type. The refusal to buy such a number must point at
// the option rather than at a `pulumi import` command that would record the number as another resource, and the
// option must then take the number over in place, buying nothing.

const SOURCE = path.join(__dirname, "plugin-import");

describe("the import resource option, for a held number declared under a parent, with the vobiz plugin", () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let project: PluginProject;
  let held: string;

  /** The program: a team line bought by criteria, and under it the held number, taken over when `importIt`. */
  function declare(importIt: boolean): void {
    const program = fs.readFileSync(path.join(SOURCE, "Pulumi.yaml"), "utf8");
    const heldOptions = ["    options:", "      parent: ${team-line}", ...(importIt ? [`      import: "${held}"`] : [])];
    const resources = [
      "resources:",
      "  team-line:",
      "    type: vobiz:index:PhoneNumber",
      "    properties:",
      "      country: US",
      "      maxMonthlyFee: 1000",
      "  held-line:",
      "    type: vobiz:index:PhoneNumber",
      "    properties:",
      `      e164: "${held}"`,
      ...heldOptions,
    ];
    fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), `${program}\n${resources.join("\n")}\n`);
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    const client = new VobizClient({ authId: account.authId, authToken: account.authToken, baseUrl: `${emulator.origin}/api` });
    held = (await client.listInventory({ country: "IN", perPage: 1 })).items[0]?.e164 ?? "";
    await client.purchaseNumber(held);
    project = await pluginProject(SOURCE, "plugin-import-option");
    await configureAccount(project.stack, emulator, account);
  }, 300_000);

  afterAll(async () => {
    await project?.dispose();
    await emulator?.close();
  });

  it("refuses to buy it, advising the import option and no pulumi import command", async () => {
    declare(false);
    const refused = await project.stack.up([], { expect: "failure" });
    const printed = refused.stdout + refused.stderr;
    expect(printed).toContain(`${held} is already owned by ${account.authId}, so it cannot be bought.`);
    expect(printed).toContain(`To manage this one with Pulumi without buying it, set the resource option import to ${held} on it.`);
    expect(printed).not.toContain("run: pulumi import");
    expect(project.stack.resourcesOfType("PhoneNumber").map((r) => r.id)).not.toContain(held);
  });

  it("takes it over under its parent with the option, buying nothing, and then previews with no changes", async () => {
    declare(true);
    const up = await project.stack.up();
    expect(up.stdout).toMatch(/= 1 imported/);
    const [taken] = project.stack.resourcesOfType("PhoneNumber").filter((r) => r.id === held);
    expect(taken?.urn).toMatch(/::vobiz:index:PhoneNumber\$vobiz:index:PhoneNumber::held-line$/);
    expect(taken).toMatchObject({ inputs: { e164: held }, outputs: { accountId: account.authId, status: "active" } });

    declare(false);
    const preview = await project.stack.preview(["--expect-no-changes"]);
    expect(preview.stdout).toMatch(/3 unchanged/);
    const purchases = await purchasesOf(emulator, account.authId);
    expect(purchases.get(held)).toBe(1);
    expect([...purchases.values()]).toEqual([1, 1]);
  });

  it("releases the taken-over number once on destroy", async () => {
    const destroyed = await project.stack.destroy();
    expect(destroyed.stdout).toMatch(/- 3 deleted/);
    const releases = (await emulator.control.ledger()).filter((row) => row.kind === "release_fee" && row.e164 === held);
    expect(releases).toHaveLength(1);
    expect(await emulator.control.getNumber(held)).toMatchObject({ owner: account.authId, status: "pending_release" });
  });
});
