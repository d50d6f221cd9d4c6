import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { Roles } from '@app/auth';
import { AdjustableClock, APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { ProblemException, problem } from '../http/problem';
import { SLA_TICK, type SlaTick } from './sla-tick';

export class SetClockDto {
  @ApiProperty({ description: 'The business time to travel to (ISO 8601).', example: '2026-12-01T09:00:00Z' })
  @IsISO8601({ strict: true })
  now: string;
}

/** Time travel for acceptance tests: answers 404 unless the server started with TEST_CLOCK=1. */
@ApiTags('admin')
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
  setClock(@Body() body: SetClockDto) {
    const clock = this.adjustable();
    clock.set(new Date(body.now));
    return { now: clock.now().toISOString() };
  }

  @Post('sla/tick')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Run the SLA scheduler once and answer after its commands are appended (TEST_CLOCK=1 only)' })
  async runTick() {
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
