import { ApiProperty } from '@nestjs/swagger';
import { TextProperty } from '../orders/shared/fields';

export class CustomerIdParams {
  // The shop's own customer id, as OrderPlaced carries it (any text up to 128 characters).
  @TextProperty({ description: "The shop's customer id", example: 'c-42', maxLength: 128 })
  customerId: string;
}

export class CustomerErasureDto {
  @ApiProperty({ example: 'c-42' })
  customerId: string;

  @ApiProperty({ description: 'When the data was erased (the CustomerDataErased event; the first erasure when repeated)', example: '2026-03-02T10:00:00.000Z' })
  erasedAt: string;

  @ApiProperty({
    description: 'Position of the CustomerDataErased event: pass it as `minPosition` to read the order read model after its cleanup',
    example: '1042',
  })
  position: string;
}
