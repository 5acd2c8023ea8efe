import { phoneNumberSchema, type PhoneNumber } from "../../sdk/schemas";
import type { Deployment, PendingOperation, StateResource } from "../../recover/stack-deployment";

// Deployments and listings for the plan's tests, shaped as `pulumi stack export` and the Vobiz listing give them.

export const MASTER = "MA_PLAN0001";
export const SUB = "SA_PLAN0001";
const STACK = "urn:pulumi:dev::pool::pulumi:pulumi:Stack::pool-dev";
const PROVIDER = "urn:pulumi:dev::pool::pulumi:providers:pulumi-nodejs::default";
const SERIALIZED = 'exports.handler = __f0;\nconst provider = require("pulumi-vobiz/provider/phone-number-provider");\n';

/** The window start the tests use: numbers bought from here on count as the interrupted update's. */
export const WINDOW = new Date("2026-03-25T06:00:00Z");

export function urnOf(name: string, type = "PhoneNumber"): string {
  return `urn:pulumi:dev::pool::pulumi-nodejs:dynamic/vobiz:${type}::${name}`;
}

/** A number as the account's listing shows it; bought 10 minutes into the window unless said otherwise. */
export function listed(e164: string, fields: Record<string, unknown> = {}): PhoneNumber {
  return phoneNumberSchema.parse({
    id: `id-${e164.slice(1)}`,
    account_id: MASTER,
    e164,
    country: e164.startsWith("+91") ? "IN" : "US",
    region: "Karnataka",
    capabilities: { voice: true, sms: false, mms: false, fax: false },
    status: "active",
    setup_fee: 100,
    monthly_fee: 500,
    currency: "INR",
    purchased_at: "2026-03-25T06:10:00Z",
    ...fields,
  });
}

/** A pending create of a PhoneNumber with these inputs. */
export function numberCreate(name: string, inputs: Record<string, unknown>): PendingOperation {
  return {
    type: "creating",
    resource: {
      urn: urnOf(name),
      custom: true,
      type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber",
      inputs: { __provider: SERIALIZED, ...inputs },
      parent: STACK,
      provider: `${PROVIDER}::0b2c`,
      propertyDependencies: Object.fromEntries(Object.keys(inputs).map((key) => [key, []])),
    },
  };
}

/** A pending create of a SubAccountAssignment of the number `phone` (a PhoneNumber's name) holds. */
export function assignmentCreate(name: string, phone: string, e164: string, subAccountId = SUB): PendingOperation {
  return {
    type: "creating",
    resource: {
      urn: urnOf(name, "SubAccountAssignment"),
      custom: true,
      type: "pulumi-nodejs:dynamic/vobiz:SubAccountAssignment",
      inputs: { __provider: SERIALIZED, e164, subAccountId },
      parent: STACK,
      provider: `${PROVIDER}::0b2c`,
      propertyDependencies: { e164: [urnOf(phone)], subAccountId: [] },
      dependencies: [urnOf(phone)],
    },
  };
}

/** A PhoneNumber the stack records, holding `e164`. */
export function recordedNumber(name: string, e164: string): StateResource {
  return { urn: urnOf(name), custom: true, type: "pulumi-nodejs:dynamic/vobiz:PhoneNumber", id: e164, parent: STACK, provider: `${PROVIDER}::0b2c`, outputs: { e164 } };
}

/** A deployment with the stack, its default provider, `resources` and `pending`. */
export function deployment(resources: StateResource[], pending: PendingOperation[]): Deployment {
  return {
    manifest: { time: "2026-03-25T06:20:00Z" },
    secrets_providers: { type: "passphrase", state: { salt: "v1:abc" } },
    resources: [
      { urn: STACK, custom: false, type: "pulumi:pulumi:Stack" },
      { urn: PROVIDER, custom: true, id: "0b2c", type: "pulumi:providers:pulumi-nodejs", parent: STACK },
      ...resources,
    ],
    pending_operations: pending,
  };
}

const PLUGIN_PROVIDER = "urn:pulumi:dev::pool::pulumi:providers:vobiz::default_0_1_0";

/** The URN of a resource of the `vobiz` plugin. */
export function pluginUrnOf(name: string, type = "PhoneNumber"): string {
  return `urn:pulumi:dev::pool::vobiz:index:${type}::${name}`;
}

/**
 * The same resource as the `vobiz` plugin records it: the plugin's type token in its type, URN and
 * dependencies, no `__provider` in its inputs, and the plugin's default provider.
 */
export function asPlugin(resource: StateResource): StateResource {
  const toPlugin = (urn: string): string => urn.replace("pulumi-nodejs:dynamic/vobiz:", "vobiz:index:");
  const { __provider: _provider, ...inputs } = resource.inputs ?? {};
  const { dependencies, propertyDependencies } = resource;
  return {
    ...resource,
    urn: toPlugin(resource.urn),
    type: toPlugin(resource.type),
    ...(resource.inputs && { inputs }),
    provider: `${PLUGIN_PROVIDER}::5e1d`,
    ...(dependencies && { dependencies: dependencies.map(toPlugin) }),
    ...(propertyDependencies && { propertyDependencies: Object.fromEntries(Object.entries(propertyDependencies).map(([key, urns]) => [key, urns.map(toPlugin)])) }),
  };
}

/** The same pending operation as the `vobiz` plugin leaves it (see asPlugin). */
export function asPluginOperation(operation: PendingOperation): PendingOperation {
  return { ...operation, resource: asPlugin(operation.resource) };
}

/** A deployment of the `vobiz` plugin with the stack, the plugin's default provider, `resources` and `pending`. */
export function pluginDeployment(resources: StateResource[], pending: PendingOperation[]): Deployment {
  const stack = deployment([], []);
  return {
    ...stack,
    resources: [
      ...stack.resources.filter((r) => r.type === "pulumi:pulumi:Stack"),
      { urn: PLUGIN_PROVIDER, custom: true, id: "5e1d", type: "pulumi:providers:vobiz", parent: STACK, inputs: { version: "0.1.0" } },
      ...resources,
    ],
    pending_operations: pending,
  };
}
