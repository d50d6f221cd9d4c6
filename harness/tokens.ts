/** The one set of API tokens every test and benchmark starts the service with. */
export const TOKENS = {
  service: 'service-token-for-tests-0001',
  auditor: 'auditor-token-for-tests-0001',
  finance: 'finance-token-for-tests-0001',
  admin: 'admin-token-for-tests-00001',
} as const;

export type TestRole = keyof typeof TOKENS;

/** API_TOKENS as the service reads it. */
export const API_TOKENS = Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(',');

export const bearer = (role: TestRole) => ({ authorization: `Bearer ${TOKENS[role]}` });
