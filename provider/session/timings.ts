/**
 * Every rule about time that a deployment's provider process follows, in one place. None of them decides
 * who owns a number: they only decide how long to wait for facts (see number-claims.ts for ownership).
 */
export const deploymentTimings = {
  // Registrations of one program arrive a few milliseconds apart, and a fraction of a second apart while
  // creates run alongside; a quiet second means the program has registered what it declares, so a pick by
  // criteria waits for that before it chooses.
  registrationQuietMs: 1_000,
  // The engine runs a bounded number of steps at once (`--parallel`) and generates the next step, with its
  // `check`, only when one of them ends. When every running step is a pick waiting for the quiet above, no
  // step can end, so no registration can come: a short quiet, for a `check` already on its way, is enough.
  stalledQuietMs: 100,
  // The longest a pick waits for registrations to settle.
  registrationMaxWaitMs: 60_000,
  // Numbers picked by criteria leave the inventory a page at a time, so a deployment's listing is kept while
  // its creates keep coming, not dropped between the engine's batches of creates; one left idle this long is
  // listed afresh.
  candidatePoolIdleMs: 30_000,
  // A listing of the account's numbers serves the reads of one refresh; anything older is fetched again.
  ownedListingTtlMs: 30_000,
} as const;

export type DeploymentTimings = typeof deploymentTimings;
