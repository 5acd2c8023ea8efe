import type { ApiRequester } from "../api-requester";
import { paths } from "../paths";
import { requireId } from "../request-params";

// Where an owned number's calls go: a SIP trunk group or a voice application, never both. Each function
// is the request behind the `VobizClient` method of the same name and fails as that method says.

/** `POST …/numbers/{e164}/assign`. */
export async function assignTrunk(api: ApiRequester, e164: string, trunkGroupId: string): Promise<void> {
  const trunk = requireId("trunkGroupId", trunkGroupId);
  await api.call(
    {
      method: "POST",
      path: paths.trunk(api.authId, e164),
      body: { trunk_group_id: trunk },
      action: `Assigning ${e164} to trunk ${trunk}`,
      hints: {
        400: `A number is routed to one trunk or one application: unassign its trunk or detach its application first.`,
        404: `${api.authId} must own ${e164}, and trunk ${trunk} must exist.`,
      },
    },
    api.budget(),
  );
}

/** `DELETE …/numbers/{e164}/assign`. */
export async function unassignTrunk(api: ApiRequester, e164: string): Promise<void> {
  await api.call(
    {
      method: "DELETE",
      path: paths.trunk(api.authId, e164),
      action: `Removing ${e164} from its trunk`,
      hints: {
        400: `${e164} is not on a trunk, so there is nothing to remove.`,
        404: `${api.authId} must own ${e164}.`,
      },
    },
    api.budget(),
  );
}

/** `POST …/numbers/{e164}/application`. */
export async function attachApplication(api: ApiRequester, e164: string, applicationId: string): Promise<void> {
  const app = requireId("applicationId", applicationId);
  await api.call(
    {
      method: "POST",
      path: paths.application(api.authId, e164),
      body: { application_id: app },
      action: `Attaching ${e164} to application ${app}`,
      hints: {
        400: `A number is routed to one trunk or one application: unassign ${e164} from its trunk first.`,
        404: `${api.authId} must own ${e164}, and application ${app} must exist.`,
      },
    },
    api.budget(),
  );
}

/** `DELETE …/numbers/{e164}/application`. */
export async function detachApplication(api: ApiRequester, e164: string): Promise<void> {
  await api.call(
    {
      method: "DELETE",
      path: paths.application(api.authId, e164),
      action: `Detaching ${e164} from its application`,
      hints: {
        400: `${e164} has no application, so there is nothing to detach.`,
        404: `${api.authId} must own ${e164}.`,
      },
    },
    api.budget(),
  );
}
