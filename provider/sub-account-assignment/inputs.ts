/** The plain inputs of a `SubAccountAssignment`: the one source of truth for its Args, `check` and `diff`. */
export interface SubAccountAssignmentInputs {
  /** The number to hand to the sub-account; the master account must own it. */
  e164: string;
  /** The receiving sub-account, `SA_…`. Changing it moves the number in place. */
  subAccountId: string;
  /** Unassign even inside the 15-day cool-off (needs admin credentials). */
  force?: boolean;
  /**
   * How long an unassign may wait out a cool-off by itself, in seconds: 0 (the default, do not wait) to
   * `MAX_COOL_OFF_WAIT_SECONDS` (one hour).
   */
  coolOffWaitSeconds?: number;
}

/** Every input a `SubAccountAssignment` accepts; `check` refuses any other key. */
export const subAccountAssignmentInputKeys = ["e164", "subAccountId", "force", "coolOffWaitSeconds"] as const satisfies readonly (keyof SubAccountAssignmentInputs)[];

/**
 * The longest `coolOffWaitSeconds` accepted: one hour. A cool-off lasts up to 15 days, and a deployment that
 * blocks for longer than this is better run again after `cool_off_until`, or forced with admin credentials.
 */
export const MAX_COOL_OFF_WAIT_SECONDS = 3_600;

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
