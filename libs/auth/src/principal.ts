import type { Role } from './roles';

export interface Principal {
  role: Role;
  /** `<role>-<8 hex of the token's SHA-256>`: names the caller in events and logs without revealing the token. */
  tokenName: string;
}

const PRINCIPAL = Symbol('principal');

export function attachPrincipal(request: object, principal: Principal): void {
  (request as Record<symbol, Principal>)[PRINCIPAL] = principal;
}

export function principalOf(request: object): Principal {
  const principal = (request as Record<symbol, Principal | undefined>)[PRINCIPAL];
  if (!principal) throw new Error('No authenticated principal on this request (route missing the auth guard?)');
  return principal;
}
