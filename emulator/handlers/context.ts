import type { ApiReply } from "../errors";
import { isJsonObject } from "../http-io";
import type { Account } from "../model";
import type { EmulatorStore } from "../store";

/**
 * What a public handler gets once the server has matched the route, authenticated the caller,
 * checked the path account and decoded the path. Path parameters are already validated: `e164`
 * starts with `+`.
 */
export interface PublicRequest {
  readonly store: EmulatorStore;
  readonly caller: Account;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body; undefined when the request had none. */
  readonly body: unknown;
}

/** One public API operation; it returns the reply rather than writing it. */
export type PublicHandler = (request: PublicRequest) => ApiReply;

/** A path parameter the route pattern guarantees; throws if the pattern lacks it (a bug, not a client error). */
export function pathParam(request: PublicRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined) throw new Error(`route has no :${name} parameter`);
  return value;
}

/** Reads a required non-empty string field of a JSON body; undefined when missing or not a string. */
export function stringField(body: unknown, field: string): string | undefined {
  const value = isJsonObject(body) ? body[field] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
