import { VobizError, type RequestContext } from "./errors";
import type { RetryBudget, RetrySettings } from "./retry";
import type { PhoneNumber } from "./schemas";

/**
 * What a reconciled write needs from the client, for one number: a way to send it once, and a lookup
 * that tells afterwards whether it took effect. Shared by release and purchase.
 */
export interface ReconciledWrite<T> {
  authId: string;
  e164: string;
  /** Describes the request, for messages. */
  context: RequestContext;
  settings: RetrySettings;
  budget: RetryBudget;
  /** Sends the write once (a 429 is retried inside: Vobiz refused before acting). */
  send(): Promise<T>;
  /** The caller's listed number with exactly this E.164 (own or a sub-account's), if any. */
  findOwned(): Promise<PhoneNumber | undefined>;
}

/** Sends the write once: its result, or the `VobizError` it failed with. Any other error is thrown. */
export async function sendOnce<T>(write: ReconciledWrite<T>): Promise<{ result: T } | { failure: VobizError }> {
  try {
    return { result: await write.send() };
  } catch (error) {
    if (!(error instanceof VobizError)) throw error;
    return { failure: error };
  }
}
