import { runtimeProvider } from "./dynamic/dynamic-provider";

/**
 * The `SubAccountAssignment` provider, as the whole export of this module
 * (`pulumi-vobiz/provider/sub-account-assignment-provider`), so that a program using the installed package
 * serializes it as a `require` of this module (see dynamic/dynamic-provider.ts).
 */
export = runtimeProvider("subAccountAssignmentOperations");
