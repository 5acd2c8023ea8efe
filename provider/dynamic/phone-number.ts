import * as pulumi from "@pulumi/pulumi";
import type { PhoneNumberInputs, ReleaseMode } from "../phone-number/inputs";
import phoneNumberProvider from "../phone-number-provider";
import { pauseStackTraces } from "./promise-stacks";

/** The arguments of a `PhoneNumber`: every input may be a Pulumi `Input`. */
export type PhoneNumberArgs = { [K in keyof PhoneNumberInputs]?: pulumi.Input<NonNullable<PhoneNumberInputs[K]>> };

/**
 * A Vobiz phone number held by the account. `pulumi up` buys it (an exact `e164`, or one matching
 * `country` and the other criteria), adopts it (`adopt: true`) or cancels its pending release; routes it
 * to a trunk or an application in place; `pulumi refresh` reports drift; `pulumi destroy` releases it.
 */
export class PhoneNumber extends pulumi.dynamic.Resource {
  /** The number, resolved at create when it was chosen by criteria. */
  declare public readonly e164: pulumi.Output<string>;
  declare public readonly numberId: pulumi.Output<string | null>;
  /** The account that holds the number: the master account, or a sub-account it was assigned to. */
  declare public readonly accountId: pulumi.Output<string>;
  declare public readonly country: pulumi.Output<string>;
  declare public readonly region: pulumi.Output<string>;
  declare public readonly capabilities: pulumi.Output<{ voice: boolean; sms: boolean; mms: boolean; fax: boolean }>;
  declare public readonly status: pulumi.Output<string>;
  declare public readonly setupFee: pulumi.Output<number>;
  declare public readonly monthlyFee: pulumi.Output<number>;
  declare public readonly currency: pulumi.Output<string>;
  declare public readonly trunkGroupId: pulumi.Output<string | null>;
  declare public readonly applicationId: pulumi.Output<string | null>;
  declare public readonly purchasedAt: pulumi.Output<string | null>;
  declare public readonly releaseMode: pulumi.Output<ReleaseMode>;
  declare public readonly deletionProtection: pulumi.Output<boolean>;

  constructor(name: string, args: PhoneNumberArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      e164: undefined,
      numberId: undefined,
      accountId: undefined,
      region: undefined,
      capabilities: undefined,
      status: undefined,
      setupFee: undefined,
      monthlyFee: undefined,
      purchasedAt: undefined,
      country: undefined,
      currency: undefined,
      trunkGroupId: undefined,
      applicationId: undefined,
      releaseMode: undefined,
      deletionProtection: undefined,
    };
    const resume = pauseStackTraces();
    try {
      super(phoneNumberProvider, name, { ...outputs, ...args }, protectedFromReplacement(args, opts), "vobiz", "PhoneNumber");
    } finally {
      resume();
    }
  }

  /**
   * Reads a number the account holds, by its E.164, without managing it: nothing is bought, changed or
   * released. Fails when the account does not hold the number.
   */
  static get(name: string, e164: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): PhoneNumber {
    return new PhoneNumber(name, {}, { ...opts, id: e164 });
  }
}

/**
 * A forced replacement (`pulumi up --replace`) does not ask the provider's diff, and by default creates the
 * new number before it deletes the old one. For a number protected in the program's own code, the delete
 * comes first, so protection refuses it before another number is bought.
 */
function protectedFromReplacement(args: PhoneNumberArgs, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions | undefined {
  if (args.deletionProtection !== true || opts?.deleteBeforeReplace !== undefined) return opts;
  return { ...opts, deleteBeforeReplace: true };
}
