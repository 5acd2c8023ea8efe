import type { PhoneNumber as VobizNumber } from "../sdk";
import type { RecoveryPlan } from "./recovery-plan";
import { resourceName, type PendingOperation } from "./stack-deployment";
import type { WindowStart } from "./window-start";

/**
 * The plan in words, one line per pending operation and per unclaimed number: what is recorded as which
 * number and why, what is dropped because it changed nothing, what else is cleared, which creates are left
 * undecided (with their URNs, for `--assign`), and which numbers bought in the window nothing holds.
 */
export function planReport(plan: RecoveryPlan, stack: string, window: WindowStart): string[] {
  const pendingCreates = plan.recorded.length + plan.dropped.length + plan.undecided.reduce((n, u) => n + u.operations.length, 0);
  const since = window.since === undefined ? window.source : `numbers bought since ${window.since.toISOString()} (${window.source}) count as its purchases`;
  const lines = [`stack ${stack}: ${count(pendingCreates, "pending create")} of an interrupted update; ${since}.`];
  for (const r of plan.recorded) lines.push(`record ${name(r.operation)} as ${r.number.e164}: ${r.reason}`);
  for (const d of plan.dropped) lines.push(`drop   ${name(d.operation)}: ${d.reason}; the next \`pulumi up\` creates it`);
  for (const c of plan.cleared) lines.push(`clear  ${name(c)}: ${clearedBecause(c)}`);
  for (const u of plan.undecided) {
    lines.push(`undecided: ${u.reason}. Say which create bought which with --assign URN=E164 (or URN=none):`);
    for (const operation of u.operations) lines.push(`  create    ${operation.resource.urn}`);
    for (const number of u.candidates) lines.push(`  candidate ${number.e164} ${describeNumber(number)}`);
  }
  for (const number of plan.unclaimed) {
    lines.push(
      `unclaimed ${number.e164} ${describeNumber(number)}: held by no resource of the stack and bought by none of its pending creates. ` +
        `If this stack bought it, adopt it (a PhoneNumber with e164 "${number.e164}" and adopt: true) or release it; if not, leave it.`,
    );
  }
  return lines;
}

function name(operation: PendingOperation): string {
  return resourceName(operation.resource.urn);
}

function clearedBecause(operation: PendingOperation): string {
  if (operation.type !== "creating") {
    return `a pending ${operation.type} of a resource the stack records; writing the plan clears it, and \`pulumi up --refresh\` reads the resource afresh`;
  }
  return (
    `a pending create of ${operation.resource.type}, which is not a pulumi-vobiz resource: writing the plan drops it, as ` +
    "`pulumi refresh --clear-pending-creates` would; check by hand whether it created something"
  );
}

function describeNumber(number: VobizNumber): string {
  const routing = number.trunk_group_id ? `trunk ${number.trunk_group_id}` : number.application_id ? `application ${number.application_id}` : "not routed";
  return `(bought ${number.purchased_at ?? "at an unknown time"}, ${routing})`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}
