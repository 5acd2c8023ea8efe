import type * as pulumi from "@pulumi/pulumi";
import type { ConfiguredSettings } from "./credentials";

type OperationsName = "phoneNumberOperations" | "subAccountAssignmentOperations";

interface RuntimeProvider extends pulumi.dynamic.ResourceProvider {
  settings?: ConfiguredSettings;
}

/**
 * The provider object Pulumi serializes into each resource's `__provider`. It captures nothing but the
 * name of its operations: credentials are read in `configure` (which never runs while the program
 * serializes), and the logic is loaded with a `require` by package name inside each method, because
 * everything a provider closure references is copied into state (and zod schemas cannot be).
 */
function runtimeProvider(operations: OperationsName): RuntimeProvider {
  return {
    async configure(request: pulumi.dynamic.ConfigureRequest) {
      this.settings = {
        authId: request.config.get("vobiz:authId"),
        authToken: request.config.get("vobiz:authToken"),
        baseUrl: request.config.get("vobiz:baseUrl"),
      };
    },
    async check(olds, news) {
      return require("pulumi-vobiz/provider/runtime")[operations].check(olds, news);
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

// One instance per resource type, so Pulumi serializes each provider once per deployment.
export const phoneNumberProvider = runtimeProvider("phoneNumberOperations");
export const subAccountAssignmentProvider = runtimeProvider("subAccountAssignmentOperations");
