import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from './roles';
import type { Principal } from './principal';

interface TokenEntry {
  role: Role;
  digest: Buffer;
  name: string;
}

export const TOKENS_FILE = 'api-tokens.json';

/** Bearer tokens by role. Only SHA-256 digests stay in memory; lookups compare in constant time. */
export class TokenRegistry {
  private constructor(private readonly entries: TokenEntry[]) {}

  /** `role:token,...` (docs/http-api.md "Access"); a token is 16 to 200 characters. */
  static fromSpec(spec: string): TokenRegistry {
    const entries = spec.split(',').map((item, index) => {
      const separator = item.indexOf(':');
      const role = item.slice(0, separator).trim();
      const token = item.slice(separator + 1).trim();
      if (separator < 0 || !(ROLES as readonly string[]).includes(role)) {
        throw new Error(`Invalid configuration: API_TOKENS entry ${index + 1} must be role:token with role one of ${ROLES.join(', ')}`);
      }
      if (token.length < 16 || token.length > 200) {
        throw new Error(`Invalid configuration: API_TOKENS entry ${index + 1} (${role}) must have a token of 16 to 200 characters`);
      }
      return entry(role as Role, token);
    });
    return new TokenRegistry(entries);
  }

  /**
   * No API_TOKENS: one strong token per role, made on first start and kept (owner-only) in the
   * data directory so that callers keep working across restarts.
   */
  static fromDataDir(dataDir: string): { registry: TokenRegistry; file: string; created: boolean } {
    const file = path.resolve(dataDir, TOKENS_FILE);
    let created = false;
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tokens = Object.fromEntries(ROLES.map((role) => [role, randomBytes(32).toString('base64url')]));
      fs.writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      created = true;
    }
    const tokens = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    const spec = ROLES.filter((role) => tokens[role]).map((role) => `${role}:${tokens[role]}`).join(',');
    return { registry: TokenRegistry.fromSpec(spec), file, created };
  }

  authenticate(token: string): Principal | null {
    const digest = sha256(token);
    let found: TokenEntry | null = null;
    // Visit every entry whatever matches, so timing says nothing about which token is close.
    for (const candidate of this.entries) {
      if (timingSafeEqual(candidate.digest, digest) && !found) found = candidate;
    }
    return found ? { role: found.role, tokenName: found.name } : null;
  }
}

function entry(role: Role, token: string): TokenEntry {
  const digest = sha256(token);
  return { role, digest, name: `${role}-${digest.toString('hex').slice(0, 8)}` };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
