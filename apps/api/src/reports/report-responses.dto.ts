/** OpenAPI shapes of the refund reports' JSON answers (docs/http-api.md "Reads"). Amounts: integer minor units. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_GROUP_BY } from '@app/projections/finance';

/** Sums of huge refunds pass 2^53 − 1; the API then writes the exact digits (docs/finance.md "Huge sums"). */
const money = (description: string) => ApiProperty({
  type: 'integer',
  description: `${description}, minor units of currency. Exact: a sum past 2^53 − 1 is written digit for digit, so read it with an exact number type`,
});

export class RefundAmountsDto {
  @ApiProperty({ description: 'ISO 4217 code of the order; amounts are never summed across currencies', example: 'EUR' })
  currency: string;

  @money('Goods refunded (unit prices × quantities, or the goodwill amount)') goods: number;
  @money("The order's shipping fee, refunded once with the refund that completes the order") shipping: number;
  @money("The customer's cost of sending a return back, when the merchant was at fault") returnShipping: number;
  @money('Share of the processing fee given back (original destination, card/debit/gpay/bank_transfer)') processingFee: number;
  @money('Share of the processing fee kept (paypal, wallet destination); not part of total') feeRetained: number;
  @money('goods + shipping + returnShipping + processingFee') total: number;
}

export class RefundTotalsDto extends RefundAmountsDto {
  @ApiProperty({ type: 'integer', description: 'Number of refunds' })
  count: number;
}

export class RefundReportRowDto extends RefundTotalsDto {
  @ApiProperty({ description: 'The group: a UTC day (YYYY-MM-DD), a method, a reason, a destination or a currency', example: '2026-03-01' })
  key: string;
}

export class RefundReportDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: REPORT_GROUP_BY }) groupBy: string;
  @ApiProperty({ type: [RefundReportRowDto], description: 'One row per key and currency, sorted by key then currency' }) rows: RefundReportRowDto[];
  @ApiProperty({ type: [RefundTotalsDto], description: 'The whole period, one row per currency' }) totals: RefundTotalsDto[];
}

export class LedgerRowDto extends RefundAmountsDto {
  @ApiProperty() refundId: string;
  @ApiProperty() orderId: string;
  @ApiProperty({ format: 'date-time', description: 'Business time of RefundIssued (metadata.occurredAt), UTC' }) issuedAt: string;
  @ApiProperty({ enum: ['return', 'delivery_failed', 'cancellation', 'goodwill', 'edit', 'exchange'] }) reason: string;
  @ApiProperty({ enum: ['card', 'debit', 'gpay', 'paypal', 'wallet', 'bank_transfer'], description: "The order's payment method" }) method: string;
  @ApiProperty({ enum: ['original', 'wallet'] }) destination: string;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerRowDto], description: 'Oldest first, by issuedAt, then orderId, then refundId' }) items: LedgerRowDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Give as cursor for the next page; null on the last page' }) nextCursor: string | null;
}

export class OutstandingRefundDto {
  @ApiProperty() timerId: string;
  @ApiProperty() orderId: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['return', 'delivery_failed', 'cancellation', 'edit', 'exchange'] }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ description: 'Past due by the business clock' }) overdue: boolean;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: 'integer', nullable: true }) goods: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) shipping: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) returnShipping: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) processingFee: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) feeRetained: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'What the refund would be if issued now; null when the timer has no preview' }) total: number | null;
}

export class OutstandingRefundsDto {
  @ApiProperty({ type: [OutstandingRefundDto], description: 'Soonest due first' }) items: OutstandingRefundDto[];
  @ApiProperty({ type: [RefundTotalsDto], description: 'Per currency: how many are due and what they add up to' }) totals: RefundTotalsDto[];
}

export class ReconciliationDifferenceDto {
  @ApiProperty({ description: '`totals`, or the report row it is in: `method=card`, `day=2026-03-01`, ...', example: 'totals' })
  scope: string;

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ description: '`count` or an amount field', example: 'total' })
  field: string;

  @ApiProperty({ description: 'From replaying the RefundIssued events (exact integer, minor units)', example: 16372 })
  replayed: number;

  @ApiProperty({ description: 'From the report (exact integer, minor units)', example: 16371 })
  reported: number;
}

export class ReconciliationDto {
  @ApiProperty({ example: '2026-03-01' })
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  to: string;

  @ApiProperty({ description: 'true when the report equals the replayed events to the cent, per currency, and no refund is missing on either side', example: true })
  ok: boolean;

  @ApiProperty({ type: [ReconciliationDifferenceDto] })
  differences: ReconciliationDifferenceDto[];

  @ApiProperty({ type: [String], description: '`orderId/refundId` of refunds in the log but not in the ledger', example: [] })
  missingFromLedger: string[];

  @ApiProperty({ type: [String], description: '`orderId/refundId` of ledger rows with no refund in the log', example: [] })
  notInLog: string[];

  @ApiProperty({ type: [String], description: 'Refunds whose order has no OrderPlaced in the log (currency unknown)', example: [] })
  withoutCurrency: string[];
}
