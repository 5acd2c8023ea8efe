"use strict";
// The plugin's floors: the same names, inputs and number of resources as the bench's plugin PhoneNumber
// stacks, served by the no-op plugin (bench/noop-plugin/main.ts), whose every method only returns. The
// `type` setting picks its resource: `NoOp` records its input; `NoOpWithOutputs` records a PhoneNumber's outputs.
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const first = config.getNumber("first") ?? 0;
const prefix = config.require("prefix");
const type = config.get("type") ?? "NoOp";

class NoOp extends pulumi.CustomResource {
  constructor(name, args, opts) {
    super(`vobizbench:index:${type}`, name, args, opts);
  }
}

for (let i = first; i < first + count; i++) new NoOp(`n${i}`, { e164: `${prefix}${String(i).padStart(4, "0")}` });
