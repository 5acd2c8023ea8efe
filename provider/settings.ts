import { VobizClient, type RetryEvent } from "../sdk";

/** The raw `vobiz:*` stack config a provider's `configure` saw; any of it may be missing. */
export interface ConfiguredSettings {
  authId?: string | undefined;
  authToken?: string | undefined;
  baseUrl?: string | undefined;
}

/** Where a setting came from, for messages; never the value of the token. */
type Source = "stack config" | "environment";

interface ResolvedSettings {
  authId: string;
  authToken: string;
  baseUrl: string | undefined;
  tokenSource: Source;
}

/**
 * Resolves credentials: stack config first (`vobiz:authId`, `vobiz:authToken`, `vobiz:baseUrl`), then the
 * environment (`VOBIZ_AUTH_ID`, `VOBIZ_AUTH_TOKEN`, `VOBIZ_BASE_URL`). Throws a message naming both ways
 * to set them when either credential is missing.
 */
export function resolveSettings(configured: ConfiguredSettings | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const pick = (fromConfig: string | undefined, envName: string): [string | undefined, Source] =>
    fromConfig ? [fromConfig, "stack config"] : [env[envName] || undefined, "environment"];
  const [authId] = pick(configured?.authId, "VOBIZ_AUTH_ID");
  const [authToken, tokenSource] = pick(configured?.authToken, "VOBIZ_AUTH_TOKEN");
  const [baseUrl] = pick(configured?.baseUrl, "VOBIZ_BASE_URL");
  if (!authId || !authToken) {
    const missing = [!authId && "the auth id", !authToken && "the auth token"].filter(Boolean).join(" and ");
    throw new Error(
      `Vobiz credentials are incomplete: ${missing} ${missing.includes(" and ") ? "are" : "is"} not set. ` +
        "Set them in the stack (`pulumi config set vobiz:authId MA_…` and `pulumi config set --secret vobiz:authToken …`) " +
        "or in the environment (VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN).",
    );
  }
  return { authId, authToken, baseUrl, tokenSource };
}

/** Progress of retries and waits, on the provider's stderr, which the Pulumi CLI shows with the resource. */
export function logProgress(message: string): void {
  process.stderr.write(`vobiz: ${message}\n`);
}

/**
 * A client for one provider operation. Retries are more patient than the SDK's defaults because a
 * deployment would rather wait out a 429 storm than fail; `customTimeouts` never reach dynamic providers.
 */
export function clientFor(configured: ConfiguredSettings | undefined): VobizClient {
  const settings = resolveSettings(configured);
  return new VobizClient({
    authId: settings.authId,
    authToken: settings.authToken,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    maxRetries: 8,
    retryDeadlineMs: 180_000,
    onRetry: (event: RetryEvent) =>
      logProgress(`${event.method} ${event.path}: ${event.reason}; retrying in ${Math.ceil(event.delayMs / 1000)}s (attempt ${event.attempt})`),
  });
}
