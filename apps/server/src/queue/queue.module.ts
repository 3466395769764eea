import { Module } from '@nestjs/common';
import { QueueStatusService } from './queue-status.service';

/** The job queue. For now it reports where jobs would run; the jobs issue adds BullMQ here. */
@Module({
  providers: [QueueStatusService],
  exports: [QueueStatusService],
})
export class QueueModule {}
