import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';
import { withDiscoveryBounds } from './connection';

const bounds = { maxDiscoverAttempts: 3, discoveryIntervalMs: 500, gossipTimeoutSeconds: 2 };

describe('withDiscoveryBounds', () => {
  it('adds the configured bounds where the connection string sets none', () => {
    const url = withDiscoveryBounds('esdb://orders:pw@node1:2113,node2:2113?tls=true', bounds);
    expect(parseConnectionString(url)).toMatchObject({ maxDiscoverAttempts: 3, discoveryInterval: 500, gossipTimeout: 2, tls: true, defaultCredentials: { username: 'orders', password: 'pw' } });
    expect(parseConnectionString(withDiscoveryBounds('esdb+discover://cluster.example.com/', bounds))).toMatchObject({ dnsDiscover: true, maxDiscoverAttempts: 3 });
  });

  it('leaves what the connection string sets to it', () => {
    const url = withDiscoveryBounds('esdb://a:2113,b:2113?maxDiscoverAttempts=7&gossipTimeout=4', bounds);
    expect(parseConnectionString(url)).toMatchObject({ maxDiscoverAttempts: 7, discoveryInterval: 500, gossipTimeout: 4 });
    const full = 'esdb://a:2113?maxDiscoverAttempts=1&discoveryInterval=1&gossipTimeout=1';
    expect(withDiscoveryBounds(full, bounds)).toBe(full);
  });
});
