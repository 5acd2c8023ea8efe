// The engine generates steps one resource at a time, as the program registers them, and starts creating a
// resource as soon as its step is generated: the `check` of a later resource can come after the `create` of
// an earlier one. Every resource of a deployment is checked and created in this one provider process, so the
// numbers the program names exactly are collected here from `check`, and a pick by criteria first waits for
// the burst of registrations to settle.

const declaredExactly = new Set<string>();
const handedOver = new Set<string>();
const declaredAssignments = new Map<string, string>();
let lastRegistrationAt = Number.NEGATIVE_INFINITY;

// Registrations of one program arrive a few milliseconds apart (at most about 170 ms apart while creates run
// alongside, measured with 30 resources); a quiet second means the program has registered what it declares.
const QUIET_MS = 1_000;
const MAX_WAIT_MS = 60_000;

// The engine runs a bounded number of steps at once (`--parallel`) and generates the next step, with its
// `check`, only when one of them ends. When every step this process is running is a pick waiting here, no
// step can end, so no registration can come however long the picks wait: a short quiet, long enough for a
// `check` already on its way, is all there is to wait for.
const STALLED_QUIET_MS = 100;

let stepsRunning = 0;
let picksWaiting = 0;
// Registrations up to this time were judged complete by a pick; picks waiting on the same registrations go too.
let settledThrough = Number.NEGATIVE_INFINITY;

/** Forgets what this process learnt of its deployment, as a provider process for the next deployment starts. */
export function forgetDeployment(): void {
  declaredExactly.clear();
  handedOver.clear();
  declaredAssignments.clear();
  lastRegistrationAt = Number.NEGATIVE_INFINITY;
  settledThrough = Number.NEGATIVE_INFINITY;
}

/** Records that the engine is still registering resources (any `check` of this deployment). */
export function noteRegistration(): void {
  lastRegistrationAt = Date.now();
}

/** Runs one step of the deployment (a create, update or delete), counted for `registrationsSettled`. */
export async function runningStep<T>(step: () => Promise<T>): Promise<T> {
  stepsRunning += 1;
  try {
    return await step();
  } finally {
    stepsRunning -= 1;
  }
}

/** Records that a resource of this deployment wants exactly this number, so no pick by criteria takes it. */
export function declareExactNumber(e164: string): void {
  declaredExactly.add(e164);
}

/**
 * Records that a delete of this deployment kept the number rather than release it, because another resource
 * of the deployment declares it (a resource renamed, or a number moved under new management).
 */
export function handOver(e164: string): void {
  handedOver.add(e164);
}

/** Whether a delete of this deployment kept this number for the resource that declares it. */
export function wasHandedOver(e164: string): boolean {
  return handedOver.has(e164);
}

/** Records that a `SubAccountAssignment` of this deployment wants the number held by this sub-account. */
export function declareAssignment(e164: string, subAccountId: string): void {
  declaredAssignments.set(e164, subAccountId);
}

/** Whether a `SubAccountAssignment` of this deployment wants the number held by this sub-account. */
export function isAssignmentDeclared(e164: string, subAccountId: string): boolean {
  return declaredAssignments.get(e164) === subAccountId;
}

/** Whether a resource of this deployment wants exactly this number. */
export function isDeclaredExactly(e164: string): boolean {
  return declaredExactly.has(e164);
}

/**
 * Resolves once no resource has been registered for a second (at most a minute from now), or for a tenth
 * of a second while every running step is a pick waiting here, so that every exact number of the program is
 * declared before a pick by criteria. Resolves at once when nothing was registered in this process.
 */
export async function registrationsSettled(): Promise<void> {
  const giveUpAt = Date.now() + MAX_WAIT_MS;
  picksWaiting += 1;
  try {
    for (;;) {
      const now = Date.now();
      const quietFor = now - lastRegistrationAt;
      const stalled = picksWaiting >= stepsRunning;
      if (lastRegistrationAt <= settledThrough || quietFor >= QUIET_MS || (stalled && quietFor >= STALLED_QUIET_MS) || now >= giveUpAt) {
        settledThrough = Math.max(settledThrough, lastRegistrationAt);
        return;
      }
      const wait = stalled ? STALLED_QUIET_MS - quietFor : Math.min(QUIET_MS - quietFor, STALLED_QUIET_MS);
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(wait, giveUpAt - now))));
    }
  } finally {
    picksWaiting -= 1;
  }
}
