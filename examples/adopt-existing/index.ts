import * as pulumi from "@pulumi/pulumi";
import { PhoneNumber } from "pulumi-vobiz";

const config = new pulumi.Config();

// `pulumi import` does not work for dynamic resources, so a number the account already owns is declared
// with `adopt: true`: the provider checks that the account owns it and manages it without buying it.
// `retainOnDelete` leaves the number with the account if the resource is ever removed from the program
// or the stack destroyed, which makes a first adoption safe to try.
const hotline = new PhoneNumber(
  "existing-hotline",
  { e164: config.require("existingNumber"), adopt: true, applicationId: config.get("applicationId") ?? "20577609616603585" },
  { retainOnDelete: true },
);

// A read-only view of a number, for wiring its attributes elsewhere without managing it.
const view = PhoneNumber.get("hotline-view", hotline.e164, { dependsOn: hotline });

export const hotlineNumber = hotline.e164;
export const hotlineRegion = view.region;
export const hotlineMonthlyFee = view.monthlyFee;
