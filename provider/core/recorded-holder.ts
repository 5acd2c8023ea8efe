import { ForbiddenError, NotFoundError, type VobizClient } from "../../sdk";
import { Refusal } from "./refusal";

/**
 * Refuses to take "this account does not have the number" for "the number is gone" when the stack recorded it
 * with another account than the one the credentials are for (an explicit provider or `vobiz:authId` pointed
 * elsewhere): that account not seeing the number says nothing about it, and dropping it from the stack (a
 * refresh) or counting it as released (a destroy) would leave it rented and managed by no one. A holder that
 * is a sub-account of the credentials' account is theirs; Vobiz is asked only then, on this rare path.
 */
export async function requireRecordedHolder(client: VobizClient, e164: string, recordedHolder: string | undefined): Promise<void> {
  if (!recordedHolder || recordedHolder === client.authId) return;
  if (recordedHolder.startsWith("SA_") && (await isSubAccountOf(client, recordedHolder))) return;
  throw new Refusal(
    `${e164} is recorded in the stack as held by ${recordedHolder}, but the credentials in use are for ${client.authId}, which does not hold it. ` +
      "Nothing was dropped from the stack, released or changed. " +
      `Run the command with the credentials of ${recordedHolder} (or of its master account); to stop managing the number without releasing it, remove the resource with \`pulumi state delete\`.`,
  );
}

async function isSubAccountOf(client: VobizClient, subAccountId: string): Promise<boolean> {
  try {
    await client.getSubAccount(subAccountId);
    return true;
  } catch (error) {
    // 404: not a child of this master account; 403: the credentials are a sub-account's, which has no children.
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return false;
    throw error;
  }
}
