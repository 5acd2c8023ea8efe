"use strict";
// `count` numbers from `first` on, each `prefix` followed by its index in four digits: bought exactly, picked by
// criteria that only those numbers meet, or adopted (the account owns them already).
const pulumi = require("@pulumi/pulumi");
const { PhoneNumber } = require("pulumi-vobiz");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const first = config.getNumber("first") ?? 0;
const prefix = config.require("prefix");
const mode = config.require("mode");

for (let i = first; i < first + count; i++) {
  const e164 = `${prefix}${String(i).padStart(4, "0")}`;
  if (mode === "exact") new PhoneNumber(`n${i}`, { e164 });
  else if (mode === "adopt") new PhoneNumber(`n${i}`, { e164, adopt: true });
  else if (mode === "criteria") new PhoneNumber(`n${i}`, { country: "US", contains: prefix.slice(1) });
  else throw new Error(`mode must be exact, criteria or adopt, not ${JSON.stringify(mode)}`);
}
