import { Module } from '@nestjs/common';
import { CustomerErasureController } from './customer-erasure.controller';
import { CustomerErasure } from './customer-erasure.service';

/** Erasure over HTTP. The key ring and the decrypting store are infrastructure (every mode needs them). */
@Module({
  controllers: [CustomerErasureController],
  providers: [CustomerErasure],
})
export class PrivacyModule {}
