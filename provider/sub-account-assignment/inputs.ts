import type { z } from "zod";
import { subAccountAssignmentInputSchema } from "./input-schema";

export { MAX_COOL_OFF_WAIT_SECONDS } from "./input-schema";

/**
 * The plain inputs of a `SubAccountAssignment`, as input-schema.ts defines them (what each means is there):
 * the type of its Args, `check` and `diff`.
 */
export type SubAccountAssignmentInputs = z.infer<typeof subAccountAssignmentInputSchema>;

/** Every input a `SubAccountAssignment` accepts, in the schema's order; `check` refuses any other key. */
export const subAccountAssignmentInputKeys = subAccountAssignmentInputSchema.keyof().options;

/** The cool-off an unassign met, and how it was got past. */
export interface CoolOffRecord {
  until: string;
  resolvedBy: "wait" | "force";
}

/** What the provider records for a `SubAccountAssignment`. */
export interface SubAccountAssignmentOutputs {
  e164: string;
  /**
   * The sub-account holding the number; null while a move this resource started is unfinished and the
   * number is with the master account (the next `pulumi up` finishes it).
   */
  subAccountId: string | null;
  masterAccountId: string;
  force: boolean;
  coolOffWaitSeconds: number;
  /** The cool-off the last move of this number met, if any. */
  coolOff: CoolOffRecord | null;
}
