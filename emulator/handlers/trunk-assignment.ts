import { apiErrors } from "../errors";
import { pathParam, stringField, type PublicHandler } from "./context";

/**
 * `POST /api/v1/Account/{id}/numbers/{e164}/assign` with `{trunk_group_id}`: routes the number to a
 * SIP trunk (204). Fails with 404 (the trunk page's body) when the number is not the caller's or
 * its sub-account's, and 400 when it is already on a trunk or attached to an application.
 */
export const assignTrunk: PublicHandler = (request) => {
  const { store, caller, body } = request;
  const trunkGroupId = stringField(body, "trunk_group_id");
  if (trunkGroupId === undefined) return apiErrors.missingField("trunk_group_id");
  const n = store.number(pathParam(request, "e164"));
  if (n === undefined || !store.canManage(caller, n)) return apiErrors.routingNumberNotFound;
  if (n.trunk_group_id !== null) return apiErrors.alreadyOnTrunk;
  if (n.application_id !== null) return apiErrors.attachedToApplication;
  n.trunk_group_id = trunkGroupId;
  n.updated_at = store.now();
  return { status: 204 };
};

/**
 * `DELETE /api/v1/Account/{id}/numbers/{e164}/assign`: takes the number off its trunk (204).
 * Fails with 404 when the number is not the caller's, and 400 when it is on no trunk.
 */
export const unassignTrunk: PublicHandler = (request) => {
  const { store, caller } = request;
  const n = store.number(pathParam(request, "e164"));
  if (n === undefined || !store.canManage(caller, n)) return apiErrors.routingNumberNotFound;
  if (n.trunk_group_id === null) return apiErrors.notOnTrunk;
  n.trunk_group_id = null;
  n.updated_at = store.now();
  return { status: 204 };
};
