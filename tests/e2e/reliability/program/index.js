"use strict";
const pulumi = require("@pulumi/pulumi");
const { PhoneNumber, SubAccountAssignment } = require("pulumi-vobiz");

// `count` numbers chosen by `criteria`, each routed to a trunk or, every `applicationEvery`-th one, to an
// application; the first `assigned` are handed to `subAccountId`. `exact` lists numbers named by e164.
const config = new pulumi.Config();
const count = config.getNumber("count") ?? 0;
const criteria = config.getObject("criteria") ?? { country: "IN" };
const assigned = config.getNumber("assigned") ?? 0;
const applicationEvery = config.getNumber("applicationEvery") ?? 0;
const subAccountId = config.get("subAccountId") ?? "";
const exact = config.getObject("exact") ?? [];

const numbers = {};
for (let i = 0; i < count; i++) {
  const routing = applicationEvery > 0 && i % applicationEvery === 0 ? { applicationId: `app-${i}` } : { trunkGroupId: `trunk-${i % 4}` };
  const number = new PhoneNumber(`line-${i}`, { ...criteria, ...routing });
  if (i < assigned) new SubAccountAssignment(`line-${i}-sub-account`, { e164: number.e164, subAccountId });
  numbers[`line-${i}`] = number.e164;
}
for (const [i, e164] of exact.entries()) numbers[`exact-${i}`] = new PhoneNumber(`exact-${i}`, { e164 }).e164;

exports.numbers = numbers;
