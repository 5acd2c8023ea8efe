import { isoTime } from "../clock";
import { apiErrors } from "../errors";
import { COOL_OFF_MS } from "../lifecycle";
import { readBoolean } from "../query-params";
import { pathParam, stringField, type PublicHandler } from "./context";

/**
 * `POST /api/v1/account/{id}/numbers/{e164}/assign-subaccount` with `{sub_account_id}`: moves a
 * number the master account holds itself to one of its sub-accounts (204). Fails with 403 for
 * sub-account credentials, 400 when a sub-account already holds it, and 404 when the number is not
 * the caller's own or the sub-account is not its child.
 */
export const assignSubAccount: PublicHandler = (request) => {
  const { store, caller, body } = request;
  if (caller.parent_id !== null) return apiErrors.assignRequiresMaster;
  const subAccountId = stringField(body, "sub_account_id");
  if (subAccountId === undefined) return apiErrors.missingField("sub_account_id");

  const n = store.number(pathParam(request, "e164"));
  if (n !== undefined && n.owner !== null && store.isHeldByChildOf(caller.auth_id, n)) {
    return apiErrors.alreadyAssignedToSubAccount(n.owner);
  }
  const subAccount = store.account(subAccountId);
  if (n === undefined || n.owner !== caller.auth_id || subAccount?.parent_id !== caller.auth_id) {
    return apiErrors.numberOrSubAccountNotFound;
  }
  n.owner = subAccount.auth_id;
  n.updated_at = store.now();
  return { status: 204 };
};

/**
 * `DELETE /api/v1/account/{id}/numbers/{e164}/assign-subaccount?force=`: moves a number back from a
 * sub-account to the master account (204). A call strictly less than 15 days ago blocks it with
 * the documented 409, unless `force=true` comes from an admin, which also writes an audit row.
 * Fails with 403 for sub-account credentials or a non-admin force (checked first, cool-off or
 * not), and 404 when no sub-account of the caller holds the number.
 */
export const unassignSubAccount: PublicHandler = (request) => {
  const { store, caller, query } = request;
  if (caller.parent_id !== null) return apiErrors.unassignRequiresMaster;
  const force = readBoolean(query, "force");
  if (force === undefined) return apiErrors.notBoolean("force");
  if (force && !caller.admin) return apiErrors.forceRequiresAdmin;

  const n = store.number(pathParam(request, "e164"));
  if (n === undefined || n.owner === null || !store.isHeldByChildOf(caller.auth_id, n)) {
    return apiErrors.notAssignedToSubAccount;
  }
  const now = store.now();
  const coolOffUntil = n.last_call_at === null ? null : n.last_call_at + COOL_OFF_MS;
  const inCoolOff = coolOffUntil !== null && now < coolOffUntil;
  if (inCoolOff && !force) {
    return apiErrors.coolOffInEffect(isoTime(coolOffUntil), Math.ceil((coolOffUntil - now) / 1000));
  }
  if (force) {
    store.recordAudit({
      actor_account_id: caller.auth_id,
      e164: n.e164,
      from_account_id: n.owner,
      to_account_id: caller.auth_id,
      last_call_at: n.last_call_at,
      cool_off_until: inCoolOff ? coolOffUntil : null,
    });
  }
  n.owner = caller.auth_id;
  n.updated_at = now;
  return { status: 204 };
};
