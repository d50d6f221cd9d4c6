import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { ProjectionCheckpoints, ProjectionRebuilder } from '@app/projections/nest';
import { RebuildInProgressError, type RebuildResult } from '@app/projections/runtime';
import { ProblemException, problem } from '../http/problem';
import { ProjectionListDto, ProjectionNameParams, RebuildResultDto } from './projection-admin.dto';

/** Operations on the read models (docs/http-api.md "Operations"); admin only. */
@ApiTags('Admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/projections')
export class ProjectionsAdminController {
  constructor(
    private readonly checkpoints: ProjectionCheckpoints,
    private readonly rebuilder: ProjectionRebuilder,
  ) {}

  @Get()
  @ApiOperation({ summary: "Every projection's state, position, lag and throughput" })
  @ApiOkResponse({ type: ProjectionListDto })
  async list(): Promise<ProjectionListDto> {
    return { items: await this.checkpoints.list() };
  }

  @Post(':name/rebuild')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rebuild a read model from the first event',
    description: 'Builds fresh tables beside the live ones (which keep answering), then swaps them in one transaction. Answers once swapped.',
  })
  @ApiOkResponse({ type: RebuildResultDto })
  @ApiResponse({ status: 404, description: 'projection_not_found' })
  @ApiResponse({ status: 409, description: 'rebuild_in_progress: another rebuild of it is running' })
  async rebuild(@Param() { name }: ProjectionNameParams): Promise<RebuildResult> {
    if (!this.checkpoints.has(name)) throw new ProblemException(problem(404, 'projection_not_found', `No projection named ${name}.`));
    try {
      return await this.rebuilder.rebuild(name);
    } catch (error) {
      if (error instanceof RebuildInProgressError) throw new ProblemException(problem(409, error.code, error.message));
      throw error;
    }
  }
}
