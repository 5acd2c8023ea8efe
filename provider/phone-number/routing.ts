import type { VobizClient } from "../../sdk";

/** Where calls to a number go: a SIP trunk group, a voice application, or nowhere. */
export interface Routing {
  trunkGroupId: string | null;
  applicationId: string | null;
}

/**
 * Moves a number from its actual routing to the desired one with the fewest calls: it first detaches
 * what must go (Vobiz refuses a trunk while an application is attached, and the reverse), then attaches.
 * Returns the routing now in place. A failure leaves the number partly routed; the caller reports it.
 */
export async function applyRouting(client: VobizClient, e164: string, actual: Routing, desired: Routing): Promise<Routing> {
  if (actual.trunkGroupId && actual.trunkGroupId !== desired.trunkGroupId) await client.unassignTrunk(e164);
  if (actual.applicationId && actual.applicationId !== desired.applicationId) await client.detachApplication(e164);
  if (desired.trunkGroupId && desired.trunkGroupId !== actual.trunkGroupId) await client.assignTrunk(e164, desired.trunkGroupId);
  if (desired.applicationId && desired.applicationId !== actual.applicationId) await client.attachApplication(e164, desired.applicationId);
  return desired;
}
