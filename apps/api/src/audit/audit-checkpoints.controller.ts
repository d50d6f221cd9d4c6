import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '@app/auth';
import { ProblemException, problem } from '../http/problem';
import { AuditCheckpoints } from '@app/platform';
import { AuditErrors } from './audit-errors.decorator';
import { AuditCheckpointPageDto } from './audit-responses.dto';

const MAX_PAGE = 500;

export class CheckpointPageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'Checkpoints after this sequence number (the previous page\'s `next`)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}

/** Auditors export the signed checkpoints, to keep them where the database's administrators cannot write. */
@ApiTags('Audit')
@ApiBearerAuth()
@Controller('audit/checkpoints')
export class AuditCheckpointsController {
  constructor(private readonly checkpoints: AuditCheckpoints) {}

  @Get()
  @Roles('auditor')
  @ApiOperation({ summary: 'The signed checkpoints of the event log, in sequence order (docs/auditing.md)' })
  @ApiOkResponse({ type: AuditCheckpointPageDto })
  @AuditErrors([400, 401, 403, 404])
  async list(@Query() query: CheckpointPageQuery): Promise<AuditCheckpointPageDto> {
    const { key, store } = this.checkpoints;
    if (!key) throw new ProblemException(problem(404, 'checkpoints_disabled', 'No audit signing key is configured (AUDIT_SIGNING_KEY): no checkpoint is signed.'));
    const limit = query.limit ?? 100;
    const checkpoints = await store.list(query.after ?? 0, limit);
    return {
      publicKey: key.publicKeyBase64,
      keyId: key.keyId,
      checkpoints,
      next: checkpoints.length === limit ? checkpoints[checkpoints.length - 1].sequence : null,
    };
  }
}
