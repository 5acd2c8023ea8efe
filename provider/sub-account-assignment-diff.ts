import type { DiffVerdict } from "./phone-number-diff";
import type { SubAccountAssignmentInputs, SubAccountAssignmentOutputs } from "./sub-account-assignment-inputs";

/**
 * Another number replaces the assignment; another sub-account moves the same number in place (unassign,
 * then assign), as Twilio's and AWS Connect's providers do. `force` and the wait budget are recorded in place.
 */
export function diffSubAccountAssignment(olds: SubAccountAssignmentOutputs, news: SubAccountAssignmentInputs): DiffVerdict {
  const replaces = news.e164 === olds.e164 ? [] : ["e164"];
  const inPlace =
    news.subAccountId !== olds.subAccountId ||
    (news.force ?? false) !== olds.force ||
    (news.coolOffWaitSeconds ?? 0) !== olds.coolOffWaitSeconds;
  return { changes: replaces.length > 0 || inPlace, replaces, deleteBeforeReplace: false };
}
