/** OpenAPI shape of the problem+json error body (docs/http-api.md "Errors"); the filter in http/ writes it. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ description: 'Path of the offending field', example: 'lines[0].quantity' })
  field: string;

  @ApiProperty({ description: 'What is wrong with it', example: 'quantity must not be greater than 1000' })
  message: string;
}

export class ProblemDto {
  @ApiProperty({ description: 'URI naming the kind of problem', example: 'https://docs.order-management.dev/problems/validation-failed' })
  type: string;

  @ApiProperty({ description: 'Short summary of the HTTP status', example: 'Bad Request' })
  title: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status', example: 400 })
  status: number;

  @ApiProperty({
    description: 'Stable snake_case code: validation_failed, unauthenticated, forbidden, order_not_found, '
      + 'order_already_exists, revision_mismatch, a business rule (422) such as invalid_state_transition, unavailable',
    example: 'validation_failed',
  })
  code: string;

  @ApiProperty({ description: 'Human-readable explanation of this occurrence', example: 'The request is malformed; see errors.' })
  detail: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One item per malformed field (400 only)' })
  errors?: FieldErrorDto[];
}
