import { PluginSettings } from "../../../provider/plugin/configuration";
import { vobizProvider } from "../../../provider/plugin/vobiz-provider";
import { phoneNumberOperations } from "../../../provider/phone-number/operations";
import { startDeployment } from "../../../provider/session/deployment-session";
import { useEmulator } from "../../helpers/emulator";
import { providerSettings, vobizClient } from "../../helpers/vobiz-stack";

const urnOf = (type: string, name: string): string => `urn:pulumi:dev::vobiz-yaml::vobiz:index:${type}::${name}`;

// The plugin's create and read as the engine calls them for `pulumi up` and `pulumi import`, against the emulator.
describe("the vobiz plugin's provider, for numbers the account already holds", () => {
  const emulator = useEmulator();
  let plugin: ReturnType<typeof vobizProvider>;
  let next = 0;

  async function ownedNumber(): Promise<string> {
    const client = vobizClient(emulator());
    const e164 = (await client.listInventory({ country: "US", perPage: 50 })).items[next++]?.e164 ?? "";
    await client.purchaseNumber(e164);
    return e164;
  }

  const purchasesOf = async (e164: string): Promise<number> =>
    (await emulator().control.ledger()).filter((row) => row.kind === "purchase" && row.e164 === e164).length;

  beforeEach(() => {
    startDeployment();
    const settings = new PluginSettings();
    settings.current = providerSettings(emulator());
    plugin = vobizProvider("0.1.0", settings);
  });

  it("refuses to buy an exact number the account holds, ending with the pulumi import command that takes it over", async () => {
    const e164 = await ownedNumber();
    const created = plugin.create?.(urnOf("PhoneNumber", "sales-line"), { e164 });
    await expect(created).rejects.toThrow(
      new RegExp(`^\\${e164} is already owned by MA_DEMO0001, so it cannot be bought\\..*run: pulumi import vobiz:index:PhoneNumber sales-line \\${e164}$`),
    );
    expect(await purchasesOf(e164)).toBe(1);
  });

  it("quotes a resource name the shell would split, so the printed command works as pasted", async () => {
    const e164 = await ownedNumber();
    const created = plugin.create?.(urnOf("PhoneNumber", "it's a line::eu"), { e164 });
    await expect(created).rejects.toThrow(new RegExp(`run: pulumi import vobiz:index:PhoneNumber 'it'\\\\''s a line::eu' \\${e164}$`));
  });

  it("offers only the import resource option to a number declared under a parent, which pulumi import alone would put elsewhere", async () => {
    const e164 = await ownedNumber();
    const urn = "urn:pulumi:dev::vobiz-yaml::acme:Team$vobiz:index:PhoneNumber::team-line";
    const refusal = await plugin.create?.(urn, { e164 }).catch((error: unknown) => error);
    expect(String(refusal)).toContain(`To manage this one with Pulumi without buying it, set the resource option import to ${e164} on it.`);
    expect(String(refusal)).not.toContain("pulumi import");
    expect(await purchasesOf(e164)).toBe(1);
  });

  it("keeps the adopt advice for the dynamic resources, which cannot be imported", async () => {
    const e164 = await ownedNumber();
    await expect(phoneNumberOperations.create(providerSettings(emulator()), { e164 })).rejects.toThrow(/set adopt: true on this PhoneNumber.*vobiz-onboard/);
  });

  it("imports a held number with the inputs that describe it, routing included", async () => {
    const e164 = await ownedNumber();
    await vobizClient(emulator()).assignTrunk(e164, "trunk-import");
    const read = await plugin.read?.(e164, urnOf("PhoneNumber", "held-line"), {});
    expect(read).toMatchObject({ id: e164, inputs: { e164, trunkGroupId: "trunk-import" }, props: { e164, accountId: "MA_DEMO0001", status: "active" } });
  });

  it("refuses to import a number the account does not hold, naming the account", async () => {
    const e164 = (await vobizClient(emulator()).listInventory({ country: "US", perPage: 50 })).items[40]?.e164 ?? "";
    await expect(plugin.read?.(e164, urnOf("PhoneNumber", "not-ours"), {})).rejects.toThrow(
      `Cannot import ${e164}: account MA_DEMO0001 does not hold it. Nothing was recorded in the stack.`,
    );
  });

  it("imports an assignment with its e164 and sub-account from Vobiz's listing", async () => {
    const e164 = await ownedNumber();
    await vobizClient(emulator()).assignSubAccount(e164, "SA_DEMO0002");
    const read = await plugin.read?.(e164, urnOf("SubAccountAssignment", "handed"), {});
    expect(read).toEqual({
      id: e164,
      inputs: { e164, subAccountId: "SA_DEMO0002" },
      props: { e164, subAccountId: "SA_DEMO0002", masterAccountId: "MA_DEMO0001", force: false, coolOffWaitSeconds: 0, coolOff: null },
    });
  });

  it("refuses to import an assignment of a number the master account holds itself", async () => {
    const e164 = await ownedNumber();
    await expect(plugin.read?.(e164, urnOf("SubAccountAssignment", "unassigned"), {})).rejects.toThrow(
      `Cannot import the assignment of ${e164}: no sub-account holds it; it is with the master account MA_DEMO0001.`,
    );
  });
});
