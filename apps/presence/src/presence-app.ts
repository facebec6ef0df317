import { AVAILABILITY_TOPIC_SETTINGS, CONNECTION_SIGNAL_TOPIC_SETTINGS } from '@app/contracts';
import { createEventStore, createMessageBus, type AppConfig } from '@app/platform';
import type { EventStore } from '@app/event-store';
import type { MessageBus } from '@app/messaging';
import type { PresenceConfig } from './presence-config.js';

/** The store and the bus of a presence process, as its configuration chooses them (the availability topic compacted, signals kept briefly). */
export const presenceConnections = async (app: AppConfig, presence: PresenceConfig): Promise<{ store: EventStore; bus: MessageBus }> => ({
  store: await createEventStore(app),
  bus: createMessageBus(app, {
    [presence.availabilityTopic]: AVAILABILITY_TOPIC_SETTINGS,
    [presence.connections.signalTopic]: CONNECTION_SIGNAL_TOPIC_SETTINGS,
  }),
});
