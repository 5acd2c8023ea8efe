import { CheckFailures, type CheckFailure } from "../core/check-failures";
import { MAX_COOL_OFF_WAIT_SECONDS, subAccountAssignmentInputKeys, type SubAccountAssignmentInputs } from "./inputs";

/**
 * The result of `check`: the inputs and why they are refused. Inputs that pass are typed unless a value is not
 * yet of its type: in a preview the engine's placeholder for an unknown value is a string, and null stands for
 * a value not given.
 */
export type SubAccountAssignmentCheckResult =
  | { inputs: SubAccountAssignmentInputs; failures: [] }
  | { inputs: Record<string, unknown>; failures: CheckFailure[] };

/** Validates `SubAccountAssignment` inputs before any API call and names the property at fault. */
export function checkSubAccountAssignment(news: Record<string, unknown>): SubAccountAssignmentCheckResult {
  const check = new CheckFailures(news);
  check.onlyKeys(subAccountAssignmentInputKeys);
  check.required("e164", "e164 is required: the number to assign");
  check.required("subAccountId", "subAccountId is required: the SA_… account receiving the number");
  check.e164("e164");
  check.matches("subAccountId", /^SA_[A-Za-z0-9]+$/, "a sub-account id such as \"SA_XXXXXXXX\" (master accounts, MA_…, cannot receive an assignment)");
  check.boolean("force");
  check.nonNegativeNumber("coolOffWaitSeconds");
  check.atMost(
    "coolOffWaitSeconds",
    MAX_COOL_OFF_WAIT_SECONDS,
    "the longest (one hour) the provider waits out a cool-off by itself. For a longer cool-off, run again after its cool_off_until, or set force: true with admin credentials",
  );
  return check.list.length === 0 && hasInputTypes(news) ? { inputs: news, failures: [] } : { inputs: news, failures: check.list };
}

// Tells the compiler what the rules above proved about the types; the rules themselves say far more.
function hasInputTypes(news: Record<string, unknown>): news is Record<string, unknown> & SubAccountAssignmentInputs {
  const { e164, subAccountId, force, coolOffWaitSeconds } = news;
  return (
    typeof e164 === "string" &&
    typeof subAccountId === "string" &&
    (force === undefined || typeof force === "boolean") &&
    (coolOffWaitSeconds === undefined || typeof coolOffWaitSeconds === "number")
  );
}
