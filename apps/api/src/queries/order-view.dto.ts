/** OpenAPI shape of GET /orders/{orderId} (docs/http-api.md "Reads"); the data is libs/ordering's toOrderView. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OrderStatus } from '@app/ordering';
import { ORDER_STATUSES } from './order-queries.dto';

const LINE_STATUSES = [
  'pending_payment', 'awaiting_shipment', 'shipped', 'delivered', 'delivery_failed', 'completed', 'return_requested',
  'return_approved', 'return_in_transit', 'return_received', 'refunded', 'cancelled', 'repair_in_progress', 'exchange_pending_payment',
  'exchanged',
];
const RETURN_STATUSES = ['requested', 'approved', 'rejected', 'in_transit', 'received', 'failed_inspection', 'refunded', 'replaced', 'repair_in_progress', 'repaired',
  'exchange_pending_payment'];

export class CustomerViewDto {
  @ApiProperty({ example: 'c-42' }) id: string;
  @ApiPropertyOptional({ example: 'ana@example.com', description: '"[masked]" for roles that do not need it, "[erased]" after erasure (docs/privacy.md)' }) email?: string;
  @ApiPropertyOptional({ example: 'Ana', description: '"[masked]" for roles that do not need it, "[erased]" after erasure (docs/privacy.md)' }) name?: string;
  @ApiProperty({ example: true }) registered: boolean;
}

export class LineQuantityViewDto {
  @ApiProperty({ example: '1' }) lineId: string;
  @ApiProperty({ type: 'integer', example: 1 }) quantity: number;
}

export class OrderLineViewDto {
  @ApiProperty({ example: '1' }) lineId: string;
  @ApiProperty({ example: 'KB-01' }) sku: string;
  @ApiProperty({ example: 'Keyboard' }) name: string;
  @ApiProperty({ type: 'integer', example: 2 }) quantity: number;
  @ApiProperty({ type: 'integer', description: 'Minor units', example: 4999 }) unitPrice: number;
  @ApiProperty({ enum: ['physical', 'digital', 'custom', 'service'], example: 'physical' }) category: string;
  @ApiProperty({ enum: LINE_STATUSES, enumName: 'LineStatus', example: 'delivered' }) status: string;
  @ApiProperty({ type: 'integer', description: 'Units refunded so far', example: 0 }) refundedQuantity: number;
  @ApiProperty({ type: 'integer', description: 'Units cancelled before shipment (LineCancelled, replaced by an edit, or the order cancelled), less those a lapsed balance restored', example: 0 }) cancelledQuantity: number;
  @ApiProperty({ type: 'integer', description: 'Units an edit (or an exchange for another product) added that ship once its balance is paid', example: 0 }) awaitingBalanceQuantity: number;
  @ApiProperty({ type: 'integer', description: 'Units returned and exchanged for another product', example: 0 }) exchangedQuantity: number;
  @ApiPropertyOptional({ description: 'The return whose exchange for another product added this line; it ships as that return\'s replacement', example: 'r-1' }) exchangeOf?: string;
  @ApiPropertyOptional({ example: 's-1' }) shipmentId?: string;
  @ApiPropertyOptional({ example: 'UPS' }) carrier?: string;
  @ApiPropertyOptional({ example: '1Z999' }) trackingNumber?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliveredAt?: string;
}

export class ReturnViewDto {
  @ApiProperty({ example: 'r-1' }) returnId: string;
  @ApiProperty({ enum: RETURN_STATUSES, enumName: 'ReturnStatus', example: 'requested' }) status: string;
  @ApiProperty({ example: 'defective' }) reason: string;
  @ApiProperty({ enum: ['refund', 'exchange', 'repair'], example: 'refund' }) resolution: string;
  @ApiProperty({ type: [LineQuantityViewDto] }) lines: LineQuantityViewDto[];
  @ApiPropertyOptional({ type: [LineQuantityViewDto], description: 'Exchange for another product: the new lines' }) exchangeFor?: LineQuantityViewDto[];
}

export class RefundViewDto {
  @ApiProperty({ example: 'rf-1' }) refundId: string;
  @ApiProperty({ enum: ['return', 'delivery_failed', 'cancellation', 'goodwill', 'edit', 'exchange'], example: 'return' }) reason: string;
  @ApiProperty({ enum: ['original', 'wallet'], example: 'original' }) destination: string;
  @ApiProperty({ type: 'integer', description: 'Minor units', example: 5149 }) total: number;
}

export class EditTotalsViewDto {
  @ApiProperty({ type: 'integer', example: 12498 }) goodsTotal: number;
  @ApiProperty({ type: 'integer', example: 13148 }) total: number;
}

export class EditViewDto {
  @ApiProperty({ example: 'e-1' }) editId: string;
  @ApiProperty({ format: 'date-time' }) editedAt: string;
  @ApiProperty({ type: EditTotalsViewDto }) before: EditTotalsViewDto;
  @ApiProperty({ type: EditTotalsViewDto }) after: EditTotalsViewDto;
  @ApiProperty({ type: 'integer', description: 'Balance due right after this edit, minor units', example: 1000 }) balanceDue: number;
  @ApiProperty({ type: 'integer', description: 'Edit refund due right after this edit, minor units', example: 0 }) refundDue: number;
}

export class ComplaintFeedbackViewDto {
  @ApiProperty({ example: true }) satisfied: boolean;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ComplaintViewDto {
  @ApiProperty({ example: 'cmp-1' }) complaintId: string;
  @ApiProperty({ enum: ['open', 'responded', 'resolved'], example: 'open', description: 'A reopened complaint is open again' }) status: string;
  @ApiProperty({ type: ComplaintFeedbackViewDto, nullable: true, description: "The customer's last feedback on a resolution, or null" })
  feedback: ComplaintFeedbackViewDto | null;
  @ApiProperty({ type: 'integer', description: 'How many times unsatisfied feedback reopened it', example: 0 }) reopenedCount: number;
}

export class OrderViewDto {
  @ApiProperty({ example: '50001' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES, enumName: 'OrderStatus', example: 'processing' }) status: OrderStatus;
  @ApiProperty({ type: CustomerViewDto }) customer: CustomerViewDto;
  @ApiProperty({ example: 'web' }) channel: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: 'integer', example: 12498 }) goodsTotal: number;
  @ApiProperty({ type: 'integer', example: 500 }) shippingFee: number;
  @ApiProperty({ type: 'integer', example: 150 }) processingFee: number;
  @ApiProperty({ type: 'integer', example: 13148 }) total: number;
  @ApiProperty({ type: 'integer', description: 'Amount paid (0 until paid)', example: 13148 }) paid: number;
  @ApiProperty({ type: 'integer', description: 'Sum of the refunds issued', example: 0 }) refunded: number;
  @ApiProperty({ type: 'integer', description: 'What an edit of the paid order still asks the customer to pay (ConfirmPayment with exactly this)', example: 0 }) balanceDue: number;
  @ApiProperty({ type: 'integer', description: 'Goods owed back, not refunded yet: cancelled units paid for and edit differences (fee share and shipping come on top)', example: 0 }) refundDue: number;
  @ApiProperty({ type: [OrderLineViewDto] }) lines: OrderLineViewDto[];
  @ApiProperty({ type: [ReturnViewDto] }) returns: ReturnViewDto[];
  @ApiProperty({ type: [RefundViewDto] }) refunds: RefundViewDto[];
  @ApiProperty({ type: [EditViewDto], description: 'Edits in the order they were made' }) edits: EditViewDto[];
  @ApiProperty({ type: [ComplaintViewDto] }) complaints: ComplaintViewDto[];
  @ApiProperty({ type: 'integer', description: 'Stream revision of the last event (also the ETag)', example: 3 }) revision: number;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrderSummaryDto {
  @ApiProperty({ example: '50001' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES, enumName: 'OrderStatus', example: 'processing' }) status: OrderStatus;
  @ApiProperty({ example: 'c-42' }) customerId: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: 'integer', description: 'Order total, minor units', example: 13148 }) total: number;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', example: 3 }) revision: number;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderSummaryDto] }) items: OrderSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}
