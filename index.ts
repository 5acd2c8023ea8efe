export { PhoneNumber, type PhoneNumberArgs } from "./provider/dynamic/phone-number";
export { SubAccountAssignment, type SubAccountAssignmentArgs } from "./provider/dynamic/sub-account-assignment";
export type { PhoneNumberInputs, PhoneNumberOutputs, ReleaseMode } from "./provider/phone-number/inputs";
export type { CoolOffRecord, SubAccountAssignmentInputs, SubAccountAssignmentOutputs } from "./provider/sub-account-assignment/inputs";
