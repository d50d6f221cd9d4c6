import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { attachPrincipal } from './principal';
import { PUBLIC_KEY, ROLES_KEY, type Role } from './roles';
import { TokenRegistry } from './token-registry';

export const TOKEN_REGISTRY = Symbol('TOKEN_REGISTRY');

/** Thrown for 401/403; the HTTP layer maps `status` and `code` to problem+json. */
export class AccessDeniedError extends Error {
  constructor(readonly status: 401 | 403, readonly code: 'unauthenticated' | 'forbidden', message: string) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}

/** Global guard: every route needs a bearer token of an allowed role unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Inject(TOKEN_REGISTRY) private readonly tokens: TokenRegistry) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AccessDeniedError(401, 'unauthenticated', 'Send Authorization: Bearer <token>.');
    const principal = this.tokens.authenticate(token);
    if (!principal) throw new AccessDeniedError(401, 'unauthenticated', 'The bearer token is not valid.');
    // Routes without @Roles are admin-only: forgetting the decorator must not open a route.
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new AccessDeniedError(403, 'forbidden', `The ${principal.role} role may not use this endpoint.`);
    }
    attachPrincipal(request, principal);
    return true;
  }
}
