import type * as provider from "@pulumi/pulumi/provider";
import { PluginSettings } from "../../../provider/plugin/configuration";
import { acceptingDynamicState } from "../../../provider/plugin/dynamic-state";
import { vobizProvider } from "../../../provider/plugin/vobiz-provider";
import { useEmulator } from "../../helpers/emulator";
import { providerSettings, vobizClient } from "../../helpers/vobiz-stack";

const PHONE_NUMBER_URN = "urn:pulumi:dev::shop::vobiz:index:PhoneNumber::support-line";
const ASSIGNMENT_URN = "urn:pulumi:dev::shop::vobiz:index:SubAccountAssignment::sales-team";
// What Pulumi's dynamic-provider host records beside every dynamic resource's inputs and outputs.
const DYNAMIC_PROVIDER = 'exports.handler = require("pulumi-vobiz/provider/phone-number-provider");';

// The plugin meets state the dynamic resources wrote once a program moves to the plugin with aliases: the
// engine passes it as `olds` to check, diff and update. Called here as the engine calls them, on state made
// by the shared operations (which both front ends record alike) with the dynamic host's `__provider` added.
describe("the plugin, given state the dynamic resources recorded", () => {
  const emulator = useEmulator();
  let plugin: provider.Provider;

  beforeAll(() => {
    const settings = new PluginSettings();
    settings.current = providerSettings(emulator());
    plugin = acceptingDynamicState(vobizProvider("0.0.0-test", settings));
  });

  const callsToVobiz = async (): Promise<string[]> => (await emulator().control.requests()).requests.map((request) => request.route);

  /** A number bought through the plugin, and its inputs and outputs as the dynamic front end would record them. */
  async function dynamicEraNumber(index: number, inputs: Record<string, unknown>) {
    const e164 = (await vobizClient(emulator()).listInventory({ country: "US", perPage: 50 })).items[index]?.e164 ?? "";
    const checked = (await plugin.check!(PHONE_NUMBER_URN, {}, { e164, ...inputs })).inputs as Record<string, unknown>;
    const { outs } = await plugin.create!(PHONE_NUMBER_URN, checked);
    return { e164, inputs: checked, outs: outs as Record<string, unknown>, dynamic: { inputs: { ...checked, __provider: DYNAMIC_PROVIDER }, outs: { ...outs, __provider: DYNAMIC_PROVIDER } } };
  }

  it("checks the program against dynamic-era inputs, and proposes an update, not a replacement, where __provider is the only difference", async () => {
    const { e164, inputs, outs, dynamic } = await dynamicEraNumber(1, { trunkGroupId: "trunk-a" });
    expect(await plugin.check!(PHONE_NUMBER_URN, dynamic.inputs, inputs)).toEqual({ inputs, failures: [] });
    expect(await plugin.diff!(e164, PHONE_NUMBER_URN, dynamic.outs, inputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    // The same number recorded by the plugin itself has nothing to change.
    expect(await plugin.diff!(e164, PHONE_NUMBER_URN, outs, inputs)).toMatchObject({ changes: false });
  });

  it("writes the recorded number back without __provider in that update, calling Vobiz for nothing", async () => {
    const { e164, inputs, outs, dynamic } = await dynamicEraNumber(2, { trunkGroupId: "trunk-a", deletionProtection: true });
    await emulator().control.resetRequests();
    const updated = await plugin.update!(e164, PHONE_NUMBER_URN, dynamic.outs, inputs);
    expect(updated).toEqual({ outs });
    expect(await callsToVobiz()).toEqual([]);
  });

  it("still makes the change a program makes together with the move, and drops __provider with it", async () => {
    const { e164, dynamic } = await dynamicEraNumber(3, { trunkGroupId: "trunk-a" });
    const news = { e164, trunkGroupId: "trunk-b" };
    expect(await plugin.diff!(e164, PHONE_NUMBER_URN, dynamic.outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    await emulator().control.resetRequests();
    const { outs } = await plugin.update!(e164, PHONE_NUMBER_URN, dynamic.outs, news);
    expect(outs).toMatchObject({ e164, trunkGroupId: "trunk-b" });
    expect(outs).not.toHaveProperty("__provider");
    expect(await emulator().control.getNumber(e164)).toMatchObject({ trunk_group_id: "trunk-b" });
    expect(await callsToVobiz()).not.toContain("purchaseNumber");
  });

  it("judges a changed number as a replacement still, __provider or not", async () => {
    const { e164, dynamic } = await dynamicEraNumber(4, {});
    const other = (await vobizClient(emulator()).listInventory({ country: "US", perPage: 50 })).items[5]?.e164 ?? "";
    expect(await plugin.diff!(e164, PHONE_NUMBER_URN, dynamic.outs, { e164: other })).toEqual({ changes: true, replaces: ["e164"], deleteBeforeReplace: false });
  });

  it("moves a dynamic-era assignment over with one update that calls Vobiz for nothing", async () => {
    const { e164 } = await dynamicEraNumber(6, {});
    const inputs = { e164, subAccountId: "SA_DEMO0001" };
    const { outs } = await plugin.create!(ASSIGNMENT_URN, inputs);
    const dynamicOuts = { ...outs, __provider: DYNAMIC_PROVIDER };
    expect(await plugin.check!(ASSIGNMENT_URN, { ...inputs, __provider: DYNAMIC_PROVIDER }, inputs)).toEqual({ inputs, failures: [] });
    expect(await plugin.diff!(e164, ASSIGNMENT_URN, dynamicOuts, inputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    await emulator().control.resetRequests();
    expect(await plugin.update!(e164, ASSIGNMENT_URN, dynamicOuts, inputs)).toEqual({ outs });
    expect(await callsToVobiz()).toEqual([]);
    expect(await emulator().control.getNumber(e164)).toMatchObject({ owner: "SA_DEMO0001" });
  });
});
