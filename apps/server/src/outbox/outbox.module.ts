import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** Owns `outbox_event`; every module that changes state appends through OutboxService. */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}
