import type * as pulumi from "@pulumi/pulumi";
import type { ConfiguredSettings } from "../core/credentials";

type OperationsName = "phoneNumberOperations" | "subAccountAssignmentOperations";

/** A dynamic provider whose `configure` keeps the credentials and guardrails it was given for the other methods. */
export interface RuntimeProvider extends pulumi.dynamic.ResourceProvider {
  settings?: ConfiguredSettings;
}

/**
 * The provider object of one resource type. It captures nothing but the name of its operations:
 * credentials are read in `configure` (which never runs while the program serializes), and the logic is
 * loaded with a `require` by package name inside each method, because everything a provider closure
 * references is copied into state when the closure is serialized by value (and zod schemas cannot be).
 *
 * Each resource type's provider is the whole export of its own module (phone-number-provider.ts,
 * sub-account-assignment-provider.ts). A program that installed the package then gets a `__provider`
 * that is only `require("pulumi-vobiz/provider/<module>")`, since Pulumi refers to a module under
 * node_modules by name instead of copying it; anywhere else (this repository's own tests) it is copied.
 */
export function runtimeProvider(operations: OperationsName): RuntimeProvider {
  return {
    async configure(request: pulumi.dynamic.ConfigureRequest) {
      const get = (key: string) => request.config.get(`vobiz:${key}`);
      this.settings = {
        authId: get("authId"),
        authToken: get("authToken"),
        baseUrl: get("baseUrl"),
        // The keys of guardrail-settings.ts, spelled out: this function is copied into state where the
        // package is not under node_modules, and a copy must not depend on another module's constants.
        guardrails: {
          allowedCountries: get("allowedCountries"),
          maxMonthlyFee: get("maxMonthlyFee"),
          maxSetupFee: get("maxSetupFee"),
          requireDeletionProtection: get("requireDeletionProtection"),
          maxNumbers: get("maxNumbers"),
          maxMonthlyTotal: get("maxMonthlyTotal"),
        },
      };
    },
    async check(olds, news) {
      return require("pulumi-vobiz/provider/runtime")[operations].check(this.settings, olds, news);
    },
    async diff(id, olds, news) {
      return require("pulumi-vobiz/provider/runtime")[operations].diff(id, olds, news);
    },
    async create(inputs) {
      return require("pulumi-vobiz/provider/runtime")[operations].create(this.settings, inputs);
    },
    async read(id, props) {
      return require("pulumi-vobiz/provider/runtime")[operations].read(this.settings, id, props);
    },
    async update(id, olds, news) {
      return require("pulumi-vobiz/provider/runtime")[operations].update(this.settings, id, olds, news);
    },
    async delete(id, props) {
      return require("pulumi-vobiz/provider/runtime")[operations].delete(this.settings, id, props);
    },
  };
}
