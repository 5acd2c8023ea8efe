import { NotFoundError } from "../sdk";
import { unassignRespectingCoolOff } from "./cool-off";
import { forgetOwnedNumbers, lookupOwnedNumber } from "./owned-number-lookup";
import { providerOperations } from "./provider-operations";
import { clientFor, logProgress, type ConfiguredSettings } from "./settings";
import { checkSubAccountAssignment } from "./sub-account-assignment-check";
import { diffSubAccountAssignment } from "./sub-account-assignment-diff";
import type { CoolOffRecord, SubAccountAssignmentInputs, SubAccountAssignmentOutputs } from "./sub-account-assignment-inputs";

const isSubAccount = (accountId: string): boolean => accountId.startsWith("SA_");

/** The `SubAccountAssignment` provider methods, called by the serialized provider through `require`. */
export const subAccountAssignmentOperations = providerOperations({
  async check(_olds: unknown, news: Record<string, unknown>) {
    return checkSubAccountAssignment(news);
  },

  async diff(_id: string, olds: SubAccountAssignmentOutputs, news: SubAccountAssignmentInputs) {
    return diffSubAccountAssignment(olds, news);
  },

  /** Hands the number to the sub-account; a number already there (a lost answer) is success. */
  async create(configured: ConfiguredSettings | undefined, inputs: SubAccountAssignmentInputs) {
    const client = clientFor(configured);
    forgetOwnedNumbers();
    const number = await client.findOwnedNumber(inputs.e164);
    if (!number) {
      throw new Error(
        `Cannot assign ${inputs.e164} to ${inputs.subAccountId}: account ${client.authId} does not own it. ` +
          "Buy it first with a PhoneNumber and pass that resource's e164 output here, so Pulumi creates them in order.",
      );
    }
    if (number.account_id !== inputs.subAccountId) {
      if (isSubAccount(number.account_id)) {
        throw new Error(
          `Cannot assign ${inputs.e164} to ${inputs.subAccountId}: it is assigned to ${number.account_id}. ` +
            "Move it by changing subAccountId on the SubAccountAssignment that manages it, or remove that assignment first.",
        );
      }
      await client.assignSubAccount(inputs.e164, inputs.subAccountId);
    }
    return { id: inputs.e164, outs: assignmentOutputs(inputs, client.authId, null) };
  },

  /** Reports who holds the number now; a number back with the master account (or gone) leaves the state. */
  async read(configured: ConfiguredSettings | undefined, id: string, props: Partial<SubAccountAssignmentOutputs> | undefined) {
    const client = clientFor(configured);
    const number = await lookupOwnedNumber(client, id);
    if (!number || !isSubAccount(number.account_id) || number.status !== "active") return {};
    const inputs: SubAccountAssignmentInputs = { e164: id, subAccountId: number.account_id };
    if (props?.force) inputs.force = true;
    if (props?.coolOffWaitSeconds) inputs.coolOffWaitSeconds = props.coolOffWaitSeconds;
    return { id, props: assignmentOutputs(inputs, client.authId, props?.coolOff ?? null), inputs };
  },

  /**
   * Moves the number to another sub-account in place: unassign (waiting out or forcing past a cool-off as
   * the inputs allow), then assign. A refused unassign changes nothing, so the recorded assignment stays true.
   */
  async update(configured: ConfiguredSettings | undefined, id: string, olds: SubAccountAssignmentOutputs, news: SubAccountAssignmentInputs) {
    const client = clientFor(configured);
    forgetOwnedNumbers();
    let coolOff: CoolOffRecord | null = olds.coolOff;
    const number = await client.findOwnedNumber(id);
    if (number?.account_id !== news.subAccountId) {
      if (number && isSubAccount(number.account_id)) {
        coolOff = (await unassignRespectingCoolOff(client, id, number.account_id, unassignOptions(news))) ?? coolOff;
      }
      await client.assignSubAccount(id, news.subAccountId);
    }
    return { outs: assignmentOutputs(news, client.authId, coolOff) };
  },

  /**
   * Moves the number back to the master account; already unassigned is success, and so is a number that
   * another sub-account now holds (that assignment is not this resource's to undo). A cool-off keeps it in state.
   */
  async delete(configured: ConfiguredSettings | undefined, id: string, props: SubAccountAssignmentOutputs) {
    const client = clientFor(configured);
    forgetOwnedNumbers();
    const number = await client.findOwnedNumber(id);
    if (number?.account_id !== props.subAccountId) return;
    try {
      const coolOff = await unassignRespectingCoolOff(client, id, number.account_id, unassignOptions(props));
      if (coolOff?.resolvedBy === "force") logProgress(`${id}: forced past the cool-off that lasted until ${coolOff.until} (admin override, audited)`);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  },
});

function unassignOptions(inputs: Pick<SubAccountAssignmentInputs, "force" | "coolOffWaitSeconds">) {
  return { force: inputs.force ?? false, waitSeconds: inputs.coolOffWaitSeconds ?? 0, log: logProgress };
}

function assignmentOutputs(inputs: SubAccountAssignmentInputs, masterAccountId: string, coolOff: CoolOffRecord | null): SubAccountAssignmentOutputs {
  return {
    e164: inputs.e164,
    subAccountId: inputs.subAccountId,
    masterAccountId,
    force: inputs.force ?? false,
    coolOffWaitSeconds: inputs.coolOffWaitSeconds ?? 0,
    coolOff,
  };
}
