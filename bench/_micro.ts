/* Micro-costs of per-command steps, CPU time per call (process.cpuUsage), not wall time. */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { createValidationPipe } from '@app/api/http/validation';
import { PlaceOrderDto } from '@app/api/orders/placing/place-order.dto';
import { canonicalJson, chainEvents, GENESIS_HASH } from '@app/audit';
import { placeOrderBody } from './lib/orders';

async function cpuPerCall(name: string, n: number, fn: (i: number) => unknown | Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(2000, n); i += 1) await fn(i);
  const start = process.cpuUsage();
  for (let i = 0; i < n; i += 1) await fn(i);
  const used = process.cpuUsage(start);
  console.log(`${name.padEnd(48)} ${((used.user + used.system) / n).toFixed(1)} µs CPU per call`);
}

(async () => {
  const pipe = createValidationPipe();
  const body = placeOrderBody('o-1', 1);
  await cpuPerCall('ValidationPipe(PlaceOrderDto) [class-validator]', 5000, () => pipe.transform(JSON.parse(JSON.stringify(body)), { type: 'body', metatype: PlaceOrderDto, data: undefined }));
  await cpuPerCall('JSON.parse of the body (for scale)', 20000, () => JSON.parse(JSON.stringify(body)));
  const event = { eventId: '00000000-0000-4000-8000-000000000000', type: 'OrderPlaced', data: body, metadata: { actor: { type: 'token', role: 'service', tokenName: 'x' }, correlationId: 'c', causationId: 'c', occurredAt: new Date().toISOString(), schemaVersion: 2, policyVersion: 1, requestHash: 'x'.repeat(64) } };
  await cpuPerCall('chainEvents (canonical JSON + SHA-256), 1 event', 20000, () => chainEvents([event as never], GENESIS_HASH));
  await cpuPerCall('canonicalJson of the body alone', 20000, () => canonicalJson(body));
  await cpuPerCall('JSON.stringify + sha256 (no key sorting)', 20000, () => createHash('sha256').update(JSON.stringify(body)).digest('hex'));
})();

(async () => {
  await new Promise((r) => setTimeout(r, 3000));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv');
  const ajv = new Ajv({ allErrors: false, removeAdditional: false });
  const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' };
  const str = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
  const schema = {
    type: 'object', additionalProperties: false, required: ['customer', 'channel', 'currency', 'lines', 'shippingFee', 'payment', 'shippingAddress'],
    properties: {
      orderId: id,
      customer: { type: 'object', additionalProperties: false, required: ['id', 'email', 'name', 'registered'], properties: { id, email: { type: 'string', maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' }, name: str(200), registered: { type: 'boolean' } } },
      channel: { enum: ['web', 'app', 'marketplace', 'phone'] }, currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      lines: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', additionalProperties: false, required: ['lineId', 'sku', 'name', 'quantity', 'unitPrice', 'category'], properties: { lineId: id, sku: str(64), name: str(200), quantity: { type: 'integer', minimum: 1, maximum: 1000 }, unitPrice: { type: 'integer', minimum: 0 }, category: { enum: ['physical', 'digital', 'custom'] } } } },
      shippingFee: { type: 'integer', minimum: 0 },
      payment: { type: 'object', additionalProperties: false, required: ['method'], properties: { method: { enum: ['card', 'debit', 'gpay', 'paypal', 'wallet', 'bank_transfer'] }, processingFee: { type: 'integer', minimum: 0 } } },
      shippingAddress: { type: 'object', additionalProperties: false, required: ['name', 'line1', 'city', 'postalCode', 'country'], properties: { name: str(200), line1: str(200), line2: str(200), city: str(100), postalCode: str(20), country: { type: 'string', pattern: '^[A-Z]{2}$' } } },
    },
  };
  const validate = ajv.compile(schema);
  const body = placeOrderBody('o-1', 1);
  if (!validate(JSON.parse(JSON.stringify(body)))) throw new Error(JSON.stringify(validate.errors));
  await cpuPerCall('ajv-compiled JSON schema of the same body', 20000, () => validate(JSON.parse(JSON.stringify(body))));
})();
