import { IdProperty, LineIdListProperty, TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/replacements. */
export class ShipReplacementDto {
  @IdProperty({ description: 'Id of the replacement shipment', example: 's-2' })
  shipmentId: string;

  @LineIdListProperty({ description: 'Lines replaced: lines whose delivery failed, or the lines of an exchange return', example: ['1'] })
  lineIds: string[];

  @TextProperty({ description: 'Carrier', example: 'DHL', maxLength: 100 })
  carrier: string;

  @TextProperty({ description: "The carrier's tracking number", example: 'JD014600003999', maxLength: 100 })
  trackingNumber: string;

  @IdProperty({ description: 'The exchange return this replacement settles, if any', example: 'r-1', required: false })
  returnId?: string;
}
