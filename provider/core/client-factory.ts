import { VobizClient, type RetryEvent } from "../../sdk";
import { resolveSettings, type ConfiguredSettings } from "./credentials";
import { logProgress } from "./progress-log";

export type { ConfiguredSettings } from "./credentials";

/**
 * A client for one provider operation, from the credentials `configure` saw or the environment. Retries are
 * more patient than the SDK's defaults because a deployment would rather wait out a 429 storm than fail;
 * `customTimeouts` never reach dynamic providers. Throws when the credentials are incomplete.
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
