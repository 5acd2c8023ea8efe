"use strict";
const { PhoneNumber, SubAccountAssignment } = require("pulumi-vobiz");

const number = new PhoneNumber("main-line", { country: "IN", contains: "80", trunkGroupId: "trunk-pack" });
const assignment = new SubAccountAssignment("main-line-to-demo", { e164: number.e164, subAccountId: "SA_DEMO0001" });

exports.e164 = number.e164;
exports.trunkGroupId = number.trunkGroupId;
exports.subAccountId = assignment.subAccountId;
