import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', mode: 'all', logLevel: 'info', businessTimeZone: 'UTC', slaTickMs: 5000, testClock: false, holidays: [] });
    expect(config.databaseUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['MODE', 'both'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://x'],
    ['EVENT_STORE_URL', 'not a url'],
    ['HOLIDAYS', '2026-12-25,25/12/2026'],
    ['BUSINESS_TZ', 'Mars/Olympus'],
    ['TEST_CLOCK', 'maybe'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('reads calendar settings', () => {
    const config = loadConfig({ HOLIDAYS: '2026-12-25, 2027-01-01', BUSINESS_TZ: 'Europe/Paris', TEST_CLOCK: '1' });
    expect(config.holidays).toEqual(['2026-12-25', '2027-01-01']);
    expect(config.businessTimeZone).toBe('Europe/Paris');
    expect(config.testClock).toBe(true);
  });
});
