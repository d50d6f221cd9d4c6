import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { MAX_LISTED_ERRORS, ProblemException, type Problem } from '../http/problem';
import { createValidationPipe, VALIDATOR_OPTIONS } from '../http/validation';
import { CancelOrderDto } from './cancelling/cancel-order.dto';
import { OpenComplaintDto } from './complaints/open-complaint.dto';
import { ResolveComplaintDto } from './complaints/resolve-complaint.dto';
import { RespondToComplaintDto } from './complaints/respond-to-complaint.dto';
import { ConfirmPaymentDto } from './payment/confirm-payment.dto';
import { FailPaymentDto } from './payment/fail-payment.dto';
import { PlaceOrderDto } from './placing/place-order.dto';
import { IssueRefundDto } from './refunds/issue-refund.dto';
import { ApproveReturnDto } from './returns/approve-return.dto';
import { DispatchReturnDto } from './returns/dispatch-return.dto';
import { ReceiveReturnDto } from './returns/receive-return.dto';
import { RejectReturnDto } from './returns/reject-return.dto';
import { RequestReturnDto } from './returns/request-return.dto';
import { OrderComplaintParams, OrderIdParams, OrderLineParams, OrderReturnParams } from './shared/params.dto';
import { ConfirmReceiptDto } from './shipping/confirm-receipt.dto';
import { DispatchShipmentDto } from './shipping/dispatch-shipment.dto';
import { MarkItemDeliveredDto } from './shipping/mark-item-delivered.dto';
import { MarkItemDeliveryFailedDto } from './shipping/mark-item-delivery-failed.dto';
import { ShipReplacementDto } from './shipping/ship-replacement.dto';

type Dto = new () => object;

/** The options of the global ValidationPipe (apps/api/src/http/validation.ts). */
const PIPE_OPTIONS = VALIDATOR_OPTIONS;

/** Field paths in the same notation as the problem+json `errors` list: `lines[0].quantity`. */
function fields(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    return [...(Object.keys(error.constraints ?? {}).length ? [field] : []), ...fields(error.children ?? [], field)];
  });
}

/** Sorted, since the order of class-validator's errors follows decorator registration. */
async function invalidFields(dto: Dto, body: unknown): Promise<string[]> {
  return fields(await validate(plainToInstance(dto, body) as object, PIPE_OPTIONS)).sort();
}

const placeOrder = () => ({
  orderId: '50001',
  customer: { id: 'c-42', email: 'ana@example.com', name: 'Ana', registered: true },
  channel: 'web',
  currency: 'EUR',
  lines: [{ lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 2, unitPrice: 4999, category: 'physical' }],
  shippingFee: 500,
  payment: { method: 'card', processingFee: 150 },
  shippingAddress: { name: 'Ana', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
});

/** The problem the global pipe answers for `body` (undefined when it passes). */
async function refusal(dto: Dto, body: unknown): Promise<Problem | undefined> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: dto, data: undefined });
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
}

const VALID: Array<[Dto, Record<string, unknown>]> = [
  [PlaceOrderDto, placeOrder()],
  [ConfirmPaymentDto, { transactionId: 'tx-1', amount: 10648 }],
  [FailPaymentDto, { reason: 'card_declined' }],
  [CancelOrderDto, { reason: 'customer_request', by: 'customer' }],
  [DispatchShipmentDto, { shipmentId: 's-1', lineIds: ['1', '2'], carrier: 'DHL', trackingNumber: 'JD01' }],
  [MarkItemDeliveredDto, { deliveredAt: '2025-03-01T14:30:00Z' }],
  [MarkItemDeliveredDto, {}],
  [MarkItemDeliveryFailedDto, { reason: 'address_issue' }],
  [ShipReplacementDto, { shipmentId: 's-2', lineIds: ['1'], carrier: 'DHL', trackingNumber: 'JD02', returnId: 'r-1' }],
  [ConfirmReceiptDto, { lineIds: ['1'] }],
  [ConfirmReceiptDto, {}],
  [RequestReturnDto, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'exchange', note: 'broken' }],
  [ApproveReturnDto, {}],
  [RejectReturnDto, { reason: 'window closed' }],
  [DispatchReturnDto, { carrier: 'La Poste', trackingNumber: '6A1', shippingCost: 690 }],
  [ReceiveReturnDto, { inspection: 'failed', note: 'scratched' }],
  [IssueRefundDto, { refundId: 'rf-1', reason: 'return', destination: 'original', returnId: 'r-1' }],
  [IssueRefundDto, { refundId: 'rf-2', reason: 'goodwill', destination: 'wallet', amount: 500 }],
  [IssueRefundDto, { refundId: 'rf-3', reason: 'delivery_failed', destination: 'original', lines: [{ lineId: '2', quantity: 1 }] }],
  [OpenComplaintDto, { complaintId: 'cmp-1', category: 'delivery', message: 'late' }],
  [RespondToComplaintDto, { message: 'sorry' }],
  [ResolveComplaintDto, { resolution: 'voucher sent' }],
  [OrderIdParams, { orderId: '50001' }],
  [OrderLineParams, { orderId: '50001', lineId: '1' }],
  [OrderReturnParams, { orderId: '50001', returnId: 'r-1' }],
  [OrderComplaintParams, { orderId: '50001', complaintId: 'cmp-1' }],
];

describe('command DTOs', () => {
  it.each(VALID)('%p accepts a valid body %j', async (dto, body) => {
    expect(await invalidFields(dto, body)).toEqual([]);
  });

  it('accepts an order without orderId, lineIds, optional customer fields or address', async () => {
    const { orderId: _orderId, shippingAddress: _address, ...body } = placeOrder();
    const order = { ...body, customer: { id: 'c-1', registered: false }, lines: [{ ...body.lines[0], lineId: undefined, category: 'digital' }] };
    expect(await invalidFields(PlaceOrderDto, order)).toEqual([]);
  });

  it('treats null optional fields as absent', async () => {
    expect(await invalidFields(ReceiveReturnDto, { inspection: 'passed', note: null })).toEqual([]);
  });

  describe('money', () => {
    it.each([
      ['a fraction', 10.5],
      ['a negative amount', -1],
      ['an integer beyond Number.MAX_SAFE_INTEGER', 2 ** 53],
      ['a huge number', 1e20],
      ['a numeric string', '100'],
      ['NaN', Number.NaN],
    ])('refuses %s', async (_, amount) => {
      expect(await invalidFields(ConfirmPaymentDto, { transactionId: 'tx-1', amount })).toEqual(['amount']);
    });

    it('accepts Number.MAX_SAFE_INTEGER and 0', async () => {
      expect(await invalidFields(ConfirmPaymentDto, { transactionId: 'tx-1', amount: Number.MAX_SAFE_INTEGER })).toEqual([]);
      expect(await invalidFields(ConfirmPaymentDto, { transactionId: 'tx-1', amount: 0 })).toEqual([]);
    });

    it('refuses fractional and negative fees and prices in an order', async () => {
      const order = placeOrder();
      order.shippingFee = 4.99;
      order.payment.processingFee = -150;
      order.lines[0].unitPrice = 49.99;
      expect(await invalidFields(PlaceOrderDto, order)).toEqual(['lines[0].unitPrice', 'payment.processingFee', 'shippingFee']);
    });

    it('refuses a goodwill amount of 0', async () => {
      expect(await invalidFields(IssueRefundDto, { refundId: 'rf-1', reason: 'goodwill', destination: 'original', amount: 0 })).toEqual(['amount']);
    });
  });

  describe('ids', () => {
    it.each(['', '-starts-with-dash', 'has space', 'a/b', '../etc', 'ü', 'x'.repeat(65), 42])('refuses %p', async (orderId) => {
      expect(await invalidFields(OrderIdParams, { orderId })).toEqual(['orderId']);
    });

    it('accepts 64 characters of letters, digits, "_", "." and "-"', async () => {
      expect(await invalidFields(OrderIdParams, { orderId: `A${'b_.-9'.repeat(12)}xyz` })).toEqual([]);
    });

    it('checks every id of a path', async () => {
      expect(await invalidFields(OrderLineParams, { orderId: 'o 1', lineId: '#1' })).toEqual(['lineId', 'orderId']);
      expect(await invalidFields(OrderReturnParams, { orderId: 'o1', returnId: '.r' })).toEqual(['returnId']);
      expect(await invalidFields(OrderComplaintParams, { orderId: 'o1', complaintId: 'c 1' })).toEqual(['complaintId']);
    });

    it('checks ids in bodies, lists and nested lines', async () => {
      expect(await invalidFields(ConfirmPaymentDto, { transactionId: 'tx 1', amount: 1 })).toEqual(['transactionId']);
      expect(await invalidFields(DispatchShipmentDto, { shipmentId: 's-1', lineIds: ['1', 'two words'], carrier: 'DHL', trackingNumber: 'T' }))
        .toEqual(['lineIds']);
      const order = placeOrder();
      order.lines[0].lineId = '?';
      expect(await invalidFields(PlaceOrderDto, { ...order, orderId: 'o?' })).toEqual(['lines[0].lineId', 'orderId']);
    });
  });

  describe('enums', () => {
    it('refuses an unknown payment method and category', async () => {
      const order = placeOrder();
      order.payment.method = 'bitcoin';
      order.lines[0].category = 'food';
      expect(await invalidFields(PlaceOrderDto, order)).toEqual(['lines[0].category', 'payment.method']);
    });

    it('refuses a cancellation by the system over HTTP', async () => {
      expect(await invalidFields(CancelOrderDto, { reason: 'customer_request', by: 'system' })).toEqual(['by']);
    });

    it.each(['payment_timeout', 'payment_failed'])('refuses the system-only reason %s over HTTP', async (reason) => {
      expect(await invalidFields(CancelOrderDto, { reason, by: 'customer' })).toEqual(['reason']);
    });

    it.each<[Dto, Record<string, unknown>, string]>([
      [MarkItemDeliveryFailedDto, { reason: 'stolen' }, 'reason'],
      [RequestReturnDto, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' }, 'reason'],
      [RequestReturnDto, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'credit' }, 'resolution'],
      [ReceiveReturnDto, { inspection: 'ok' }, 'inspection'],
      [IssueRefundDto, { refundId: 'rf-1', reason: 'late', destination: 'original' }, 'reason'],
      [IssueRefundDto, { refundId: 'rf-1', reason: 'goodwill', destination: 'bank', amount: 1 }, 'destination'],
      [OpenComplaintDto, { complaintId: 'c-1', category: 'price', message: 'm' }, 'category'],
    ])('%p refuses %j', async (dto, body, field) => {
      expect(await invalidFields(dto, body)).toEqual([field]);
    });
  });

  describe('shape', () => {
    it('refuses an extra field, at the top and nested', async () => {
      expect(await invalidFields(FailPaymentDto, { reason: 'x', retry: true })).toEqual(['retry']);
      const order = { ...placeOrder(), customer: { ...placeOrder().customer, vip: true } };
      expect(await invalidFields(PlaceOrderDto, order)).toEqual(['customer.vip']);
    });

    it('approve takes only {}', async () => {
      expect(await invalidFields(ApproveReturnDto, { note: 'ok' })).toEqual(['note']);
      expect(await invalidFields(ApproveReturnDto, { noFields: 1 })).toEqual(['noFields']);
    });

    it('refuses a missing required field, at the top and nested', async () => {
      const { currency: _currency, ...order } = placeOrder();
      expect(await invalidFields(PlaceOrderDto, order)).toEqual(['currency']);
      const { registered: _registered, ...customer } = placeOrder().customer;
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), customer })).toEqual(['customer.registered']);
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), payment: undefined })).toEqual(['payment']);
    });

    it('refuses a nested object of the wrong kind', async () => {
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), customer: 'c-42' })).toContain('customer');
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), customer: [placeOrder().customer] })).toContain('customer');
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), lines: [7] })).toContain('lines');
    });

    it('refuses a wrongly typed field', async () => {
      const order = { ...placeOrder(), customer: { ...placeOrder().customer, registered: 'yes', email: 'not-an-email' } };
      expect(await invalidFields(PlaceOrderDto, order)).toEqual(['customer.email', 'customer.registered']);
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), currency: 'eur' })).toEqual(['currency']);
      const address = { ...placeOrder().shippingAddress, country: 'FRA' };
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), shippingAddress: address })).toEqual(['shippingAddress.country']);
    });
  });

  describe('lines', () => {
    const line = placeOrder().lines[0];

    it('refuses no lines and more than 100', async () => {
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), lines: [] })).toEqual(['lines']);
      const many = Array.from({ length: 101 }, (_, i) => ({ ...line, lineId: String(i + 1) }));
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), lines: many })).toEqual(['lines']);
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), lines: many.slice(0, 100) })).toEqual([]);
    });

    it('reports each wrong field of each line', async () => {
      const lines = [{ ...line, quantity: 0 }, { ...line, lineId: '2', quantity: 1001, name: '' }, { ...line, lineId: '3', quantity: 1.5 }];
      expect(await invalidFields(PlaceOrderDto, { ...placeOrder(), lines })).toEqual([
        'lines[0].quantity', 'lines[1].name', 'lines[1].quantity', 'lines[2].quantity',
      ]);
    });

    it('refuses a line named twice in a return, a refund or a shipment', async () => {
      const twice = [{ lineId: '1', quantity: 1 }, { lineId: '1', quantity: 1 }];
      expect(await invalidFields(RequestReturnDto, { returnId: 'r-1', lines: twice, reason: 'defective', resolution: 'refund' })).toEqual(['lines']);
      expect(await invalidFields(IssueRefundDto, { refundId: 'rf-1', reason: 'delivery_failed', destination: 'original', lines: twice }))
        .toEqual(['lines']);
      expect(await invalidFields(DispatchShipmentDto, { shipmentId: 's-1', lineIds: ['1', '1'], carrier: 'D', trackingNumber: 'T' }))
        .toEqual(['lineIds']);
    });

    it('refuses an empty list of line ids for a receipt', async () => {
      expect(await invalidFields(ConfirmReceiptDto, { lineIds: [] })).toEqual(['lineIds']);
    });

    it('checks the quantities of return lines', async () => {
      const lines = [{ lineId: '1', quantity: 0 }, { lineId: '2' }];
      expect(await invalidFields(RequestReturnDto, { returnId: 'r-1', lines, reason: 'defective', resolution: 'refund' }))
        .toEqual(['lines[0].quantity', 'lines[1].quantity']);
    });
  });

  describe('text', () => {
    it('refuses empty and overlong text', async () => {
      expect(await invalidFields(FailPaymentDto, { reason: '' })).toEqual(['reason']);
      expect(await invalidFields(FailPaymentDto, { reason: 'x'.repeat(501) })).toEqual(['reason']);
      expect(await invalidFields(OpenComplaintDto, { complaintId: 'c-1', category: 'other', message: 'x'.repeat(2001) })).toEqual(['message']);
      expect(await invalidFields(OpenComplaintDto, { complaintId: 'c-1', category: 'other', message: 'x'.repeat(2000) })).toEqual([]);
    });
  });

  describe('deliveredAt', () => {
    it.each(['2025-03-01', '2025-03-01T14:30:00', '2025-02-30T10:00:00Z', 'yesterday', '1740839400000'])('refuses %p', async (deliveredAt) => {
      expect(await invalidFields(MarkItemDeliveredDto, { deliveredAt })).toEqual(['deliveredAt']);
    });

    it.each(['2025-03-01T14:30:00.123Z', '2025-03-01T15:30:00+01:00', '2025-03-01T14:30Z'])('accepts %p', async (deliveredAt) => {
      expect(await invalidFields(MarkItemDeliveredDto, { deliveredAt })).toEqual([]);
    });
  });

  describe('messages: one per problem', () => {
    it('says only "must be an integer" for a quantity sent as text, no range message', async () => {
      const order = placeOrder();
      (order.lines[0] as Record<string, unknown>).quantity = '2';
      expect((await refusal(PlaceOrderDto, order))?.errors).toEqual([{ field: 'lines[0].quantity', message: 'quantity must be an integer number' }]);
    });

    it('says "required" for a missing or null field, at the top and nested', async () => {
      const { currency: _currency, ...order } = placeOrder();
      expect((await refusal(PlaceOrderDto, order))?.errors).toEqual([{ field: 'currency', message: 'currency is required' }]);
      expect((await refusal(PlaceOrderDto, { ...placeOrder(), currency: null }))?.errors).toEqual([{ field: 'currency', message: 'currency is required' }]);
      const { quantity: _quantity, ...line } = placeOrder().lines[0];
      expect((await refusal(PlaceOrderDto, { ...placeOrder(), lines: [line] }))?.errors).toEqual([{ field: 'lines[0].quantity', message: 'quantity is required' }]);
    });

    it('says what is wrong with a value of the right kind once', async () => {
      expect((await refusal(PlaceOrderDto, { ...placeOrder(), currency: 'eur' }))?.errors)
        .toEqual([{ field: 'currency', message: 'currency must be an ISO 4217 code such as EUR' }]);
      expect((await refusal(PlaceOrderDto, { ...placeOrder(), currency: 978 }))?.errors).toEqual([{ field: 'currency', message: 'currency must be a string' }]);
      expect((await refusal(ConfirmPaymentDto, { transactionId: 'tx-1', amount: 1.5 }))?.errors).toEqual([{ field: 'amount', message: 'amount must be an integer number' }]);
    });
  });

  describe('lists longer than allowed', () => {
    it('answers one error for 101 or 100,000 lines, whatever is in them, without looking at the elements', async () => {
      for (const length of [101, 100_000]) {
        const problem = await refusal(PlaceOrderDto, { ...placeOrder(), lines: Array.from({ length }, () => ({})) });
        expect(problem?.errors).toEqual([{ field: 'lines', message: 'lines must contain no more than 100 elements' }]);
      }
      const lineIds = Array.from({ length: 5000 }, () => 7);
      expect((await refusal(DispatchShipmentDto, { shipmentId: 's-1', lineIds, carrier: 'D', trackingNumber: 'T' }))?.errors)
        .toEqual([{ field: 'lineIds', message: 'lineIds must contain no more than 100 elements' }]);
    });

    it(`lists at most ${MAX_LISTED_ERRORS} errors and says how many more there are`, async () => {
      const problem = await refusal(PlaceOrderDto, { ...placeOrder(), lines: Array.from({ length: 100 }, () => ({})) });
      expect(problem?.errors).toHaveLength(MAX_LISTED_ERRORS);
      // 100 lines of five required fields each (lineId is optional).
      expect(problem?.detail).toMatch(new RegExp(`first ${MAX_LISTED_ERRORS} problems are listed; ${500 - MAX_LISTED_ERRORS} more are not`));
    });
  });
});
