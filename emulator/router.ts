/**
 * Path matching for the route tables. Patterns are literal and case-sensitive, like the real API
 * (a wrong `/account/` vs `/Account/` is a 404); `:name` segments capture one non-empty segment.
 */

/** A route pattern split once into segments, ready to match. */
export interface PathPattern {
  readonly source: string;
  readonly segments: readonly string[];
}

/** Prepares a pattern such as `/api/v1/Account/:accountId/numbers`. */
export function pathPattern(source: string): PathPattern {
  return { source, segments: source.split("/") };
}

/**
 * Splits a raw URL path into percent-decoded segments. Splitting happens before decoding so an
 * encoded `/` cannot change the shape of a path. Returns undefined for malformed percent-encoding.
 */
export function splitPath(rawPath: string): string[] | undefined {
  try {
    return rawPath.split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The captured parameters when the segments fit the pattern, else undefined. */
export function matchPath(pattern: PathPattern, segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, expected] of pattern.segments.entries()) {
    const actual = segments[i] ?? "";
    if (expected.startsWith(":")) {
      if (actual === "") return undefined;
      params[expected.slice(1)] = actual;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
