import * as pulumi from "@pulumi/pulumi";
import { PhoneNumber } from "pulumi-vobiz";

/**
 * A pool of local numbers per city for a contact centre, each routed to that city's SIP trunk.
 * The numbers are picked from inventory once; growing a pool buys only the new ones.
 */
export default async function regionalPool() {
  const config = new pulumi.Config("example");
  const perCity = config.getNumber("numbersPerCity") ?? 2;
  const cities = [
    { name: "bengaluru", prefix: "9180", trunkGroupId: "6f1d2c3b-0000-4000-8000-000000000080" },
    { name: "mumbai", prefix: "9122", trunkGroupId: "6f1d2c3b-0000-4000-8000-000000000022" },
  ];

  const pools: Record<string, pulumi.Output<string>[]> = {};
  for (const city of cities) {
    pools[city.name] = Array.from({ length: perCity }, (_, i) => {
      const number = new PhoneNumber(`${city.name}-${i + 1}`, {
        country: "IN",
        contains: city.prefix,
        maxMonthlyFee: 1200,
        trunkGroupId: city.trunkGroupId,
        deletionProtection: config.getBoolean("protect") ?? false,
      });
      return number.e164;
    });
  }
  return { pools };
}
