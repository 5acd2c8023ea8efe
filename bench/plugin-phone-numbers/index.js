"use strict";
// `count` numbers from `first` on, each `prefix` followed by its index in four digits, bought exactly through
// the installed vobiz resource plugin. The program declares the plugin's token itself, so that it needs no
// generated SDK: what it costs is the engine, the Node.js language host and the plugin.
const pulumi = require("@pulumi/pulumi");

class PhoneNumber extends pulumi.CustomResource {
  constructor(name, args, opts) {
    super("vobiz:index:PhoneNumber", name, args, opts);
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const first = config.getNumber("first") ?? 0;
const prefix = config.require("prefix");

for (let i = first; i < first + count; i++) new PhoneNumber(`n${i}`, { e164: `${prefix}${String(i).padStart(4, "0")}` });
