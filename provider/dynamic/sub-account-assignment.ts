import * as pulumi from "@pulumi/pulumi";
import { pauseStackTraces } from "./promise-stacks";
import subAccountAssignmentProvider from "../sub-account-assignment-provider";
import type { CoolOffRecord, SubAccountAssignmentInputs } from "../sub-account-assignment/inputs";

/** The arguments of a `SubAccountAssignment`: every input may be a Pulumi `Input`. */
export type SubAccountAssignmentArgs = { [K in keyof SubAccountAssignmentInputs]: pulumi.Input<SubAccountAssignmentInputs[K]> };

/**
 * A number of the master account handed to one of its sub-accounts. Create assigns, a change of
 * `subAccountId` moves it in place, delete unassigns. An unassign inside Vobiz's 15-day cool-off fails
 * with the date it ends and leaves the assignment in state, unless `coolOffWaitSeconds` covers the wait
 * or `force` is set with admin credentials.
 */
export class SubAccountAssignment extends pulumi.dynamic.Resource {
  declare public readonly e164: pulumi.Output<string>;
  /** The sub-account holding the number; null while a move this resource started is unfinished. */
  declare public readonly subAccountId: pulumi.Output<string | null>;
  declare public readonly masterAccountId: pulumi.Output<string>;
  declare public readonly force: pulumi.Output<boolean>;
  declare public readonly coolOffWaitSeconds: pulumi.Output<number>;
  /** The cool-off the last move of this number met, and whether it was waited out or forced. */
  declare public readonly coolOff: pulumi.Output<CoolOffRecord | null>;

  constructor(name: string, args: SubAccountAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { masterAccountId: undefined, coolOff: undefined, force: undefined, coolOffWaitSeconds: undefined };
    const resume = pauseStackTraces();
    try {
      super(subAccountAssignmentProvider, name, { ...outputs, ...args }, opts, "vobiz", "SubAccountAssignment");
    } finally {
      resume();
    }
  }

  /** Reads which sub-account holds a number, without managing the assignment. */
  static get(name: string, e164: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): SubAccountAssignment {
    return new SubAccountAssignment(name, {} as SubAccountAssignmentArgs, { ...opts, id: e164 });
  }
}
