import { MAX_PAGE_SIZE } from "../sdk/pagination";
import { apiErrors, type ApiReply } from "./errors";

/** Page size used when the request gives none. */
export const DEFAULT_PAGE_SIZE = 25;

/** A validated page request: 1-based page and a page size already clamped to `MAX_PAGE_SIZE`, as Vobiz does. */
export interface Paging {
  page: number;
  size: number;
}

/**
 * Reads `page` and the page-size parameter (`per_page`, or `size` on sub-accounts). Fails with the
 * documented 400 when either is present but not a positive integer.
 */
export function readPaging(query: URLSearchParams, sizeParam: "per_page" | "size"): Paging | ApiReply {
  const page = readPositiveInteger(query, "page", 1);
  if (page === undefined) return apiErrors.notPositiveInteger("page");
  const size = readPositiveInteger(query, sizeParam, DEFAULT_PAGE_SIZE);
  if (size === undefined) return apiErrors.notPositiveInteger(sizeParam);
  return { page, size: Math.min(size, MAX_PAGE_SIZE) };
}

/** The slice of an already sorted list that a page covers. */
export function pageOf<T>(items: readonly T[], paging: Paging): T[] {
  const start = (paging.page - 1) * paging.size;
  return items.slice(start, start + paging.size);
}

/** Reads a boolean flag such as `immediate` or `force`: absent or empty is false; undefined when the value is not true/false/1/0. */
export function readBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return false;
  const value = raw.toLowerCase();
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return undefined;
}

/**
 * Turns a `search` or `exclude` term into the digits it stands for: trimmed, without a leading `+`.
 * A `+` that was not encoded as `%2B` arrives as a space, so it is trimmed away too.
 */
export function digitsTerm(raw: string): string {
  return raw.trim().replace(/^\+/, "");
}

/** True when the number contains the search term anywhere, with or without its `+`; an empty term matches all. */
export function matchesSearch(e164: string, search: string | null): boolean {
  const term = search === null ? "" : digitsTerm(search);
  return term === "" || e164.slice(1).includes(term);
}

/** Collects the `exclude` prefixes from repeated parameters and comma lists, de-duplicated. */
export function excludePrefixes(query: URLSearchParams): string[] {
  const prefixes = query
    .getAll("exclude")
    .flatMap((value) => value.split(","))
    .map(digitsTerm)
    .filter((p) => p !== "");
  return [...new Set(prefixes)];
}

/** True when the number starts with `+` followed by any of the prefixes. */
export function matchesAnyPrefix(e164: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => e164.startsWith(`+${p}`));
}

function readPositiveInteger(query: URLSearchParams, name: string, fallback: number): number | undefined {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** True for a reply rather than a parsed value; lets a handler return the 400 it got. */
export function isReply(value: unknown): value is ApiReply {
  return typeof value === "object" && value !== null && "status" in value;
}
