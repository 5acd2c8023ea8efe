/** The plain inputs of a `SubAccountAssignment`: the one source of truth for its Args, `check` and `diff`. */
export interface SubAccountAssignmentInputs {
  /** The number to hand to the sub-account; the master account must own it. */
  e164: string;
  /** The receiving sub-account, `SA_…`. Changing it moves the number in place. */
  subAccountId: string;
  /** Unassign even inside the 15-day cool-off (needs admin credentials). */
  force?: boolean;
  /** How long an unassign may wait out a cool-off by itself, in seconds (default 0: do not wait). */
  coolOffWaitSeconds?: number;
}

/** The cool-off an unassign met, and how it was got past. */
export interface CoolOffRecord {
  until: string;
  resolvedBy: "wait" | "force";
}

/** What the provider records for a `SubAccountAssignment`. */
export interface SubAccountAssignmentOutputs {
  e164: string;
  subAccountId: string;
  masterAccountId: string;
  force: boolean;
  coolOffWaitSeconds: number;
  /** The cool-off the last move of this number met, if any. */
  coolOff: CoolOffRecord | null;
}
