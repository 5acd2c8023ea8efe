import * as pulumi from "@pulumi/pulumi";
import { PhoneNumber } from "pulumi-vobiz";

const config = new pulumi.Config();
const perCity = config.getNumber("numbersPerCity") ?? 2;
const protect = config.getBoolean("protect") ?? false;

// Local numbers for a contact centre, per city, each routed to that city's SIP trunk. Numbers are picked
// from inventory once; growing a pool buys only the new ones, and shrinking it releases the last ones.
const cities = [
  { name: "bengaluru", prefix: "9180", trunkGroupId: config.get("bengaluruTrunkGroupId") ?? "6f1d2c3b-0000-4000-8000-000000000080" },
  { name: "mumbai", prefix: "9122", trunkGroupId: config.get("mumbaiTrunkGroupId") ?? "6f1d2c3b-0000-4000-8000-000000000022" },
];

export const pools: Record<string, pulumi.Output<string>[]> = {};
for (const city of cities) {
  pools[city.name] = Array.from({ length: perCity }, (_, i) => {
    const number = new PhoneNumber(`${city.name}-${i + 1}`, {
      country: "IN",
      contains: city.prefix,
      maxMonthlyFee: 1200,
      trunkGroupId: city.trunkGroupId,
      deletionProtection: protect,
    });
    return number.e164;
  });
}
