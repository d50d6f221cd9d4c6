import { ApiProperty } from '@nestjs/swagger';

export class EditTotalsDto {
  @ApiProperty({ type: 'integer', description: 'Goods of the units not cancelled, minor units', example: 12498 }) goodsTotal: number;
  @ApiProperty({ type: 'integer', description: 'goodsTotal + shipping fee + processing fee', example: 13148 }) total: number;
}

/** The answer of POST /orders/{orderId}/edits with `preview: true`: nothing is written. */
export class EditPreviewDto {
  @ApiProperty({ example: 'e-1' }) editId: string;
  @ApiProperty({ type: EditTotalsDto }) before: EditTotalsDto;
  @ApiProperty({ type: EditTotalsDto }) after: EditTotalsDto;
  @ApiProperty({ type: 'integer', description: 'What a paid order would still ask for (ConfirmPayment with exactly this amount)', example: 1000 }) balanceDue: number;
  @ApiProperty({ type: 'integer', description: 'Goods a paid order would owe back (refund reason edit)', example: 0 }) refundDue: number;
}
