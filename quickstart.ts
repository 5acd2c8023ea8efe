import * as pulumi from "@pulumi/pulumi";
import { PhoneNumber, SubAccountAssignment } from "pulumi-vobiz";

/**
 * The quickstart: a support line in Bengaluru routed to a SIP trunk, and a US sales line attached to a
 * voice application and handed to the sales team's sub-account.
 */
export default async function quickstart() {
  const config = new pulumi.Config("quickstart");

  const support = new PhoneNumber("support-line", {
    country: "IN",
    contains: "9180",
    maxMonthlyFee: 1000,
    trunkGroupId: config.get("supportTrunkGroupId") ?? "2f6b1c3e-4d5a-4b7c-9e8f-0a1b2c3d4e5f",
  });

  const sales = new PhoneNumber("sales-line", {
    country: "US",
    excludePrefixes: ["1212"],
    applicationId: config.get("salesApplicationId") ?? "20577609616603585",
  });

  const salesTeam = new SubAccountAssignment("sales-line-to-sales-team", {
    e164: sales.e164,
    subAccountId: config.get("salesSubAccountId") ?? "SA_DEMO0001",
  });

  return {
    supportNumber: support.e164,
    supportMonthlyFee: pulumi.interpolate`${support.monthlyFee} ${support.currency}`,
    salesNumber: sales.e164,
    salesHeldBy: salesTeam.subAccountId,
  };
}
