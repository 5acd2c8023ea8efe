import { z } from "zod";
import { CheckFailures, type CheckFailure } from "../core/check-failures";
import { subAccountAssignmentInputSchema } from "./input-schema";
import type { SubAccountAssignmentInputs } from "./inputs";

/**
 * The result of `check`: the inputs and why they are refused. Inputs that pass are typed unless a value is not
 * yet of its type: in a preview the engine's placeholder for an unknown value is a string, and null stands for
 * a value not given.
 */
export type SubAccountAssignmentCheckResult =
  | { inputs: SubAccountAssignmentInputs; failures: [] }
  | { inputs: Record<string, unknown>; failures: CheckFailure[] };

// The same properties and rules, with other keys (the dynamic resource's `__provider`) let through: what
// tells the compiler that inputs without failures are of their types.
const typedInputs = z.object(subAccountAssignmentInputSchema.shape);

/** Validates `SubAccountAssignment` inputs against their schema (input-schema.ts) before any API call and names the property at fault. */
export function checkSubAccountAssignment(news: Record<string, unknown>): SubAccountAssignmentCheckResult {
  const check = new CheckFailures(news);
  check.followsRules(subAccountAssignmentInputSchema);
  return check.list.length === 0 && hasInputTypes(news) ? { inputs: news, failures: [] } : { inputs: news, failures: check.list };
}

function hasInputTypes(news: Record<string, unknown>): news is Record<string, unknown> & SubAccountAssignmentInputs {
  return typedInputs.safeParse(news).success;
}
