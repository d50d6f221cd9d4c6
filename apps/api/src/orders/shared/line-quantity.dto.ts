import { IdProperty, QuantityProperty } from './fields';

/** Part of one line's quantity, as named by a return or a refund. */
export class LineQuantityDto {
  @IdProperty({ description: 'A line of the order', example: '1' })
  lineId: string;

  @QuantityProperty({ description: 'How many units of the line', example: 1 })
  quantity: number;
}
