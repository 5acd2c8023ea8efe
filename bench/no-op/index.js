"use strict";
// The cheapest dynamic resource there is: create and read return their inputs, nothing is called. Same
// names, inputs and number of resources as the bench's PhoneNumber stacks, so what is left is the engine.
const pulumi = require("@pulumi/pulumi");

const noOp = {
  async create(inputs) {
    return { id: inputs.e164, outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
};

class NoOp extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(noOp, name, args, undefined, "bench", "NoOp");
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const first = config.getNumber("first") ?? 0;
const prefix = config.require("prefix");

for (let i = first; i < first + count; i++) new NoOp(`n${i}`, { e164: `${prefix}${String(i).padStart(4, "0")}` });
