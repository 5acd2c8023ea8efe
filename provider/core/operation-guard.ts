import { UnauthorizedError, VobizError } from "../../sdk";
import { Refusal } from "./refusal";
import { currentSession } from "../session/deployment-session";

const CREDENTIAL_HINT =
  " Credentials come from the stack config vobiz:authId and vobiz:authToken, or else from VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN. " +
  "`pulumi destroy` and `pulumi refresh` use the config recorded by the last `pulumi up`: after rotating the token, run `pulumi up` first, " +
  "or add --run-program so the current config is read.";

// The dynamic-provider host prints `${error}: ${error.stack}` to stderr when check, diff, read or delete
// fail, and the engine shows that text as a second, stack-level copy of the message the resource already
// reports. For an error raised on purpose that copy is noise; a bug keeps its stack trace. The host offers
// no hook to report an error without printing it, and prints with `console.error`, so the only place to drop
// the copy is there: the filter drops exactly the text the host makes of an error this module saw thrown,
// and passes everything else through.
const HOST_PRINTS_ERRORS_OF = new Set(["check", "diff", "read", "delete"]);

// The operations that take one of the engine's parallel slots while they run (see session/registrations.ts).
const STEPS = new Set(["create", "update", "delete"]);

// One failure may reach several calls (reads of one refresh share a listing), and the host prints it for each.
const hostReportsToDrop = new Map<string, number>();
let stderrFilterInstalled = false;

/**
 * Wraps the provider methods of one resource type. A rejected credential says where credentials come
 * from and why a token rotated in the stack config is not yet seen by `destroy` or `refresh`; an error
 * the provider raises on purpose (a refusal, a Vobiz error) is reported once, by the engine, without
 * the host's duplicate and its stack trace. Creates, updates and deletes are counted while they run, for
 * picks by criteria that wait on the engine.
 */
export function guardOperations<T extends Record<string, (...args: never[]) => Promise<unknown>>>(operations: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await (STEPS.has(name) ? currentSession().registrations.runningStep(() => operation(...args)) : operation(...args));
      } catch (caught) {
        const error = caught instanceof UnauthorizedError ? new Refusal(caught.message + CREDENTIAL_HINT) : caught;
        if (HOST_PRINTS_ERRORS_OF.has(name) && isRaisedOnPurpose(error)) dropHostReport(error);
        throw error;
      }
    };
  }
  return wrapped as T;
}

function isRaisedOnPurpose(error: unknown): error is Error {
  return error instanceof Refusal || error instanceof VobizError;
}

function dropHostReport(error: Error): void {
  installStderrFilter();
  const report = `${error}: ${error.stack}`;
  hostReportsToDrop.set(report, (hostReportsToDrop.get(report) ?? 0) + 1);
}

function installStderrFilter(): void {
  if (stderrFilterInstalled) return;
  stderrFilterInstalled = true;
  const print = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const pending = args.length === 1 && typeof args[0] === "string" ? hostReportsToDrop.get(args[0]) : undefined;
    if (pending === undefined) return print(...args);
    if (pending > 1) hostReportsToDrop.set(args[0] as string, pending - 1);
    else hostReportsToDrop.delete(args[0] as string);
  };
}
