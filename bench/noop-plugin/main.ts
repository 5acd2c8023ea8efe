import { main, type Provider } from "@pulumi/pulumi/provider";

// The package version, written in by the bundler (scripts/build-plugin.sh), as for the vobiz plugin.
declare const VOBIZ_PLUGIN_VERSION: string | undefined;
const version = typeof VOBIZ_PLUGIN_VERSION === "string" ? VOBIZ_PLUGIN_VERSION : "0.0.0-dev";

/** The one resource type the no-op plugin serves. */
export const noOpToken = "vobizbench:index:NoOp";

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
  },
};

/**
 * `pulumi-resource-vobizbench`: the cheapest provider plugin there is, packaged exactly as the vobiz plugin
 * (a Node single-executable application over `main()` of `@pulumi/pulumi/provider`). Each method only
 * returns: create and read give back the inputs, as the bench's no-op dynamic resource does, so that what
 * is left is the engine, the provider server and the wire.
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
  async create(_urn, inputs) {
    return { id: String(inputs["e164"]), outs: inputs };
  },
  async read(id, _urn, props) {
    return { id, props, inputs: props };
  },
  async delete() {},
};

main(noOpProvider, process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-vobizbench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
