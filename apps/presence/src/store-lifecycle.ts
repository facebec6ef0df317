import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { MESSAGE_BUS, type MessageBus } from '@app/messaging';
import { AvailabilityReadModel } from './read-model/availability-read-model.js';
import { RelayCheckpoint } from './relay/relay-checkpoint.js';

/** Closes stores and the bus after every subscription and the relay have stopped (those stop in beforeApplicationShutdown). */
@Injectable()
export class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly readModel: AvailabilityReadModel,
    private readonly relayCheckpoint: RelayCheckpoint,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.readModel.close();
    this.relayCheckpoint.close();
    await this.bus.close();
    await this.store.close();
  }
}
