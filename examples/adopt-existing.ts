import * as pulumi from "@pulumi/pulumi";
import { PhoneNumber } from "pulumi-vobiz";

/**
 * Bringing numbers the account already owns under management, since `pulumi import` does not work for
 * dynamic resources. `adopt` verifies ownership and never buys; `retainOnDelete` keeps the number with the
 * account if the resource is later removed from the program, which makes a first adoption safe to try.
 */
export default async function adoptExisting() {
  const config = new pulumi.Config("example");
  const existing = config.require("existingNumber");

  const adopted = new PhoneNumber(
    "existing-hotline",
    { e164: existing, adopt: true, applicationId: config.get("applicationId") ?? "20577609616603585" },
    { retainOnDelete: true },
  );

  // A read-only view of a number, for wiring its attributes elsewhere without managing it.
  const lookedUp = PhoneNumber.get("hotline-view", adopted.e164, { dependsOn: adopted });

  return { hotline: adopted.e164, hotlineRegion: lookedUp.region, monthlyFee: lookedUp.monthlyFee };
}
