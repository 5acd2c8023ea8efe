import type { VobizClient } from "../../sdk";
import { clientFor, type ConfiguredSettings } from "../core/client-factory";
import { resolveSettings } from "../core/credentials";
import { CandidatePools } from "./candidate-pool";
import { systemClock, type Clock } from "./clock";
import { NumberClaims } from "./number-claims";
import { OwnedListings } from "./owned-listing";
import { Registrations } from "./registrations";
import { deploymentTimings, type DeploymentTimings } from "./timings";

/**
 * Everything one deployment's provider process knows beyond a single operation: what the program declares,
 * who may buy and who bought which number, the inventory listings picks share, the account listing reads
 * share, and the API clients. The engine starts one provider process per deployment, so a process has one
 * session; tests start a new one where a new deployment would start.
 */
export class DeploymentSession {
  readonly registrations: Registrations;
  readonly claims = new NumberClaims();
  readonly candidatePools: CandidatePools;
  readonly ownedListings: OwnedListings;
  private readonly clients = new Map<string, VobizClient>();

  constructor(
    readonly clock: Clock = systemClock,
    readonly timings: DeploymentTimings = deploymentTimings,
  ) {
    this.registrations = new Registrations(clock, timings);
    this.ownedListings = new OwnedListings(clock, timings);
    this.candidatePools = new CandidatePools(clock, timings, (e164) => this.claims.isFreeForPick(e164) && !this.registrations.isDeclaredExactly(e164));
  }

  /**
   * The client for these settings (see `clientFor`), made once per deployment and shared by every operation
   * with the same credentials and API root, so that the thousand reads of a refresh do not each build their
   * own. Throws like `clientFor` when the credentials are incomplete.
   */
  client(configured: ConfiguredSettings | undefined): VobizClient {
    const { authId, authToken, baseUrl } = resolveSettings(configured);
    const key = JSON.stringify([authId, authToken, baseUrl ?? null]);
    const cached = this.clients.get(key);
    if (cached) return cached;
    const client = clientFor(configured);
    this.clients.set(key, client);
    return client;
  }
}

let current = new DeploymentSession();

/** The session of the deployment this process serves. */
export function currentSession(): DeploymentSession {
  return current;
}

/** Starts a new deployment's session, forgetting the last one; `clock` is the wall clock unless a test gives its own. */
export function startDeployment(clock?: Clock): DeploymentSession {
  current = new DeploymentSession(clock);
  return current;
}
