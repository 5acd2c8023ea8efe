/**
 * What the serialized providers load at run time, by package name (`pulumi-vobiz/provider/runtime`).
 * Keeping the logic here rather than in the provider closure keeps `__provider` in state small and
 * free of secrets, and lets a package upgrade reach existing resources without an update. This path, and
 * those of `phone-number-provider` and `sub-account-assignment-provider`, are written into the state of
 * every existing resource, so they keep their names.
 */
export { phoneNumberOperations } from "./phone-number/operations";
export { subAccountAssignmentOperations } from "./sub-account-assignment/operations";
