import { Refusal } from "../core/refusal";
import { NotFoundError, PurchaseOutcomeUnknownError, type PhoneNumber as VobizNumber, type VobizClient } from "../../sdk";
import { describeCriteria } from "./criteria-description";
import type { PhoneNumberInputs } from "./inputs";
import type { DeploymentSession } from "../session/deployment-session";
import type { Claimant } from "../session/number-claims";

// Refusals that mean another buyer got the candidate between the listing and the purchase (404). Past this
// many, inventory is moving faster than we can buy from it, and another run does better than more tries.
const MAX_TAKEN_BY_OTHERS = 10;

/**
 * Buys one inventory number that meets the criteria for `buyer` and returns it. Waits first until the
 * program's registrations settle, so that no number a sibling names exactly is taken.
 *
 * Candidates come in a random order (so that deployments elsewhere rarely race us for one) from a listing
 * shared by every create of the deployment with the same criteria. A candidate is bought only while `buyer`
 * holds it (see number-claims.ts), and never one another operation holds, reserved or bought. A candidate
 * someone else bought first (404) is skipped; a sibling waits for the purchases in flight before it
 * concludes that nothing is left. Fails naming the criteria when nothing fits, and with the purchase's
 * error when it fails for another reason.
 */
export async function purchaseMatchingNumber(session: DeploymentSession, client: VobizClient, criteria: PhoneNumberInputs, buyer: Claimant): Promise<VobizNumber> {
  await session.registrations.settled();
  const { claims, candidatePools } = session;
  const pool = candidatePools.open(client, criteria);
  let takenByOthers = 0;
  try {
    for (;;) {
      const candidate = await pool.take();
      if (!candidate) throw nothingLeft(criteria, takenByOthers);
      if (!claims.tryHold(candidate.e164, buyer)) {
        // Another operation of this deployment is buying it by name; it is that operation's to keep or give up.
        pool.finish(candidate, false, session.clock.now());
        continue;
      }
      let stillForSale = true;
      try {
        const bought = await client.purchaseNumber(candidate.e164, { ...(criteria.currency ? { currency: criteria.currency } : {}), soleBuyer: true });
        claims.recordPurchase(bought.e164, buyer);
        stillForSale = false;
        return bought;
      } catch (error) {
        // A purchase whose outcome is unknown may have bought the number: no sibling may try it.
        stillForSale = !(error instanceof NotFoundError || error instanceof PurchaseOutcomeUnknownError);
        if (!(error instanceof NotFoundError)) throw error;
        takenByOthers += 1;
        if (takenByOthers >= MAX_TAKEN_BY_OTHERS) throw nothingLeft(criteria, takenByOthers);
      } finally {
        claims.release(candidate.e164, buyer);
        pool.finish(candidate, stillForSale, session.clock.now());
      }
    }
  } finally {
    candidatePools.close(pool);
  }
}

function nothingLeft(criteria: PhoneNumberInputs, takenByOthers: number): Refusal {
  if (takenByOthers === 0) {
    return new Refusal(`No number in Vobiz inventory matches ${describeCriteria(criteria)}. Widen the criteria or name an exact e164.`);
  }
  return new Refusal(
    `Could not buy a number matching ${describeCriteria(criteria)}: ${takenByOthers} candidates were bought by another account ` +
      "between the listing and the purchase, and nothing was bought here. Run again.",
  );
}
