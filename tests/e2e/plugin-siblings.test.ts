import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { pluginProject, type PluginProject } from "../helpers/plugin-project";
import { injectPurchaseAndListingLimits, siblingRequests, stockForSiblings, type SiblingStock } from "../helpers/sibling-stock";
import { testRandom } from "../helpers/test-seed";
import { configureAccount, purchasesOf, seedAccount, type SeededAccount } from "./reliability/reliability-fixture";

const random = testRandom();
const CRITERIA_SIBLINGS = 4;

/** A PhoneNumber of the plugin in the YAML program's `resources:`. */
const declared = (name: string, property: string): string => `  ${name}:\n    type: vobiz:index:PhoneNumber\n    properties:\n      ${property}`;

// The plugin's side of one number, one owner: a Pulumi YAML program asks for some numbers exactly and for others
// by criteria those exact numbers also meet, the criteria ones declared first, so that the engine starts their
// creates while it is still checking the exact ones. No pick may take a number an exact sibling wants.
describe(`exact and criteria PhoneNumbers of the vobiz plugin racing in one deployment ${random.label}`, () => {
  let emulator: RunningEmulator;
  let account: SeededAccount;
  let project: PluginProject;
  let numbers: SiblingStock;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    account = await seedAccount(emulator);
    numbers = await stockForSiblings(emulator, random, "02", 8, 8 - CRITERIA_SIBLINGS);
    project = await pluginProject(path.join(__dirname, "plugin-import"), "plugin-siblings");
    const byCriteria = Array.from({ length: CRITERIA_SIBLINGS }, (_, i) => declared(`any-${i}`, "country: GB"));
    const named = numbers.exact.map((e164, i) => declared(`exact-${i}`, `e164: "${e164}"`));
    fs.appendFileSync(path.join(project.dir, "Pulumi.yaml"), `\nresources:\n${[...byCriteria, ...named].join("\n")}\n`);
    await configureAccount(project.stack, emulator, account);
  }, 300_000);

  afterAll(async () => {
    await project?.dispose();
    await emulator?.close();
  });

  it("reserves every exact number before any criteria pick, rides out 429s, and lists the inventory once", async () => {
    await injectPurchaseAndListingLimits(emulator);
    const up = await project.stack.up(["--skip-preview"]);
    expect(up.stdout).toMatch(new RegExp(`\\+ ${numbers.stock.length + 1} created`));

    const held = new Map(project.stack.resourcesOfType("PhoneNumber").map((r) => [r.urn.split("::").pop(), String(r.id)]));
    numbers.exact.forEach((e164, i) => expect(held.get(`exact-${i}`)).toBe(e164));
    const picked = Array.from({ length: CRITERIA_SIBLINGS }, (_, i) => held.get(`any-${i}`));
    expect([...picked].sort()).toEqual([...numbers.rest].sort());

    const purchases = await purchasesOf(emulator, account.authId);
    expect(numbers.stock.map((e164) => purchases.get(e164))).toEqual(numbers.stock.map(() => 1));
    expect(await siblingRequests(emulator)).toEqual({ purchasesOfTakenNumbers: 0, purchaseLimits: 6, listings: 1 });
    await project.stack.preview(["--expect-no-changes"]);
  });
});
