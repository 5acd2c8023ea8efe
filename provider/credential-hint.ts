import { UnauthorizedError } from "../sdk";

const HINT =
  " Credentials come from the stack config vobiz:authId and vobiz:authToken, or else from VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN. " +
  "`pulumi destroy` and `pulumi refresh` use the config recorded by the last `pulumi up`: after rotating the token, run `pulumi up` first, " +
  "or add --run-program so the current config is read.";

/**
 * Wraps provider operations so that a rejected credential says where credentials come from and why a
 * token rotated in the stack config is not yet seen by `destroy` or `refresh`.
 */
export function withCredentialHint<T extends Record<string, (...args: never[]) => Promise<unknown>>>(operations: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await operation(...args);
      } catch (error) {
        if (error instanceof UnauthorizedError) throw new Error(error.message + HINT, { cause: error });
        throw error;
      }
    };
  }
  return wrapped as T;
}
