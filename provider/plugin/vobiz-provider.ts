import type * as provider from "@pulumi/pulumi/provider";
import type { CheckFailure } from "../core/check-failures";
import type { ConfiguredSettings } from "../core/credentials";
import { Refusal } from "../core/refusal";
import { AlreadyOwnedRefusal } from "../phone-number/already-owned";
import type { DiffVerdict } from "../phone-number/diff";
import { phoneNumberOperations } from "../phone-number/operations";
import { subAccountAssignmentOperations } from "../sub-account-assignment/operations";
import type { PluginSettings } from "./configuration";
import { resourceTokens } from "../core/resource-tokens";
import { vobizSchema } from "./schema";
import { hasParentInUrn, nameOfUrn, typeOfUrn } from "./urn-parts";

/**
 * The shared operations of one resource type, as the plugin calls them. The parameters are `never` so that
 * each resource's own typed operations fit; the engine has checked the values they get (`check` first).
 */
interface ResourceOperations {
  check(settings: ConfiguredSettings, olds: unknown, news: Record<string, unknown>): Promise<{ inputs: unknown; failures: CheckFailure[] }>;
  diff(id: string, olds: never, news: never): Promise<DiffVerdict>;
  create(settings: ConfiguredSettings, inputs: never): Promise<{ id: string; outs: unknown }>;
  read(settings: ConfiguredSettings, id: string, props: never): Promise<{ id?: string; props?: unknown; inputs?: unknown }>;
  update(settings: ConfiguredSettings, id: string, olds: never, news: never): Promise<{ outs: unknown }>;
  delete(settings: ConfiguredSettings, id: string, props: never): Promise<void>;
}

const operationsByType: Record<string, ResourceOperations> = {
  [resourceTokens.phoneNumber]: phoneNumberOperations,
  [resourceTokens.subAccountAssignment]: subAccountAssignmentOperations,
};

function operationsFor(urn: string): ResourceOperations {
  const type = typeOfUrn(urn);
  const operations = operationsByType[type];
  if (operations === undefined) throw new Error(`The vobiz plugin has no resource type ${type}; it serves ${Object.keys(operationsByType).join(" and ")}.`);
  return operations;
}

/**
 * The `vobiz` resource plugin's provider: each method finds the resource type from the URN and calls the same
 * operations the dynamic resources call, with the settings the engine's `Configure` gave (see
 * configuration.ts). `read` returns inputs too, which is what lets `pulumi import` take over a number.
 */
export function vobizProvider(version: string, settings: PluginSettings): provider.Provider {
  const schema = JSON.stringify(vobizSchema(version));
  return {
    version,
    schema,
    async check(urn, olds, news) {
      return operationsFor(urn).check(settings.current, olds, news as Record<string, unknown>);
    },
    async diff(id, urn, olds, news) {
      return operationsFor(urn).diff(id, olds as never, news as never);
    },
    async create(urn, inputs) {
      try {
        return await operationsFor(urn).create(settings.current, inputs as never);
      } catch (error) {
        // Unlike a dynamic resource, a plugin resource can take over a number the account holds with `pulumi import`.
        if (error instanceof AlreadyOwnedRefusal) throw new Refusal(error.forPluginResource(nameOfUrn(urn), hasParentInUrn(urn)));
        throw error;
      }
    },
    async read(id, urn, props) {
      // Vobiz has nothing under this id any more: a blank id tells the engine to drop the resource.
      const result = await operationsFor(urn).read(settings.current, id, (isEmpty(props) ? undefined : props) as never);
      return { id: result.id ?? "", props: result.props ?? {}, ...(result.inputs === undefined ? {} : { inputs: result.inputs }) };
    },
    async update(id, urn, olds, news) {
      return operationsFor(urn).update(settings.current, id, olds as never, news as never);
    },
    async delete(id, urn, props) {
      await operationsFor(urn).delete(settings.current, id, props as never);
    },
  };
}

// An import reads with no recorded state, which the server passes as an empty object.
function isEmpty(props: unknown): boolean {
  return props === undefined || props === null || (typeof props === "object" && Object.keys(props).length === 0);
}
