import type { VobizClient } from "../sdk";
import { clientFor, type ConfiguredSettings } from "./client-factory";
import { resolveSettings } from "./credentials";

const clients = new Map<string, VobizClient>();

/**
 * The client for these settings (see `clientFor`), made once per provider process and shared by every
 * operation that uses the same credentials and API root, so that the thousand reads of a refresh do not
 * each build their own. Throws like `clientFor` when the credentials are incomplete.
 */
export function sharedClient(configured: ConfiguredSettings | undefined): VobizClient {
  const { authId, authToken, baseUrl } = resolveSettings(configured);
  const key = JSON.stringify([authId, authToken, baseUrl ?? null]);
  const cached = clients.get(key);
  if (cached) return cached;
  const client = clientFor(configured);
  clients.set(key, client);
  return client;
}
