import { IdProperty, TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/returns/{returnId}/repaired: the parcel taking the repaired item back. */
export class CompleteRepairDto {
  @IdProperty({ description: 'Id of the new shipment', example: 's-rep-1' })
  shipmentId: string;

  @TextProperty({ description: 'Carrier', example: 'DHL', maxLength: 100 })
  carrier: string;

  @TextProperty({ description: "The carrier's tracking number", example: 'JD014600003829', maxLength: 100 })
  trackingNumber: string;
}
