import * as pulumi from "@pulumi/pulumi";
import { PhoneNumber, SubAccountAssignment } from "pulumi-vobiz";

const config = new pulumi.Config();

// One number picked by criteria, one exact number, and that exact number handed to a sub-account.
const support = new PhoneNumber("support-line", {
  country: "IN",
  contains: "9180",
  maxMonthlyFee: 1000,
  trunkGroupId: "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
});

const sales = new PhoneNumber("sales-line", {
  e164: config.require("salesNumber"),
  applicationId: "20577609616603585",
});

const salesTeam = new SubAccountAssignment("sales-team", {
  e164: sales.e164,
  subAccountId: config.require("salesSubAccountId"),
});

export const supportNumber = support.e164;
export const salesNumber = sales.e164;
export const salesHeldBy = salesTeam.subAccountId;
