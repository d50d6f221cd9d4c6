import 'reflect-metadata';
import { Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { ROLES_KEY } from '@app/auth';
import type { EditChange, OrderCommand } from '@app/ordering';
import { OrderEditPreviewer } from './changes/order-edit-previewer';
import { OrderCommandSender } from './shared/order-command-sender';
import { ProblemFilter } from '../http/problem.filter';
import { createValidationPipe } from '../http/validation';
import { ORDER_COMMAND_CONTROLLERS } from './orders-commands.module';
import { ID_PATTERN } from './shared/fields';
import { TrackingLinks } from '../tracking/tracking-links';

/** Every command route (docs/http-api.md "Writes"; the full list is the OpenAPI description). */
const ROUTE_COUNT = 22;

/** The controllers over real Fastify and the real validation pipe; the sender is replaced by a recorder. */
describe('order command routes', () => {
  let app: NestFastifyApplication;
  const sent: OrderCommand[] = [];
  const previewed: Array<{ orderId: string; editId: string; changes: EditChange[] }> = [];

  beforeAll(async () => {
    const sender = {
      send: async (command: OrderCommand) => {
        sent.push(command);
        return { orderId: command.orderId, revision: 1, position: '42', events: ['Something'] };
      },
    };
    // Previews are recorded like commands: what the route hands on is what this spec checks.
    const previewer = {
      preview: async (orderId: string, editId: string, changes: EditChange[]) => {
        previewed.push({ orderId, editId, changes });
        return { editId, before: { goodsTotal: 1, total: 2 }, after: { goodsTotal: 3, total: 4 }, balanceDue: 2, refundDue: 0 };
      },
    };
    const moduleRef = await Test.createTestingModule({
      controllers: ORDER_COMMAND_CONTROLLERS,
      providers: [
        { provide: OrderCommandSender, useValue: sender },
        { provide: OrderEditPreviewer, useValue: previewer },
        // The links' own table is covered by test/tracking; here only that POST /orders answers one.
        { provide: TrackingLinks, useValue: { ensure: async (orderId: string) => `http://localhost:3000/track/link-of-${orderId}` } },
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());
  beforeEach(() => {
    sent.splice(0);
    previewed.splice(0);
  });

  const post = (url: string, payload: object, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload, headers });

  const order = {
    customer: { id: 'c-42', registered: true },
    channel: 'web',
    currency: 'EUR',
    lines: [{ sku: 'KB-01', name: 'Keyboard', quantity: 2, unitPrice: 4999, category: 'physical' }],
    shippingFee: 500,
    payment: { method: 'card', processingFee: 150 },
    shippingAddress: { name: 'Ana', line1: '1 Main St', line2: null, city: 'Lyon', postalCode: '69001', country: 'FR' },
  };

  const ROUTES: Array<[string, object, OrderCommand]> = [
    ['/orders/o1/payment/confirm', { transactionId: 't1', amount: 10648 }, { type: 'ConfirmPayment', orderId: 'o1', transactionId: 't1', amount: 10648 }],
    ['/orders/o1/payment/fail', { reason: 'declined' }, { type: 'FailPayment', orderId: 'o1', reason: 'declined' }],
    ['/orders/o1/cancel', { reason: 'changed mind', by: 'customer' }, { type: 'CancelOrder', orderId: 'o1', reason: 'changed mind', by: 'customer' }],
    ['/orders/o1/shipments', { shipmentId: 's1', lineIds: ['1'], carrier: 'DHL', trackingNumber: 'T1' },
      { type: 'DispatchShipment', orderId: 'o1', shipmentId: 's1', lineIds: ['1'], carrier: 'DHL', trackingNumber: 'T1' }],
    ['/orders/o1/lines/2/delivered', {}, { type: 'MarkItemDelivered', orderId: 'o1', lineId: '2' }],
    ['/orders/o1/lines/2/delivered', { deliveredAt: '2025-03-01T14:30:00Z' },
      { type: 'MarkItemDelivered', orderId: 'o1', lineId: '2', deliveredAt: '2025-03-01T14:30:00Z' }],
    ['/orders/o1/lines/2/delivery-failed', { reason: 'lost' }, { type: 'MarkItemDeliveryFailed', orderId: 'o1', lineId: '2', reason: 'lost' }],
    ['/orders/o1/replacements', { shipmentId: 's2', lineIds: ['2'], carrier: 'UPS', trackingNumber: 'T2', returnId: 'r1' },
      { type: 'ShipReplacement', orderId: 'o1', shipmentId: 's2', lineIds: ['2'], carrier: 'UPS', trackingNumber: 'T2', returnId: 'r1' }],
    ['/orders/o1/receipt', {}, { type: 'ConfirmReceipt', orderId: 'o1', by: 'buyer' }],
    ['/orders/o1/receipt', { lineIds: ['1'] }, { type: 'ConfirmReceipt', orderId: 'o1', lineIds: ['1'], by: 'buyer' }],
    ['/orders/o1/returns', { returnId: 'r1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund', note: null },
      { type: 'RequestReturn', orderId: 'o1', returnId: 'r1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' }],
    ['/orders/o1/returns/r1/approve', {}, { type: 'ApproveReturn', orderId: 'o1', returnId: 'r1' }],
    ['/orders/o1/returns/r1/reject', { reason: 'late' }, { type: 'RejectReturn', orderId: 'o1', returnId: 'r1', reason: 'late' }],
    ['/orders/o1/returns/r1/dispatch', { carrier: 'DHL', trackingNumber: 'T3', shippingCost: 690 },
      { type: 'DispatchReturn', orderId: 'o1', returnId: 'r1', carrier: 'DHL', trackingNumber: 'T3', shippingCost: 690 }],
    ['/orders/o1/returns/r1/receive', { inspection: 'passed', note: 'fine' },
      { type: 'ReceiveReturn', orderId: 'o1', returnId: 'r1', inspection: 'passed', note: 'fine' }],
    ['/orders/o1/returns/r1/repaired', { shipmentId: 's9', carrier: 'DHL', trackingNumber: 'T9' },
      { type: 'CompleteRepair', orderId: 'o1', returnId: 'r1', shipmentId: 's9', carrier: 'DHL', trackingNumber: 'T9' }],
    ['/orders/o1/refunds', { refundId: 'rf1', reason: 'goodwill', destination: 'wallet', amount: 300 },
      { type: 'IssueRefund', orderId: 'o1', refundId: 'rf1', reason: 'goodwill', destination: 'wallet', amount: 300 }],
    ['/orders/o1/refunds', { refundId: 'rf2', reason: 'delivery_failed', destination: 'original', lines: [{ lineId: '2', quantity: 1 }] },
      { type: 'IssueRefund', orderId: 'o1', refundId: 'rf2', reason: 'delivery_failed', destination: 'original', lines: [{ lineId: '2', quantity: 1 }] }],
    ['/orders/o1/complaints', { complaintId: 'c1', category: 'delivery', message: 'late' },
      { type: 'OpenComplaint', orderId: 'o1', complaintId: 'c1', category: 'delivery', message: 'late' }],
    ['/orders/o1/complaints/c1/respond', { message: 'sorry' }, { type: 'RespondToComplaint', orderId: 'o1', complaintId: 'c1', message: 'sorry' }],
    ['/orders/o1/complaints/c1/resolve', { resolution: 'voucher' }, { type: 'ResolveComplaint', orderId: 'o1', complaintId: 'c1', resolution: 'voucher' }],
    ['/orders/o1/complaints/c1/feedback', { satisfied: true }, { type: 'GiveComplaintFeedback', orderId: 'o1', complaintId: 'c1', satisfied: true }],
    ['/orders/o1/complaints/c1/feedback', { satisfied: false, comment: 'still broken' },
      { type: 'GiveComplaintFeedback', orderId: 'o1', complaintId: 'c1', satisfied: false, comment: 'still broken' }],
    ['/orders/o1/lines/2/cancel', { reason: 'out_of_stock' }, { type: 'CancelLine', orderId: 'o1', lineId: '2', reason: 'out_of_stock' }],
    ['/orders/o1/lines/2/cancel', { reason: 'customer_request', quantity: 1 }, { type: 'CancelLine', orderId: 'o1', lineId: '2', reason: 'customer_request', quantity: 1 }],
    ['/orders/o1/edits', { editId: 'e1', changes: [{ op: 'set_quantity', lineId: '1', quantity: 3 }], preview: false },
      { type: 'EditOrder', orderId: 'o1', editId: 'e1', changes: [{ op: 'set_quantity', lineId: '1', quantity: 3 }] }],
    ['/orders/o1/edits', {
      editId: 'e2',
      changes: [
        { op: 'replace_line', lineId: '2', line: { lineId: '3', sku: 'TB', name: 'Trackball', quantity: 1, unitPrice: 3500, category: 'physical' } },
        { op: 'set_shipping_address', shippingAddress: { ...order.shippingAddress, line1: '2 Rue Neuve' } },
      ],
    }, {
      type: 'EditOrder', orderId: 'o1', editId: 'e2',
      changes: [
        { op: 'replace_line', lineId: '2', line: { lineId: '3', sku: 'TB', name: 'Trackball', quantity: 1, unitPrice: 3500, category: 'physical' } },
        { op: 'set_shipping_address', shippingAddress: { name: 'Ana', line1: '2 Rue Neuve', city: 'Lyon', postalCode: '69001', country: 'FR' } },
      ],
    }],
    ['/orders/o1/refunds', { refundId: 'rf3', reason: 'edit', editId: 'e1', destination: 'original' },
      { type: 'IssueRefund', orderId: 'o1', refundId: 'rf3', reason: 'edit', editId: 'e1', destination: 'original' }],
  ];

  it.each(ROUTES)('POST %s %j sends one plain command and answers 200', async (url, body, command) => {
    const response = await post(url, body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ orderId: 'o1', revision: 1, position: '42', events: ['Something'] });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toStrictEqual(command);
  });

  it('POST /orders answers 201 with a plain command: no DTO instances, no absent keys, lineIds left to the decider', async () => {
    const response = await post('/orders', { ...order, orderId: '50001' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ orderId: '50001', revision: 1, position: '42', events: ['Something'], trackingUrl: 'http://localhost:3000/track/link-of-50001' });
    const { line2: _line2, ...address } = order.shippingAddress;
    expect(sent[0]).toStrictEqual({ type: 'PlaceOrder', ...order, orderId: '50001', shippingAddress: address });
  });

  it('POST /orders without orderId derives it from the Idempotency-Key, so a retry names the same order', async () => {
    await post('/orders', order, { 'idempotency-key': 'key-1' });
    await post('/orders', order, { 'idempotency-key': 'key-1' });
    await post('/orders', order, { 'idempotency-key': 'key-2' });
    const [first, retry, other] = sent.map((c) => c.orderId);
    expect(first).toMatch(/^o-[0-9a-f]{20}$/);
    expect(retry).toBe(first);
    expect(other).not.toBe(first);
  });

  it('POST /orders without orderId nor Idempotency-Key makes a fresh valid id each time', async () => {
    await post('/orders', order);
    await post('/orders', order);
    const [a, b] = sent.map((c) => c.orderId);
    expect(a).toMatch(ID_PATTERN);
    expect(b).not.toBe(a);
  });

  it('answers 400 problem+json for a bad id in the path and sends nothing', async () => {
    const response = await post('/orders/bad%20id/lines/-1/delivered', {});
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(response.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['lineId', 'orderId']);
    expect(sent).toHaveLength(0);
  });

  it('answers 400 with every field of a malformed body', async () => {
    const response = await post('/orders', { ...order, lines: [{ ...order.lines[0], quantity: 1.5 }], shippingFee: -1, extra: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'lines[0].quantity', 'shippingFee']);
    expect(sent).toHaveLength(0);
  });

  it('an edit with preview: true answers the preview and sends no command', async () => {
    const changes = [{ op: 'add_line', line: { lineId: '3', sku: 'TB', name: 'Trackball', quantity: 1, unitPrice: 3500, category: 'physical' } }];
    const response = await post('/orders/o1/edits', { editId: 'e1', changes, preview: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ editId: 'e1', before: { goodsTotal: 1, total: 2 }, after: { goodsTotal: 3, total: 4 }, balanceDue: 2, refundDue: 0 });
    expect(sent).toHaveLength(0);
    expect(previewed).toStrictEqual([{ orderId: 'o1', editId: 'e1', changes }]);
  });

  it('an edit change takes the fields of its op only, each required', async () => {
    const response = await post('/orders/o1/edits', {
      editId: 'e1',
      changes: [
        { op: 'set_quantity', lineId: '1' },
        { op: 'add_line', line: { lineId: '3', sku: 'TB', name: 'Trackball', quantity: 1, unitPrice: 3500, category: 'physical' }, quantity: 2 },
        { op: 'set_shipping_address' },
        { op: 'rename' },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect([...new Set(response.json().errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'changes[0].quantity', 'changes[1].op', 'changes[2].shippingAddress', 'changes[3].op',
    ]);
    expect(response.json().errors.find((e: { field: string }) => e.field === 'changes[1].op').message).toBe('quantity is not allowed with op add_line');
    const tooMany = await post('/orders/o1/edits', { editId: 'e1', changes: Array.from({ length: 21 }, () => ({ op: 'set_quantity', lineId: '1', quantity: 1 })) });
    expect(tooMany.json().errors.map((e: { field: string }) => e.field)).toEqual(['changes']);
    const badReason = await post('/orders/o1/lines/1/cancel', { reason: 'payment_timeout', quantity: 0 });
    expect([...new Set(badReason.json().errors.map((e: { field: string }) => e.field))].sort()).toEqual(['quantity', 'reason']);
    expect(sent).toHaveLength(0);
  });

  it('approve refuses any field', async () => {
    const response = await post('/orders/o1/returns/r1/approve', { approved: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'approved', message: 'property approved should not exist' }]);
  });

  it('every command route is for the service role', () => {
    const reflector = new Reflector();
    const handlers = ORDER_COMMAND_CONTROLLERS.flatMap((controller) =>
      Object.getOwnPropertyNames(controller.prototype)
        .filter((name) => name !== 'constructor')
        .map((name) => (controller.prototype as unknown as Record<string, () => unknown>)[name]));
    expect(handlers).toHaveLength(ROUTE_COUNT);
    for (const handler of handlers) expect(reflector.get(ROLES_KEY, handler)).toEqual(['service']);
  });

  describe('OpenAPI description', () => {
    let document: OpenAPIObject;
    beforeAll(() => {
      document = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build());
    });

    it('documents every command route', () => {
      const posts = Object.entries(document.paths).filter(([, item]) => item.post).map(([path]) => path).sort();
      expect(posts).toEqual([
        '/orders',
        '/orders/{orderId}/cancel',
        '/orders/{orderId}/complaints',
        '/orders/{orderId}/complaints/{complaintId}/feedback',
        '/orders/{orderId}/complaints/{complaintId}/resolve',
        '/orders/{orderId}/complaints/{complaintId}/respond',
        '/orders/{orderId}/edits',
        '/orders/{orderId}/lines/{lineId}/cancel',
        '/orders/{orderId}/lines/{lineId}/delivered',
        '/orders/{orderId}/lines/{lineId}/delivery-failed',
        '/orders/{orderId}/payment/confirm',
        '/orders/{orderId}/payment/fail',
        '/orders/{orderId}/receipt',
        '/orders/{orderId}/refunds',
        '/orders/{orderId}/replacements',
        '/orders/{orderId}/returns',
        '/orders/{orderId}/returns/{returnId}/approve',
        '/orders/{orderId}/returns/{returnId}/dispatch',
        '/orders/{orderId}/returns/{returnId}/receive',
        '/orders/{orderId}/returns/{returnId}/reject',
        '/orders/{orderId}/returns/{returnId}/repaired',
        '/orders/{orderId}/shipments',
      ]);
    });

    it('describes statuses, headers, security and the path ids', () => {
      const place = document.paths['/orders'].post!;
      expect(Object.keys(place.responses).sort()).toEqual(['201', '400', '401', '403', '409', '410', '412', '413', '422', '503']);
      const confirm = document.paths['/orders/{orderId}/payment/confirm'].post!;
      expect(Object.keys(confirm.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '410', '412', '413', '422', '503']);
      expect(confirm.security).toEqual([{ bearer: [] }]);
      const parameters = (confirm.parameters ?? []) as Array<{ name: string; in: string; schema?: { pattern?: string } }>;
      expect(parameters.filter((p) => p.in === 'header').map((p) => p.name).sort()).toEqual(['Idempotency-Key', 'If-Match', 'X-Correlation-Id']);
      expect(parameters.find((p) => p.in === 'path')).toMatchObject({ name: 'orderId', schema: { pattern: ID_PATTERN.source } });
      expect(confirm.responses['422']).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } });
    });

    it('carries the validation limits into the schemas', () => {
      const schemas = document.components!.schemas as Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[] }>;
      expect(schemas.PlaceOrderDto.properties.lines).toMatchObject({ type: 'array', minItems: 1, maxItems: 100 });
      expect(schemas.PlaceOrderDto.required).not.toContain('orderId');
      expect(schemas.OrderLineDto.properties.quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
      expect(schemas.ConfirmPaymentDto.properties.amount).toMatchObject({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
      expect(schemas.DispatchShipmentDto.properties.lineIds).toMatchObject({ items: { pattern: ID_PATTERN.source } });
      expect(schemas.PaymentDto.properties.method).toMatchObject({ allOf: [{ $ref: '#/components/schemas/PaymentMethod' }] });
      expect(schemas.CommandResultDto.required).toEqual(['orderId', 'revision', 'position', 'events']);
    });
  });
});
