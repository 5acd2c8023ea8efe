/**
 * The resource tokens the `vobiz` plugin serves, named after the dynamic resources they mirror. They live
 * outside `provider/plugin/` because `vobiz-onboard` writes them into import files, and the npm package
 * leaves the plugin's own code out.
 */
export const resourceTokens = {
  phoneNumber: "vobiz:index:PhoneNumber",
  subAccountAssignment: "vobiz:index:SubAccountAssignment",
} as const;
