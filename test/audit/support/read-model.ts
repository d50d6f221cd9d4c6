import type { OrderView } from '@app/ordering';
import type { TestApp } from '@app/harness';

/**
 * GET /orders/{orderId}?minPosition=, retried on 503 projection_lagging as docs/http-api.md "Reads" tells clients
 * to (Retry-After). On a shared test server the read model can lag for seconds for reasons of
 * its own: the gap rule's bound (pg_snapshot_xmin) is cluster-wide, so a transaction held open
 * in any other database (the event store's gap test does so on purpose) holds every projection back.
 */
export async function readModelAt(t: TestApp, orderId: string, position: string, attempts = 10): Promise<OrderView> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await t.http.get(`/orders/${orderId}?minPosition=${encodeURIComponent(position)}`).set(t.as('service'));
    if (response.status === 200) return response.body as OrderView;
    if (response.status !== 503 || attempt >= attempts) {
      throw new Error(`GET /orders/${orderId}?minPosition=${position}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  }
}
