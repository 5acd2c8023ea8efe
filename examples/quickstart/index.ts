import * as pulumi from "@pulumi/pulumi";
import { PhoneNumber, SubAccountAssignment } from "pulumi-vobiz";

const config = new pulumi.Config();

// A support line in Bengaluru (numbers containing 9180), picked from inventory once and routed to the
// contact centre's SIP trunk.
const support = new PhoneNumber("support-line", {
  country: "IN",
  contains: "9180",
  maxMonthlyFee: 1000,
  trunkGroupId: config.get("supportTrunkGroupId") ?? "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
});

// A US sales line outside New York City, answered by a voice application and handed to the sales team.
const sales = new PhoneNumber("sales-line", {
  country: "US",
  excludePrefixes: ["1212"],
  applicationId: config.get("salesApplicationId") ?? "20577609616603585",
});

const salesTeam = new SubAccountAssignment("sales-line-to-sales-team", {
  e164: sales.e164,
  subAccountId: config.get("salesSubAccountId") ?? "SA_DEMO0001",
});

export const supportNumber = support.e164;
export const supportMonthlyFee = pulumi.interpolate`${support.monthlyFee} ${support.currency}`;
export const salesNumber = sales.e164;
export const salesHeldBy = salesTeam.subAccountId;
