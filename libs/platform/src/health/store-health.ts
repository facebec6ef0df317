import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, formatPosition, type EventStore } from '@app/event-store';
import { MESSAGE_BUS, type MessageBus } from '@app/messaging';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { HealthChecks } from './health-checks.js';

/** Registers the readiness checks of the event store and, with Kafka, the broker: every app module provides it. */
@Injectable()
export class StoreHealth implements OnModuleInit {
  constructor(
    private readonly checks: HealthChecks,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.checks.register('eventStore', () => this.checks.probe('eventStore', async () => {
      const head = await this.store.headPosition();
      return { head: head ? formatPosition(head) : null };
    }));
    if (this.config.messageBus === 'kafka') this.checks.register('broker', () => this.checks.probe('broker', () => this.bus.ping()));
  }
}
