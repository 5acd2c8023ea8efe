import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { isE164 } from "../sdk/e164";
import { authenticate, claimedAuthId, presentedCredentials, presentedTokens } from "./auth";
import { isoTime } from "./clock";
import { controlRoutes } from "./control-api";
import type { ActiveFault, RequestLogEntry } from "./control-types";
import { apiErrors, controlErrors, injectedFaultBody, type ApiReply } from "./errors";
import type { FaultQueue } from "./faults";
import { BodyTooLargeError, parseJsonBody, readBody, sendReply } from "./http-io";
import { publicRoutes, type PublicRoute } from "./public-routes";
import type { RequestLog } from "./request-log";
import { matchPath, splitPath, type PathPattern } from "./router";
import type { EmulatorStore } from "./store";

/** The parts one emulator instance is made of. */
export interface EmulatorParts {
  readonly store: EmulatorStore;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  /**
   * Saves the state when it changed; called after every request and before its reply is written,
   * so nothing that was answered can be lost. Throws when the state could not be saved.
   */
  readonly persist: () => void;
  /** Aborted when the emulator closes, to cut short requests held by a latency fault. */
  readonly closing: AbortSignal;
}

const CONTROL_PREFIX = "/__emulator";

/** What the server knows about an incoming request once its URL is taken apart. */
interface IncomingRequest {
  readonly req: IncomingMessage;
  readonly method: string;
  readonly rawUrl: string;
  readonly rawPath: string;
  readonly segments: string[] | undefined;
  readonly query: URLSearchParams;
  readonly receivedAt: number;
}

/**
 * The HTTP entry point: `/__emulator/...` goes to the control API, everything else to the public
 * API, which applies any queued fault, authenticates, checks the path account and runs the
 * operation. Every request is settled against the virtual clock first, persisted after, and logged.
 */
export function createRequestListener(parts: EmulatorParts): RequestListener {
  return (req, res) => {
    handle(parts, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendReply(res, apiErrors.internal(`emulator error: ${(error as Error).message}`));
      else res.destroy();
    });
  };
}

async function handle(parts: EmulatorParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const incoming: IncomingRequest = {
    req,
    method: (req.method ?? "GET").toUpperCase(),
    rawUrl,
    rawPath,
    segments: splitPath(rawPath),
    query: new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1)),
    receivedAt: parts.store.now(),
  };
  const isControl = rawPath === CONTROL_PREFIX || rawPath.startsWith(`${CONTROL_PREFIX}/`);
  if (isControl) await handleControl(parts, incoming, res);
  else await handlePublic(parts, incoming, res);
}

async function handlePublic(parts: EmulatorParts, incoming: IncomingRequest, res: ServerResponse): Promise<void> {
  const { method, rawUrl, req } = incoming;
  const found = findRoute(publicRoutes, method, incoming.segments);
  const fault = parts.faults.take(method, rawUrl);
  const logAs = (status: number | null): void =>
    record(parts, incoming, { api: "public", route: found?.route.name ?? "notFound", status, ...faultField(fault) });

  const body = await readBodyOrReply(req);
  if (fault?.kind === "reset") {
    logAs(null);
    req.socket.destroy();
    return;
  }
  if (fault?.kind === "latency") {
    const waited = await sleep(fault.latency_ms, true, { signal: parts.closing }).catch(() => false);
    if (!waited) {
      req.socket.destroy();
      return;
    }
  }

  let reply: ApiReply;
  if (fault?.kind === "status") {
    reply = statusFaultReply(fault);
  } else {
    reply = runAndPersist(parts, () => runPublic(parts, incoming, found, body));
    if (fault?.kind === "commit-then-502") reply = apiErrors.badGateway;
  }
  sendReply(res, reply);
  logAs(reply.status);
}

function runPublic(
  parts: EmulatorParts,
  incoming: IncomingRequest,
  found: { route: PublicRoute; params: Record<string, string> } | undefined,
  body: Buffer | ApiReply,
): ApiReply {
  if (found === undefined) return apiErrors.noRoute(incoming.method, incoming.rawPath);
  const { route, params } = found;
  const { store } = parts;
  const allowBasic = route.cancelReleaseAuth === true;
  const caller = authenticate(store, presentedCredentials(incoming.req.headers, allowBasic));
  if (caller === undefined) return allowBasic ? apiErrors.unauthorizedNested : apiErrors.unauthorized;
  if (params["accountId"] !== caller.auth_id) return apiErrors.pathAccountMismatch;
  const e164 = params["e164"];
  if (e164 !== undefined && !isE164(e164)) return apiErrors.pathNumberNotE164;
  if (!Buffer.isBuffer(body)) return body;
  const parsed = parseJsonBody(body);
  if ("invalid" in parsed) return apiErrors.bodyNotJson;
  return route.handler({ store, caller, params, query: incoming.query, body: parsed.value });
}

async function handleControl(parts: EmulatorParts, incoming: IncomingRequest, res: ServerResponse): Promise<void> {
  const found = findRoute(controlRoutes, incoming.method, incoming.segments);
  const body = await readBodyOrReply(incoming.req);
  const reply = runAndPersist(parts, () => {
    if (found === undefined) return apiErrors.noRoute(incoming.method, incoming.rawPath);
    if (!Buffer.isBuffer(body)) return body;
    const parsed = parseJsonBody(body);
    if ("invalid" in parsed) return controlErrors.invalid("request body must be JSON");
    const { store, faults, log } = parts;
    return found.route.handler({ store, faults, log, params: found.params, body: parsed.value });
  });
  sendReply(res, reply);
  if (found?.route.logged === false) return;
  record(parts, incoming, { api: "control", route: found?.route.name ?? "notFound", status: reply.status });
}

// Settling first means a request sees every transition the virtual clock has made due; saving
// after means the reply is only written once its effects are on disk.
function runAndPersist(parts: EmulatorParts, run: () => ApiReply): ApiReply {
  parts.store.settle();
  const reply = run();
  try {
    parts.persist();
  } catch (error) {
    return apiErrors.internal(`emulator could not save its state file: ${(error as Error).message}`);
  }
  return reply;
}

function findRoute<R extends { readonly method: string; readonly pattern: PathPattern }>(
  routes: readonly R[],
  method: string,
  segments: readonly string[] | undefined,
): { route: R; params: Record<string, string> } | undefined {
  if (segments === undefined) return undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPath(route.pattern, segments);
    if (params !== undefined) return { route, params };
  }
  return undefined;
}

async function readBodyOrReply(req: IncomingMessage): Promise<Buffer | ApiReply> {
  try {
    return await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return apiErrors.bodyTooLarge;
    throw error;
  }
}

function statusFaultReply(fault: Extract<ActiveFault, { kind: "status" }>): ApiReply {
  return {
    status: fault.status,
    body: fault.body ?? injectedFaultBody(fault.status),
    ...(fault.retry_after_seconds === undefined ? {} : { headers: { "retry-after": String(fault.retry_after_seconds) } }),
  };
}

function faultField(fault: ActiveFault | undefined): Pick<RequestLogEntry, "fault"> {
  return fault === undefined ? {} : { fault: fault.kind };
}

function record(
  parts: EmulatorParts,
  incoming: IncomingRequest,
  outcome: Pick<RequestLogEntry, "api" | "route" | "status" | "fault">,
): void {
  const knownTokens = Object.values(parts.store.state.accounts).map((a) => a.auth_token);
  parts.log.record(
    {
      api: outcome.api,
      method: incoming.method,
      path: incoming.rawUrl,
      route: outcome.route,
      status: outcome.status,
      auth_id: claimedAuthId(incoming.req.headers),
      at: isoTime(incoming.receivedAt),
      ...(outcome.fault === undefined ? {} : { fault: outcome.fault }),
    },
    [...knownTokens, ...presentedTokens(incoming.req.headers)],
  );
}
