// Exact paths of the Vobiz API, relative to the base URL (which ends in `/api`).
// Casing differs by endpoint family on purpose: Vobiz answers a wrong casing
// with 404 (docs/api-notes.md "Paths and auth").

const account = (authId: string): string => `/v1/Account/${encodeURIComponent(authId)}`;
const accountLower = (authId: string): string => `/v1/account/${encodeURIComponent(authId)}`;
// E.164 in a path must carry `+` as `%2B`; encodeURIComponent does exactly that.
const number = (e164: string): string => `/numbers/${encodeURIComponent(e164)}`;

/** The path of each Vobiz endpoint the SDK calls. Pure string building; never throws. */
export const paths = {
  numbers: (authId: string) => `${account(authId)}/numbers`,
  inventory: (authId: string) => `${account(authId)}/inventory/numbers`,
  purchase: (authId: string) => `${account(authId)}/numbers/purchase-from-inventory`,
  release: (authId: string, e164: string) => `${account(authId)}${number(e164)}`,
  cancelRelease: (authId: string, e164: string) => `${accountLower(authId)}${number(e164)}/cancel-release`,
  subAccountAssignment: (authId: string, e164: string) =>
    `${accountLower(authId)}${number(e164)}/assign-subaccount`,
  trunk: (authId: string, e164: string) => `${account(authId)}${number(e164)}/assign`,
  application: (authId: string, e164: string) => `${account(authId)}${number(e164)}/application`,
  balance: (authId: string, currency: string) => `${account(authId)}/balance/${encodeURIComponent(currency)}`,
  // The list endpoint needs its trailing slash; the single-item one has none.
  subAccounts: (authId: string) => `/v1/accounts/${encodeURIComponent(authId)}/sub-accounts/`,
  subAccount: (authId: string, subAccountId: string) =>
    `/v1/accounts/${encodeURIComponent(authId)}/sub-accounts/${encodeURIComponent(subAccountId)}`,
} as const;
