import { ApiProperty } from '@nestjs/swagger';

/** What every command answers (docs/http-api.md "Writes"). */
export class CommandResultDto {
  @ApiProperty({ description: 'The order the command was about', example: '50001' })
  orderId: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: "The order stream's revision after the append (0 after OrderPlaced)", example: 1 })
  revision: number;

  @ApiProperty({
    description: "Opaque place of the last event in the global log; pass it as `minPosition` to read your own write",
    example: '1042',
  })
  position: string;

  @ApiProperty({ type: [String], description: 'Types of the appended events, in order', example: ['PaymentConfirmed'] })
  events: string[];
}
