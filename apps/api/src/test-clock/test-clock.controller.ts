import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { Roles } from '@app/auth';
import { AdjustableClock, APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { ProblemException, problem } from '../http/problem';
import { SLA_TICK, type SlaTick } from '@app/projector/sla-scheduler/sla-tick';

export class SetClockDto {
  @ApiProperty({ description: 'The business time to travel to (ISO 8601).', example: '2026-12-01T09:00:00Z' })
  @IsISO8601({ strict: true })
  now: string;
}

export class ClockDto {
  @ApiProperty({ description: 'The business clock now (ISO 8601, UTC).', example: '2026-12-01T09:00:00.000Z' })
  now: string;
}

export class SlaTickDto {
  @ApiProperty({ description: 'Commands the expired timers sent and the order accepted.', example: 2 })
  acted: number;

  @ApiProperty({ description: 'Commands the order refused (the timer had become moot); they are not retried.', example: 0 })
  refused: number;
}

/** Time travel for acceptance tests: answers 404 unless the server started with TEST_CLOCK=1. */
@ApiTags('Admin')
@ApiBearerAuth()
@Controller('admin')
export class TestClockController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_TICK) private readonly tick: SlaTick,
  ) {}

  @Post('clock')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Set the business clock (TEST_CLOCK=1 only)' })
  @ApiOkResponse({ type: ClockDto })
  @ApiNotFoundResponse({ description: 'not_found: the server was not started with TEST_CLOCK=1' })
  setClock(@Body() body: SetClockDto): ClockDto {
    const clock = this.adjustable();
    clock.set(new Date(body.now));
    return { now: clock.now().toISOString() };
  }

  @Post('sla/tick')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Run the SLA scheduler once and answer after its commands are appended (TEST_CLOCK=1 only)' })
  @ApiOkResponse({ type: SlaTickDto })
  @ApiNotFoundResponse({ description: 'not_found: the server was not started with TEST_CLOCK=1' })
  async runTick(): Promise<SlaTickDto> {
    this.adjustable();
    return this.tick.runOnce();
  }

  private adjustable(): AdjustableClock {
    if (!this.config.testClock || !(this.clock instanceof AdjustableClock)) {
      throw new ProblemException(problem(404, 'not_found', 'Not found.'));
    }
    return this.clock;
  }
}
