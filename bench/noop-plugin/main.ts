import { main, type Provider } from "@pulumi/pulumi/provider";
import type { PhoneNumberOutputs } from "../../provider/phone-number/inputs";
import { typeOfUrn } from "../../provider/plugin/urn-parts";

// The package version, written in by the bundler (scripts/build-plugin.sh), as for the vobiz plugin.
declare const VOBIZ_PLUGIN_VERSION: string | undefined;
const version = typeof VOBIZ_PLUGIN_VERSION === "string" ? VOBIZ_PLUGIN_VERSION : "0.0.0-dev";

/** The no-op plugin's resource that records its inputs. */
export const noOpToken = "vobizbench:index:NoOp";
/** Its resource that records what a `PhoneNumber` of the vobiz plugin records, without calling anything. */
export const noOpWithOutputsToken = "vobizbench:index:NoOpWithOutputs";

/**
 * The outputs a `PhoneNumber` of the vobiz plugin records for a number bought exactly, with the values the
 * emulator gives: the same properties, nesting and kinds of value, so the engine stores and rewrites as
 * much for it. The type keeps them in step with the provider's outputs.
 */
function phoneNumberShapedOutputs(e164: string): PhoneNumberOutputs {
  return {
    e164,
    numberId: "5dba8c7d-fb38-427b-89c9-a49afc9b6b1f",
    accountId: "MA_DEMO0001",
    country: "US",
    region: "CA",
    capabilities: { voice: true, sms: false, mms: false, fax: false },
    status: "active",
    setupFee: 0,
    monthlyFee: 250,
    currency: "INR",
    trunkGroupId: null,
    applicationId: null,
    purchasedAt: "2026-12-05T12:10:56.057Z",
    releaseMode: "standard",
    deletionProtection: false,
    selection: { e164 },
  };
}

const schema = {
  name: "vobizbench",
  version,
  description: "The floor npm run bench compares the vobiz plugin with: a resource that records its inputs and calls nothing.",
  resources: {
    [noOpToken]: {
      inputProperties: { e164: { type: "string" } },
      requiredInputs: ["e164"],
      properties: { e164: { type: "string" } },
      required: ["e164"],
    },
    [noOpWithOutputsToken]: {
      inputProperties: { e164: { type: "string" } },
      requiredInputs: ["e164"],
      properties: { e164: { type: "string" } },
      required: ["e164"],
    },
  },
};

/**
 * `pulumi-resource-vobizbench`: the cheapest provider plugin there is, packaged exactly as the vobiz plugin
 * (a Node single-executable application over `main()` of `@pulumi/pulumi/provider`). Each method only
 * returns: create and read give back the inputs, as the bench's no-op dynamic resource does, so that what
 * is left is the engine, the provider server and the wire. `NoOpWithOutputs` gives back a `PhoneNumber`'s
 * outputs instead, which tells the cost of what the plugin records from the cost of what it does.
 */
const noOpProvider: Provider = {
  version,
  schema: JSON.stringify(schema),
  async check(_urn, _olds, news) {
    return { inputs: news };
  },
  async diff(_id, _urn, olds, news) {
    return { changes: olds["e164"] !== news["e164"], replaces: olds["e164"] !== news["e164"] ? ["e164"] : [] };
  },
  async create(urn, inputs) {
    const e164 = String(inputs["e164"]);
    return { id: e164, outs: typeOfUrn(urn) === noOpWithOutputsToken ? phoneNumberShapedOutputs(e164) : inputs };
  },
  async read(id, _urn, props) {
    return { id, props, inputs: { e164: props["e164"] } };
  },
  async delete() {},
};

main(noOpProvider, process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-vobizbench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
