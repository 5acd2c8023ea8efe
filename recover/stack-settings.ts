import { z } from "zod";
import type { ConfiguredSettings } from "../provider/core/credentials";

const configSchema = z.record(z.string(), z.looseObject({ value: z.unknown().optional() }));

/**
 * The `vobiz:*` settings of the stack from the JSON of `pulumi config --json --show-secrets`, as the
 * provider's `configure` sees them; a setting the stack does not have is left out, for the environment to
 * supply. Throws when the text is not that JSON; the message never quotes it, since it holds secrets.
 */
export function stackSettings(text: string): ConfiguredSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("the output of `pulumi config --json --show-secrets` is not JSON");
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw new Error("the output of `pulumi config --json --show-secrets` is not a map of settings");
  const value = (key: string): string | undefined => {
    const setting = parsed.data[key]?.value;
    return typeof setting === "string" && setting !== "" ? setting : undefined;
  };
  return { authId: value("vobiz:authId"), authToken: value("vobiz:authToken"), baseUrl: value("vobiz:baseUrl") };
}
