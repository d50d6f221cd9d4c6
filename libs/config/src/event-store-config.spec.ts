import { ConfigError, loadConfig } from './app-config';

// Every form the EventStoreDB client's own parser accepts must start; nothing else may.
describe('EVENT_STORE_URL', () => {
  it.each([
    ['single node', 'esdb://localhost:2113?tls=false'],
    ['single node, default port', 'esdb://eventstore'],
    ['cluster seeds', 'esdb://node1:2113,node2:2113,node3:2113?tls=true'],
    ['DNS discovery', 'esdb+discover://cluster.example.com:2113'],
    ['credentials', 'esdb://orders:s3cr%40t@localhost:2113?tls=true'],
    ['options', 'esdb://node1:2113,node2:2113?tls=true&nodePreference=leader&maxDiscoverAttempts=5&discoveryInterval=200&gossipTimeout=3&defaultDeadline=5000&keepAliveInterval=10000&connectionName=orders'],
    ['trailing slash', 'esdb://localhost:2113/?tls=false'],
  ])('accepts %s: %s', (_form, value) => {
    expect(loadConfig({ EVENT_STORE_URL: value }).eventStoreUrl).toBe(value);
  });

  it.each([
    ['a scheme client 6.2.1 cannot parse', 'kurrentdb://localhost:2113?tls=false'],
    ['its short form', 'kdb://localhost:2113'],
    ['http', 'http://localhost:2113'],
    ['no host', 'esdb://'],
    ['a bad port', 'esdb://localhost:http'],
    ['a bad boolean', 'esdb://localhost:2113?tls=maybe'],
    ['a bad node preference', 'esdb://a:2113,b:2113?nodePreference=fastest'],
    ['a non-numeric option', 'esdb://a:2113?maxDiscoverAttempts=many'],
    ['a missing CA file', 'esdb://localhost:2113?tls=true&tlsCAFile=/nonexistent/ca.crt'],
    ['not a URL', 'not a url'],
  ])('refuses %s, naming EVENT_STORE_URL', (_form, value) => {
    expect(() => loadConfig({ EVENT_STORE_URL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ EVENT_STORE_URL: value })).toThrow(/^Invalid configuration: EVENT_STORE_URL /);
  });

  it('never echoes the connection string (it may hold a password)', () => {
    expect(() => loadConfig({ EVENT_STORE_URL: 'esdb://orders:hunter2@localhost:2113?tls=perhaps' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('has bounded defaults for reads and cluster discovery, and reads them from the environment', () => {
    expect(loadConfig({}).eventStore).toEqual({ readTimeoutMs: 10_000, maxDiscoverAttempts: 3, discoveryIntervalMs: 500, gossipTimeoutSeconds: 2 });
    const env = { EVENT_STORE_READ_TIMEOUT_MS: '2500', EVENT_STORE_MAX_DISCOVER_ATTEMPTS: '5', EVENT_STORE_DISCOVERY_INTERVAL_MS: '100', EVENT_STORE_GOSSIP_TIMEOUT_S: '1' };
    expect(loadConfig(env).eventStore).toEqual({ readTimeoutMs: 2500, maxDiscoverAttempts: 5, discoveryIntervalMs: 100, gossipTimeoutSeconds: 1 });
    expect(() => loadConfig({ EVENT_STORE_MAX_DISCOVER_ATTEMPTS: '0' })).toThrow(/EVENT_STORE_MAX_DISCOVER_ATTEMPTS/);
    expect(() => loadConfig({ EVENT_STORE_READ_TIMEOUT_MS: 'soon' })).toThrow(/EVENT_STORE_READ_TIMEOUT_MS/);
  });
});
