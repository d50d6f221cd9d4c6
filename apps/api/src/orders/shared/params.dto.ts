/** Path parameters, validated like body fields so a malformed id in the path is a 400 too. */
import { IdProperty } from './fields';

export class OrderIdParams {
  @IdProperty({ description: 'The order', example: '50001' })
  orderId: string;
}

export class OrderLineParams extends OrderIdParams {
  @IdProperty({ description: 'A line of the order', example: '1' })
  lineId: string;
}

export class OrderReturnParams extends OrderIdParams {
  @IdProperty({ description: 'A return of the order', example: 'r-1' })
  returnId: string;
}

export class OrderComplaintParams extends OrderIdParams {
  @IdProperty({ description: 'A complaint about the order', example: 'cmp-1' })
  complaintId: string;
}
