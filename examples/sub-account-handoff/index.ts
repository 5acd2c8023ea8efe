import * as pulumi from "@pulumi/pulumi";
import { PhoneNumber, SubAccountAssignment } from "pulumi-vobiz";

const config = new pulumi.Config();
const teams = {
  support: config.get("supportSubAccountId") ?? "SA_DEMO0001",
  sales: config.get("salesSubAccountId") ?? "SA_DEMO0002",
};

// Each team gets a number bought by the master account. Moving a number to another team is an in-place
// change of subAccountId; if the number took a call in the last 15 days, Vobiz's cool-off refuses the move
// and the provider waits up to coolOffWaitSeconds before failing with the date the cool-off ends.
export const handoffs: Record<string, pulumi.Output<string>> = {};
for (const [team, subAccountId] of Object.entries(teams)) {
  const number = new PhoneNumber(`${team}-number`, { country: "US", excludePrefixes: ["1212"] });
  const assignment = new SubAccountAssignment(`${team}-assignment`, {
    e164: number.e164,
    subAccountId,
    coolOffWaitSeconds: 300,
  });
  handoffs[team] = pulumi.interpolate`${number.e164} -> ${assignment.subAccountId}`;
}
