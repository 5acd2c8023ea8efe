import { credentialSettings, type CredentialSettings } from "../../sdk/credential-settings";
import type { GuardrailConfig } from "./guardrail-settings";
import { Refusal } from "./refusal";

/** The raw `vobiz:*` stack config a provider's `configure` saw: credentials and guardrails, any of it missing. */
export interface ConfiguredSettings extends CredentialSettings {
  guardrails?: GuardrailConfig | undefined;
}

/** The credentials and API root one provider operation uses. */
export interface ResolvedSettings {
  authId: string;
  authToken: string;
  baseUrl: string | undefined;
}

/**
 * Resolves credentials: stack config first (`vobiz:authId`, `vobiz:authToken`, `vobiz:baseUrl`), then the
 * environment (`VOBIZ_AUTH_ID`, `VOBIZ_AUTH_TOKEN`, `VOBIZ_BASE_URL`), setting by setting. Throws a message
 * naming both ways to set them when either credential is missing; the message never quotes a value.
 */
export function resolveSettings(configured: ConfiguredSettings | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const { authId, authToken, baseUrl } = credentialSettings(configured, env);
  if (!authId || !authToken) {
    const missing = [!authId && "the auth id", !authToken && "the auth token"].filter(Boolean).join(" and ");
    throw new Refusal(
      `Vobiz credentials are incomplete: ${missing} ${missing.includes(" and ") ? "are" : "is"} not set. ` +
        "Set them in the stack (`pulumi config set vobiz:authId MA_…` and `pulumi config set --secret vobiz:authToken …`) " +
        "or in the environment (VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN).",
    );
  }
  return { authId, authToken, baseUrl };
}
