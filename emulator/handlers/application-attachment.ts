import { apiErrors } from "../errors";
import { pathParam, stringField, type PublicHandler } from "./context";

/**
 * `POST /api/v1/Account/{id}/numbers/{e164}/application` with `{application_id}`: attaches a voice
 * application, replacing any previous one, and answers 200 with the documented body. The emulator keeps
 * no application registry, so the `application` object is synthesized from the id. Fails with 404
 * when the number is not the caller's, and 400 when the number is on a trunk.
 */
export const attachApplication: PublicHandler = (request) => {
  const { store, caller, body } = request;
  const applicationId = stringField(body, "application_id");
  if (applicationId === undefined) return apiErrors.missingField("application_id");
  const n = store.number(pathParam(request, "e164"));
  if (n === undefined || !store.canManage(caller, n)) return apiErrors.routingNumberNotFound;
  if (n.trunk_group_id !== null) return apiErrors.onTrunk;
  n.application_id = applicationId;
  n.updated_at = store.now();
  const accountId = pathParam(request, "accountId");
  return {
    status: 200,
    body: {
      message: "Number attached to application",
      number: n.e164,
      application: {
        app_id: applicationId,
        app_name: `application-${applicationId}`,
        answer_url: "",
        answer_method: "POST",
        hangup_url: "",
        hangup_method: "POST",
        default_number_app: false,
        resource_uri: `/v1/Account/${accountId}/Application/${applicationId}/`,
      },
    },
  };
};

/**
 * `DELETE /api/v1/Account/{id}/numbers/{e164}/application`: detaches the application (200). Fails
 * with 404 when the number is not the caller's, and 400 when it has no application.
 */
export const detachApplication: PublicHandler = (request) => {
  const { store, caller } = request;
  const n = store.number(pathParam(request, "e164"));
  if (n === undefined || !store.canManage(caller, n)) return apiErrors.routingNumberNotFound;
  if (n.application_id === null) return apiErrors.noApplication;
  n.application_id = null;
  n.updated_at = store.now();
  return { status: 200, body: { message: "Number detached successfully", number: n.e164 } };
};
