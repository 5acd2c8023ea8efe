"use strict";
// The plugin's floor for what it stores: the same names, inputs and number of resources as the bench's plugin
// PhoneNumber stacks, served by the no-op plugin (bench/noop-plugin/main.ts) as resources that record a
// PhoneNumber's outputs and call nothing.
const pulumi = require("@pulumi/pulumi");

class NoOpWithOutputs extends pulumi.CustomResource {
  constructor(name, args, opts) {
    super("vobizbench:index:NoOpWithOutputs", name, args, opts);
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const first = config.getNumber("first") ?? 0;
const prefix = config.require("prefix");

for (let i = first; i < first + count; i++) new NoOpWithOutputs(`n${i}`, { e164: `${prefix}${String(i).padStart(4, "0")}` });
