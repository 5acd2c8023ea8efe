import type { RecoveryPlan } from "./recovery-plan";
import { recordedResource } from "./recorded-resource";
import { resourceKindOf } from "./resource-families";
import type { StackExport } from "./stack-deployment";

/**
 * The deployment with the plan written in: each recorded create becomes a resource, after every resource it
 * depends on (numbers before the assignments that hand them on), and no pending operation is left, as
 * `pulumi stack import` would leave none anyway. Throws when the plan still has undecided creates, which only
 * `--assign` settles.
 */
export function recoveredDeployment(exported: StackExport, plan: RecoveryPlan, masterAccountId: string): StackExport {
  if (plan.undecided.length > 0) throw new Error("the plan has undecided pending creates; settle each with --assign before writing it");
  const recorded = [...plan.recorded].sort((a, b) => rank(a.operation.resource.type) - rank(b.operation.resource.type));
  return {
    ...exported,
    deployment: {
      ...exported.deployment,
      resources: [...exported.deployment.resources, ...recorded.map((r) => recordedResource(r.operation, r.number, masterAccountId))],
      pending_operations: [],
    },
  };
}

function rank(type: string): number {
  return resourceKindOf(type) === "phoneNumber" ? 0 : 1;
}
