import { IdProperty, LineIdListProperty, TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/shipments. */
export class DispatchShipmentDto {
  @IdProperty({ description: 'Id of the new shipment', example: 's-1' })
  shipmentId: string;

  @LineIdListProperty({ description: 'Lines in the parcel; each must await shipment', example: ['1', '2'] })
  lineIds: string[];

  @TextProperty({ description: 'Carrier', example: 'DHL', maxLength: 100 })
  carrier: string;

  @TextProperty({ description: "The carrier's tracking number", example: 'JD014600003828', maxLength: 100 })
  trackingNumber: string;
}
