import { Refusal } from "../core/refusal";
import { requireRecordedHolder } from "../core/recorded-holder";
import { NotFoundError, type PhoneNumber as VobizNumber, type VobizClient } from "../../sdk";
import { unassignRespectingCoolOff } from "./cool-off";
import { isUnknown } from "../core/check-failures";
import { PartialFailure } from "../core/partial-failure";
import { guardOperations } from "../core/operation-guard";
import type { ConfiguredSettings } from "../core/client-factory";
import { currentSession } from "../session/deployment-session";
import { logProgress } from "../core/progress-log";
import { checkSubAccountAssignment } from "./check";
import { diffSubAccountAssignment } from "./diff";
import type { CoolOffRecord, SubAccountAssignmentInputs, SubAccountAssignmentOutputs } from "./inputs";
import { assignmentOutputs, type RecordedInputs } from "./outputs";

const isSubAccount = (accountId: string): boolean => accountId.startsWith("SA_");

/** The `SubAccountAssignment` provider methods, called by the serialized provider through `require`. */
export const subAccountAssignmentOperations = guardOperations({
  /** Validates the inputs; no guardrail of the stack concerns an assignment, so the settings are not read. */
  async check(_configured: ConfiguredSettings | undefined, _olds: unknown, news: Record<string, unknown>) {
    const { registrations } = currentSession();
    registrations.noteRegistration();
    const result = checkSubAccountAssignment(news);
    const { e164, subAccountId } = result.inputs;
    if (result.failures.length === 0 && typeof e164 === "string" && typeof subAccountId === "string" && !isUnknown(e164) && !isUnknown(subAccountId)) {
      registrations.declareAssignment(e164, subAccountId);
    }
    return result;
  },

  async diff(_id: string, olds: SubAccountAssignmentOutputs, news: SubAccountAssignmentInputs) {
    return diffSubAccountAssignment(olds, news);
  },

  /** Hands the number to the sub-account; a number already there (a lost answer) is success. */
  async create(configured: ConfiguredSettings | undefined, inputs: SubAccountAssignmentInputs) {
    const session = currentSession();
    const client = session.client(configured);
    session.ownedListings.forget();
    const number = await client.findOwnedNumber(inputs.e164);
    if (!number) {
      throw new Refusal(
        `Cannot assign ${inputs.e164} to ${inputs.subAccountId}: account ${client.authId} does not own it. ` +
          "Buy it first with a PhoneNumber and pass that resource's e164 output here, so Pulumi creates them in order.",
      );
    }
    if (number.account_id !== inputs.subAccountId) {
      if (isSubAccount(number.account_id)) {
        throw new Refusal(
          `Cannot assign ${inputs.e164} to ${inputs.subAccountId}: it is assigned to ${number.account_id}. ` +
            "Move it by changing subAccountId on the SubAccountAssignment that manages it, or remove that assignment first.",
        );
      }
      await client.assignSubAccount(inputs.e164, inputs.subAccountId);
    }
    return { id: inputs.e164, outs: assignmentOutputs(inputs, inputs.subAccountId, client.authId, null) };
  },

  /**
   * Reports who holds the number now. A number back with the master account (or gone) leaves the state,
   * unless this resource recorded it there itself, as a move it has yet to finish. With nothing recorded (an
   * import), the inputs come from Vobiz's listing, and a number no sub-account holds is refused.
   */
  async read(configured: ConfiguredSettings | undefined, id: string, props: Partial<SubAccountAssignmentOutputs> | undefined) {
    const session = currentSession();
    const client = session.client(configured);
    const number = await session.ownedListings.lookup(client, id);
    if (props === undefined) refuseImportUnlessAssigned(id, client.authId, number);
    if (!number) await requireRecordedHolder(client, id, props?.masterAccountId);
    if (!number || number.status !== "active") return {};
    const recorded: RecordedInputs = { e164: id };
    if (props?.force) recorded.force = true;
    if (props?.coolOffWaitSeconds) recorded.coolOffWaitSeconds = props.coolOffWaitSeconds;
    const coolOff = props?.coolOff ?? null;
    if (!isSubAccount(number.account_id)) {
      // The recorded inputs of an unfinished move still name its target, so they are kept as they are.
      return props?.subAccountId === null ? { id, props: assignmentOutputs(recorded, null, client.authId, coolOff) } : {};
    }
    const inputs: SubAccountAssignmentInputs = { ...recorded, subAccountId: number.account_id };
    return { id, props: assignmentOutputs(recorded, number.account_id, client.authId, coolOff), inputs };
  },

  /**
   * Moves the number to another sub-account in place. The target is checked first, then the number is
   * unassigned (waiting out or forcing past a cool-off as the inputs allow) and assigned. A refused unassign
   * changes nothing; an assign that fails after the unassign is a partial failure whose outputs say where
   * the number is, so that the next `up` finishes the move without meeting the cool-off again.
   */
  async update(configured: ConfiguredSettings | undefined, id: string, olds: SubAccountAssignmentOutputs, news: SubAccountAssignmentInputs) {
    const session = currentSession();
    const client = session.client(configured);
    session.ownedListings.forget();
    const number = await client.findOwnedNumber(id);
    if (!number) await requireRecordedHolder(client, id, olds.masterAccountId);
    if (!number) {
      throw new Refusal(
        `Cannot move ${id} to ${news.subAccountId}: account ${client.authId} no longer holds it. ` +
          "Run `pulumi refresh` to drop the assignment from the stack.",
      );
    }
    let coolOff: CoolOffRecord | null = olds.coolOff;
    if (number.account_id !== news.subAccountId) {
      await requireSubAccount(client, id, number.account_id, news.subAccountId);
      if (isSubAccount(number.account_id)) {
        coolOff = (await unassignRespectingCoolOff(client, id, number.account_id, unassignOptions(news))) ?? coolOff;
      }
      try {
        await client.assignSubAccount(id, news.subAccountId);
      } catch (error) {
        const holder = (await client.findOwnedNumber(id).catch(() => undefined))?.account_id ?? client.authId;
        if (holder !== news.subAccountId) throw unfinishedMove(client.authId, id, news, coolOff, holder, error);
      }
    }
    return { outs: assignmentOutputs(news, news.subAccountId, client.authId, coolOff) };
  },

  /**
   * Moves the number back to the master account; already unassigned is success, and so is a number that
   * another sub-account now holds (that assignment is not this resource's to undo), and a number that another
   * assignment of this deployment declares with the same sub-account is left there. A cool-off keeps it in state.
   */
  async delete(configured: ConfiguredSettings | undefined, id: string, props: SubAccountAssignmentOutputs) {
    const session = currentSession();
    const client = session.client(configured);
    session.ownedListings.forget();
    const number = await client.findOwnedNumber(id);
    if (!number) await requireRecordedHolder(client, id, props.masterAccountId);
    if (!number || number.account_id !== props.subAccountId) return;
    if (session.registrations.isAssignmentDeclared(id, number.account_id)) {
      // Another SubAccountAssignment of this deployment wants it where it is (a rename without aliases).
      logProgress(`${id} was left with ${number.account_id}: another SubAccountAssignment of this deployment declares it there`);
      return;
    }
    try {
      const coolOff = await unassignRespectingCoolOff(client, id, number.account_id, unassignOptions(props));
      if (coolOff?.resolvedBy === "force") logProgress(`${id}: forced past the cool-off that lasted until ${coolOff.until} (admin override, audited)`);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  },
});

/**
 * Fails an import (`pulumi import vobiz:index:SubAccountAssignment <name> <e164>`) of a number that no
 * sub-account of `masterAccountId` holds: there is no assignment to take over, and recording one would make
 * the next `up` assign the number somewhere.
 */
function refuseImportUnlessAssigned(e164: string, masterAccountId: string, number: VobizNumber | undefined): void {
  const cannot = `Cannot import the assignment of ${e164}:`;
  const nothingRecorded = "Nothing was recorded in the stack.";
  if (!number || number.status !== "active") {
    const status = number ? ` (its status is ${number.status})` : "";
    throw new Refusal(`${cannot} account ${masterAccountId} does not hold it${status}. ${nothingRecorded}`);
  }
  if (!isSubAccount(number.account_id)) {
    throw new Refusal(
      `${cannot} no sub-account holds it; it is with the master account ${number.account_id}. ${nothingRecorded} ` +
        "To hand it to a sub-account, declare a SubAccountAssignment with this e164 and the subAccountId, and run `pulumi up`.",
    );
  }
}

/** Fails, changing nothing, when `to` is not a sub-account of the client's master account. */
async function requireSubAccount(client: VobizClient, e164: string, from: string, to: string): Promise<void> {
  const exists = await client.getSubAccount(to).then(
    () => true,
    (error: unknown) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    },
  );
  if (!exists) {
    throw new Refusal(
      `Cannot move ${e164} to ${to}: ${to} is not a sub-account of ${client.authId} (Vobiz answered 404). ` +
        `Nothing was changed: the number stays with ${from}. Set subAccountId to one of the sub-accounts of ${client.authId}.`,
    );
  }
}

function unfinishedMove(
  masterAccountId: string,
  e164: string,
  news: SubAccountAssignmentInputs,
  coolOff: CoolOffRecord | null,
  holder: string,
  error: unknown,
): PartialFailure {
  const where = isSubAccount(holder) ? `with sub-account ${holder}` : `with the master account ${masterAccountId}`;
  const reason = error instanceof Error ? error.message : String(error);
  // The engine shows the reasons, not the message, for a resource it keeps with initialization errors.
  const explanation =
    `${e164} is now ${where}: assigning it to ${news.subAccountId} failed: ${reason} ` +
    "The stack records where the number is; run `pulumi up` again to finish the move.";
  const outputs = assignmentOutputs(news, isSubAccount(holder) ? holder : null, masterAccountId, coolOff);
  return new PartialFailure(explanation, e164, outputs, [explanation], news);
}

function unassignOptions(inputs: Pick<SubAccountAssignmentInputs, "force" | "coolOffWaitSeconds">) {
  return { force: inputs.force ?? false, waitSeconds: inputs.coolOffWaitSeconds ?? 0, log: logProgress };
}
