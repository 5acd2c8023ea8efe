import { isIP } from "node:net";

/**
 * Whether `hostname` (as `URL.hostname` gives it, brackets allowed) is this machine: `localhost`,
 * 127.0.0.0/8 or ::1. The SDK allows plain http only to such a host, and the emulator listens only on one.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}
