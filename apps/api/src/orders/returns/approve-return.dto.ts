import { Equals } from 'class-validator';

/** Body of POST /orders/{orderId}/returns/{returnId}/approve: `{}` (or none); any field is refused. */
export class ApproveReturnDto {
  // The validation pipe refuses a class without any rule (forbidUnknownValues); this rule only holds
  // when the property is absent, so `{}` passes and, as for every DTO, any sent field is a 400.
  @Equals(undefined, { message: 'property $property should not exist' })
  private readonly noFields?: never;
}
