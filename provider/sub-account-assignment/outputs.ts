import type { CoolOffRecord, SubAccountAssignmentInputs, SubAccountAssignmentOutputs } from "./inputs";

/** The inputs an assignment records besides its sub-account. */
export type RecordedInputs = Omit<SubAccountAssignmentInputs, "subAccountId">;

/** What a `SubAccountAssignment` records in state: where the number is, and the inputs that steer its moves. */
export function assignmentOutputs(
  inputs: RecordedInputs,
  subAccountId: string | null,
  masterAccountId: string,
  coolOff: CoolOffRecord | null,
): SubAccountAssignmentOutputs {
  return {
    e164: inputs.e164,
    subAccountId,
    masterAccountId,
    force: inputs.force ?? false,
    coolOffWaitSeconds: inputs.coolOffWaitSeconds ?? 0,
    coolOff,
  };
}
