import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TokenRegistry } from './token-registry';

describe('TokenRegistry', () => {
  it('authenticates configured tokens by role and names them without revealing them', () => {
    const registry = TokenRegistry.fromSpec('service:service-token-0123456789,finance:finance-token-0123456789');
    const principal = registry.authenticate('service-token-0123456789');
    expect(principal?.role).toBe('service');
    expect(principal?.tokenName).toMatch(/^service-[0-9a-f]{8}$/);
    expect(registry.authenticate('finance-token-0123456789')?.role).toBe('finance');
    expect(registry.authenticate('service-token-012345678')).toBeNull();
  });

  it.each(['service:short', 'boss:abcdefghijklmnopqrstuvwxyz', 'no-colon-here-abcdefghijklmnop', `admin:${'x'.repeat(201)}`])(
    'refuses the malformed spec %s naming API_TOKENS',
    (spec) => expect(() => TokenRegistry.fromSpec(spec)).toThrow(/API_TOKENS/),
  );

  it('generates one strong token per role once, owner-only, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-tokens-'));
    const first = TokenRegistry.fromDataDir(dir);
    expect(first.created).toBe(true);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    const tokens = JSON.parse(fs.readFileSync(first.file, 'utf8'));
    expect(Object.keys(tokens).sort()).toEqual(['admin', 'auditor', 'finance', 'service']);
    expect(tokens.admin.length).toBeGreaterThanOrEqual(40);
    const second = TokenRegistry.fromDataDir(dir);
    expect(second.created).toBe(false);
    expect(second.registry.authenticate(tokens.auditor)?.role).toBe('auditor');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
