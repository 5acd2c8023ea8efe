import { phoneNumberOutputs } from "../provider/phone-number/outputs";
import type { SubAccountAssignmentOutputs } from "../provider/sub-account-assignment/inputs";
import { assignmentOutputs, type RecordedInputs } from "../provider/sub-account-assignment/outputs";
import type { PhoneNumber as VobizNumber } from "../sdk";
import { phoneNumberInputs } from "./recovery-plan";
import { vobizResourceType } from "./resource-families";
import type { PendingOperation, StateResource } from "./stack-deployment";

/**
 * The resource a pending create would have left in the stack had its answer reached the engine: the pending
 * resource, its inputs and `provider` reference kept, with `id` = the number and the outputs the shared
 * operations' `create` returns, built from the number as the account lists it now. A dynamic resource's
 * outputs also carry the serialized provider from its inputs, which later reads, updates and deletes load.
 * `masterAccountId` is the account the provider signs in as. Never throws.
 */
export function recordedResource(operation: PendingOperation, number: VobizNumber, masterAccountId: string): StateResource {
  const type = vobizResourceType(operation.resource.type);
  const outputs =
    type?.kind === "phoneNumber" ? phoneNumberOutputs(number, phoneNumberInputs(operation)) : recordedAssignment(operation, number, masterAccountId);
  const provider = type?.family.serializedProvider ? { __provider: operation.resource.inputs?.["__provider"] } : {};
  return { ...operation.resource, id: number.e164, outputs: { ...outputs, ...provider } };
}

// As SubAccountAssignment's create returns them: the number where the account lists it, no cool-off met.
function recordedAssignment(operation: PendingOperation, number: VobizNumber, masterAccountId: string): SubAccountAssignmentOutputs {
  const inputs = operation.resource.inputs ?? {};
  const recorded: RecordedInputs = { e164: number.e164, force: inputs["force"] === true };
  if (typeof inputs["coolOffWaitSeconds"] === "number") recorded.coolOffWaitSeconds = inputs["coolOffWaitSeconds"];
  return assignmentOutputs(recorded, number.account_id, masterAccountId, null);
}
