import { quote } from "../core/check-failures";
import { e164Number, inputsObject, nonNegativeNumber, textMatching, trueOrFalse } from "../core/input-rules";

/**
 * The longest `coolOffWaitSeconds` accepted: one hour. A cool-off lasts up to 15 days, and a deployment that
 * blocks for longer than this is better run again after `cool_off_until`, or forced with admin credentials.
 */
export const MAX_COOL_OFF_WAIT_SECONDS = 3_600;

/**
 * The inputs of a `SubAccountAssignment`, the one definition its types, `check` and the plugin's schema are
 * derived from (and the fleet file's `subAccount`, `force` and `coolOffWaitSeconds`). The property order is
 * the schema's.
 */
export const subAccountAssignmentInputSchema = inputsObject({
  e164: e164Number("e164 is required: the number to assign").describe(
    "The number to hand to the sub-account; the master account must own it. Usually the `e164` output of a PhoneNumber.",
  ),
  subAccountId: textMatching(
    /^SA_[A-Za-z0-9]+$/,
    'a sub-account id such as "SA_XXXXXXXX" (master accounts, MA_…, cannot receive an assignment)',
    "subAccountId is required: the SA_… account receiving the number",
  ).describe("The receiving sub-account, `SA_…`. Changing it moves the number in place."),
  force: trueOrFalse().optional().describe("Unassign even inside Vobiz's 15-day cool-off. Needs admin credentials, and Vobiz audits it."),
  coolOffWaitSeconds: nonNegativeNumber()
    .max(MAX_COOL_OFF_WAIT_SECONDS, {
      error: (issue) =>
        `${quote(issue.input)} is more than ${MAX_COOL_OFF_WAIT_SECONDS}, the longest (one hour) the provider waits out a cool-off by itself. ` +
        "For a longer cool-off, run again after its cool_off_until, or set force: true with admin credentials",
    })
    .optional()
    .describe("How long the provider may wait out a cool-off by itself, in seconds: 0 (the default, do not wait) to 3600."),
});
