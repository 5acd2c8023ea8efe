import { createHash } from "node:crypto";

/**
 * A UUID-shaped id derived from the given parts, so the same account or number always gets the
 * same id across runs and restarts without storing it.
 */
export function stableUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  // Version 4 and RFC 4122 variant bits, so strict UUID parsers accept it.
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
