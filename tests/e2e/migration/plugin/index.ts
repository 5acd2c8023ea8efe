import * as pulumi from "@pulumi/pulumi";
import * as vobiz from "@vobiz/pulumi";

const config = new pulumi.Config();

// The program of ../dynamic on the vobiz plugin. Each alias names the type the resource had there, so the
// engine takes the recorded resource over instead of creating a new one and deleting the old.
const support = new vobiz.PhoneNumber(
  "support-line",
  {
    country: "IN",
    contains: "9180",
    maxMonthlyFee: 1000,
    trunkGroupId: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
  },
  { aliases: [{ type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber" }] },
);

const sales = new vobiz.PhoneNumber(
  "sales-line",
  {
    e164: config.require("salesNumber"),
    applicationId: "20577609616603585",
  },
  { aliases: [{ type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber" }] },
);

const salesTeam = new vobiz.SubAccountAssignment(
  "sales-team",
  {
    e164: sales.e164,
    subAccountId: config.require("salesSubAccountId"),
  },
  // The same alias as a full URN, the form for a resource that is also renamed or moved in the same step.
  { aliases: [`urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::pulumi-nodejs:dynamic/vobiz:SubAccountAssignment::sales-team`] },
);

export const supportNumber = support.e164;
export const salesNumber = sales.e164;
export const salesHeldBy = salesTeam.subAccountId;
