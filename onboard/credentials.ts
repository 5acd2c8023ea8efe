import { credentialSettings } from "../sdk/credential-settings";

/** How to reach the account: the provider's settings, taken from flags or the environment. */
export interface OnboardCredentials {
  authId: string;
  authToken: string;
  baseUrl?: string;
}

/** The credential flags of `vobiz-onboard`; each overrides its environment variable. */
export interface CredentialFlags {
  authId?: string;
  authToken?: string;
  baseUrl?: string;
}

/**
 * Resolves credentials from the flags, then from `VOBIZ_AUTH_ID`, `VOBIZ_AUTH_TOKEN` and `VOBIZ_BASE_URL`
 * (the provider reads the same variables). Throws an `Error` naming what is missing and how to set it.
 */
export function resolveCredentials(flags: CredentialFlags, env: NodeJS.ProcessEnv): OnboardCredentials {
  const { authId, authToken, baseUrl } = credentialSettings(flags, env);
  const missing = [authId === undefined && "VOBIZ_AUTH_ID (or --auth-id)", authToken === undefined && "VOBIZ_AUTH_TOKEN"].filter(Boolean);
  if (authId === undefined || authToken === undefined) {
    throw new Error(`Vobiz credentials are incomplete: set ${missing.join(" and ")} in the environment, as for the provider.`);
  }
  return { authId, authToken, ...(baseUrl === undefined ? {} : { baseUrl }) };
}
