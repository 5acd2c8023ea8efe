// The engine generates steps one resource at a time, as the program registers them, and starts creating a
// resource as soon as its step is generated: the `check` of a later resource can come after the `create` of
// an earlier one. Every resource of a deployment is checked and created in this one provider process, so the
// numbers the program names exactly are collected here from `check`, and a pick by criteria first waits for
// the burst of registrations to settle.

const declaredExactly = new Set<string>();
let lastRegistrationAt = Number.NEGATIVE_INFINITY;

// Registrations of one program arrive a few milliseconds apart (at most about 170 ms apart while creates run
// alongside, measured with 30 resources); a quiet second means the program has registered what it declares.
const QUIET_MS = 1_000;
const MAX_WAIT_MS = 60_000;

/** Records that the engine is still registering resources (any `check` of this deployment). */
export function noteRegistration(): void {
  lastRegistrationAt = Date.now();
}

/** Records that a resource of this deployment wants exactly this number, so no pick by criteria takes it. */
export function declareExactNumber(e164: string): void {
  declaredExactly.add(e164);
}

/** Whether a resource of this deployment wants exactly this number. */
export function isDeclaredExactly(e164: string): boolean {
  return declaredExactly.has(e164);
}

/**
 * Resolves once no resource has been registered for a second (at most a minute from now), so that every
 * exact number of the program is declared before a pick by criteria. Resolves at once when nothing was
 * registered in this process.
 */
export async function registrationsSettled(): Promise<void> {
  const giveUpAt = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const quietFor = Date.now() - lastRegistrationAt;
    if (quietFor >= QUIET_MS || Date.now() >= giveUpAt) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(QUIET_MS - quietFor, giveUpAt - Date.now())));
  }
}
