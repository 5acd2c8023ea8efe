import type { PhoneNumber, VobizClient } from "../../../sdk";
import { CandidatePools } from "../../../provider/session/candidate-pool";
import { OwnedListings } from "../../../provider/session/owned-listing";
import { deploymentTimings } from "../../../provider/session/timings";
import { FakeClock } from "../../helpers/fake-clock";

// How long a deployment keeps what it listed, on a clock the test moves.
describe("what a deployment keeps between its operations", () => {
  const number = { e164: "+14155550100", account_id: "MA_X" } as PhoneNumber;

  /** A client whose account listing is counted; nothing else is called. */
  function countingClient(): { client: VobizClient; listings: () => number } {
    let listings = 0;
    const client = {
      baseUrl: "http://127.0.0.1:1/api",
      authId: "MA_X",
      listNumbers: async () => {
        listings += 1;
        return { items: [number], page: 1, perPage: 100, total: 1 };
      },
      findOwnedNumber: async () => undefined,
    } as unknown as VobizClient;
    return { client, listings: () => listings };
  }

  it("answers the reads of one refresh from one listing of the account, and lists again once it is older than its time to live", async () => {
    const clock = new FakeClock();
    const listings = new OwnedListings(clock, deploymentTimings);
    const { client, listings: count } = countingClient();
    await listings.lookup(client, number.e164);
    await clock.advance(deploymentTimings.ownedListingTtlMs);
    expect(await listings.lookup(client, number.e164)).toBe(number);
    expect(count()).toBe(1);
    await clock.advance(1);
    await listings.lookup(client, number.e164);
    expect(count()).toBe(2);
  });

  it("lists again after a write of the deployment, however recent the listing", async () => {
    const listings = new OwnedListings(new FakeClock(), deploymentTimings);
    const { client, listings: count } = countingClient();
    await listings.lookup(client, number.e164);
    await listings.writing(async () => undefined);
    await listings.lookup(client, number.e164);
    expect(count()).toBe(2);
  });

  it("keeps the candidate pool of a set of criteria while creates use it, and opens a new one after it sat idle", async () => {
    const clock = new FakeClock();
    const pools = new CandidatePools(clock, deploymentTimings, () => true);
    const { client } = countingClient();
    const criteria = { country: "US" };
    const first = pools.open(client, criteria);
    await clock.advance(deploymentTimings.candidatePoolIdleMs * 2);
    expect(pools.open(client, criteria)).toBe(first);
    pools.close(first);
    pools.close(first);
    await clock.advance(deploymentTimings.candidatePoolIdleMs);
    expect(pools.open(client, criteria)).toBe(first);
    pools.close(first);
    await clock.advance(deploymentTimings.candidatePoolIdleMs + 1);
    expect(pools.open(client, criteria)).not.toBe(first);
  });
});
