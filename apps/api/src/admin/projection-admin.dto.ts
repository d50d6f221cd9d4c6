import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ProjectionNameParams {
  @ApiProperty({ description: 'A projection name, as GET /admin/projections lists them', example: 'order-status', pattern: '^[a-z][a-z0-9-]{0,49}$' })
  @Matches(/^[a-z][a-z0-9-]{0,49}$/, { message: 'name must be a projection name such as order-status' })
  name: string;
}

export class ProjectionStatusDto {
  @ApiProperty({ example: 'order-status' }) name: string;
  @ApiProperty({ type: 'integer', description: 'Version of the tables (a newer build rebuilds on start)', example: 1 }) version: number;
  @ApiProperty({ enum: ['idle', 'catching_up', 'running', 'failed', 'rebuilding', 'stopped', 'standby'], example: 'running' }) state: string;
  @ApiProperty({ type: String, nullable: true, description: 'Last applied position (opaque)' }) position: string | null;
  @ApiProperty({ type: 'integer', description: 'Events behind the store, counted up to 10,000', example: 0 }) lag: number;
  @ApiPropertyOptional({ description: 'Present when the count stopped at its cap: at least `lag` behind', example: true }) lagCapped?: true;
  @ApiProperty({ description: 'Events/s over the recent window', example: 0 }) throughput: number;
  @ApiProperty({ type: 'integer', example: 1042 }) eventsApplied: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
  @ApiPropertyOptional({ description: 'Last error while failed' }) error?: string;
  @ApiPropertyOptional({ description: 'Position of the event the projection fails on' }) failedPosition?: string;
}

export class ProjectionListDto {
  @ApiProperty({ type: [ProjectionStatusDto] }) items: ProjectionStatusDto[];
}

export class RebuildResultDto {
  @ApiProperty({ example: 'order-status' }) name: string;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ type: 'integer', description: 'Events folded into the new tables', example: 200000 }) events: number;
  @ApiProperty({ type: String, nullable: true, description: 'Where the new tables stand after the swap' }) position: string | null;
  @ApiProperty({ type: 'integer', example: 14500 }) durationMs: number;
  @ApiProperty({ type: 'integer', example: 13800 }) eventsPerSecond: number;
}
