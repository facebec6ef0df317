import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { AvailabilityReadModel } from '../read-model/availability-read-model.js';

/** Closes the stores after every subscription has stopped (those stop in beforeApplicationShutdown). */
@Injectable()
export class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: AvailabilityReadModel,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.readModel.close();
    await this.store.close();
  }
}
