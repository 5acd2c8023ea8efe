import { isUnknown } from "../core/check-failures";
import type { DiffVerdict } from "../phone-number/diff";
import type { SubAccountAssignmentInputs, SubAccountAssignmentOutputs } from "./inputs";

/**
 * Another number replaces the assignment; another sub-account moves the same number in place (unassign,
 * then assign), since a move keeps the number and its calls. `force` and the wait budget are recorded in place.
 *
 * A number not known yet (a preview while its `PhoneNumber` is updated, say to re-route it) is judged in
 * place: the `up` diffs again once the number is known, and replaces only if it really is another number,
 * so a preview does not announce a replacement that a routing change never makes.
 */
export function diffSubAccountAssignment(olds: SubAccountAssignmentOutputs, news: SubAccountAssignmentInputs): DiffVerdict {
  const numberUnknown = isUnknown(news.e164);
  const replaces = numberUnknown || news.e164 === olds.e164 ? [] : ["e164"];
  const inPlace =
    numberUnknown ||
    news.subAccountId !== olds.subAccountId ||
    (news.force ?? false) !== olds.force ||
    (news.coolOffWaitSeconds ?? 0) !== olds.coolOffWaitSeconds;
  return { changes: replaces.length > 0 || inPlace, replaces, deleteBeforeReplace: false };
}
