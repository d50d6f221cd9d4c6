import { SetMetadata } from '@nestjs/common';

export const ROLES = ['service', 'auditor', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'om:roles';
export const PUBLIC_KEY = 'om:public';

/** Roles allowed on a route; `admin` is always allowed too. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No token needed (health, metrics, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
