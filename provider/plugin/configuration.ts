// From the runtime module rather than the package root, whose automation and closure modules load the
// TypeScript compiler: that import alone made the plugin's bundle four times larger and its start-up seconds long.
import { unknownValue, unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { ConfigureRequest, ConfigureResponse } from "@pulumi/pulumi/proto/provider_pb";
import type { ConfiguredSettings } from "../core/credentials";
import { guardrailKeys, type GuardrailConfig } from "../core/guardrail-settings";
import { configKeys } from "./schema";

/**
 * The provider's settings as the engine's last `Configure` gave them, kept in this process's memory only.
 * Empty until then, and any setting may be missing: the operations fall back to the VOBIZ_* environment.
 */
export class PluginSettings {
  current: ConfiguredSettings = {};
}

/**
 * Reads `vobiz:authId`, `vobiz:authToken`, `vobiz:baseUrl` and the guardrail keys from a `Configure` request: from `args`, the
 * provider's inputs (keys without the `vobiz:` prefix, secrets wrapped, an unresolved value as the unknown
 * placeholder), or else from `variables`, the same config flattened to strings (keys `vobiz:config:<key>`
 * from older engines, `vobiz:<key>` from newer ones). An unknown or empty value counts as not set.
 */
export function settingsFromConfigureRequest(request: ConfigureRequest): ConfiguredSettings {
  const args = (request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
  const variables = request.getVariablesMap();
  const settings: ConfiguredSettings = {};
  const read = (key: string): string | undefined => {
    const fromArgs = unwrapRpcSecret(args[key]) as unknown;
    const value = fromArgs ?? variables.get(`vobiz:config:${key}`) ?? variables.get(`vobiz:${key}`);
    // A list or number set with `pulumi config set --path` may arrive structured; the guardrails read text.
    const text = typeof value === "string" ? value : value === undefined || value === null ? undefined : JSON.stringify(value);
    return text === "" || text === unknownValue ? undefined : text;
  };
  for (const key of configKeys) {
    const value = read(key);
    if (value !== undefined) settings[key] = value;
  }
  const guardrails: GuardrailConfig = {};
  for (const key of guardrailKeys) {
    const value = read(key);
    if (value !== undefined) guardrails[key] = value;
  }
  if (Object.keys(guardrails).length > 0) settings.guardrails = guardrails;
  return settings;
}

/**
 * Makes `Configure` requests reach `settings`. The provider server of `@pulumi/pulumi/provider` answers
 * `Configure` without passing the request to the provider object (see `configure` in
 * node_modules/@pulumi/pulumi/provider/server.js), so the request is read where the server's gRPC service
 * decodes it. The answer is changed to refuse secrets: the engine then sends every value plain and marks as
 * secret the outputs of secret inputs itself, as it does for the dynamic resources. Call before `main()`,
 * which registers the service.
 */
export function interceptConfigure(settings: PluginSettings): void {
  const configure = ResourceProviderService.configure;
  const decode = configure.requestDeserialize;
  const encode = configure.responseSerialize;
  configure.requestDeserialize = (bytes: Buffer): ConfigureRequest => {
    const request = decode(bytes);
    settings.current = settingsFromConfigureRequest(request);
    return request;
  };
  configure.responseSerialize = (response: ConfigureResponse): Buffer => encode(response.setAcceptsecrets(false));
}
