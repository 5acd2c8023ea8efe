/** Vobiz credentials and API root, any of which may be missing. */
export interface CredentialSettings {
  authId?: string | undefined;
  authToken?: string | undefined;
  baseUrl?: string | undefined;
}

/**
 * Each setting from `preferred` when it is set there (stack config, command-line flags), else from the
 * environment every part of the project reads: `VOBIZ_AUTH_ID`, `VOBIZ_AUTH_TOKEN`, `VOBIZ_BASE_URL`. An
 * empty string counts as not set. Never throws; what is missing is the caller's to explain.
 */
export function credentialSettings(preferred: CredentialSettings | undefined, env: NodeJS.ProcessEnv): CredentialSettings {
  const pick = (value: string | undefined, name: string): string | undefined => value || env[name] || undefined;
  return {
    authId: pick(preferred?.authId, "VOBIZ_AUTH_ID"),
    authToken: pick(preferred?.authToken, "VOBIZ_AUTH_TOKEN"),
    baseUrl: pick(preferred?.baseUrl, "VOBIZ_BASE_URL"),
  };
}
