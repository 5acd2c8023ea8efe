import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Account } from "./model";
import type { EmulatorStore } from "./store";

/** The credentials a request presents, whichever way it presents them. */
export interface PresentedCredentials {
  authId: string;
  authToken: string;
}

/**
 * Reads `X-Auth-ID`/`X-Auth-Token`, or, where the route allows it (cancel-release), HTTP Basic
 * `auth_id:auth_token`. Returns undefined when neither form is complete.
 */
export function presentedCredentials(headers: IncomingHttpHeaders, allowBasic: boolean): PresentedCredentials | undefined {
  const authId = singleHeader(headers["x-auth-id"]);
  const authToken = singleHeader(headers["x-auth-token"]);
  if (authId !== undefined && authToken !== undefined) return { authId, authToken };
  return allowBasic ? basicCredentials(headers.authorization) : undefined;
}

/** The account matching the credentials, or undefined when the id is unknown or the token wrong. */
export function authenticate(store: EmulatorStore, credentials: PresentedCredentials | undefined): Account | undefined {
  if (credentials === undefined) return undefined;
  const account = store.account(credentials.authId);
  if (account === undefined) return undefined;
  return sameSecret(account.auth_token, credentials.authToken) ? account : undefined;
}

/** The auth id a request claims, for the request log (the Basic user on routes that accept Basic). */
export function claimedAuthId(headers: IncomingHttpHeaders): string | null {
  return singleHeader(headers["x-auth-id"]) ?? basicCredentials(headers.authorization)?.authId ?? null;
}

/** Every token a request carries, so the request log can make sure none of them is written. */
export function presentedTokens(headers: IncomingHttpHeaders): string[] {
  const tokens = [singleHeader(headers["x-auth-token"]), basicCredentials(headers.authorization)?.authToken];
  return tokens.filter((t): t is string => t !== undefined && t !== "");
}

function basicCredentials(header: string | undefined): PresentedCredentials | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return undefined;
  return { authId: decoded.slice(0, colon), authToken: decoded.slice(colon + 1) };
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first;
}

// Hashing first gives equal-length inputs, which timingSafeEqual requires.
function sameSecret(expected: string, actual: string): boolean {
  const digest = (s: string): Buffer => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(expected), digest(actual));
}
