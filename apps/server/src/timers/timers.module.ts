import { Module } from '@nestjs/common';
import { TimerHandlers } from './timer-handlers';
import { TimerPoller } from './timer.poller';
import { TimerRepository } from './timer.repository';
import { TimersService } from './timers.service';

/**
 * Owns `timer`: durable due times every module schedules through TimersService and
 * handles by registering a TimerHandler for its kind. Every instance polls
 * (TIMER_POLL_INTERVAL); FOR UPDATE SKIP LOCKED keeps them from firing one timer twice.
 */
@Module({
  providers: [TimerRepository, TimerHandlers, TimersService, TimerPoller],
  exports: [TimersService, TimerPoller],
})
export class TimersModule {}
