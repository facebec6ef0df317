import { InProcessMessageBus, KafkaMessageBus, type MessageBus } from '@app/messaging';
import type { PresenceConfig } from '../config/presence-config.js';

/** In-process for the embedded default; Kafka in production. The availability topic is compacted: latest per agent. */
export const createMessageBus = (config: PresenceConfig): MessageBus => {
  switch (config.messageBus) {
    case 'in-process':
      return new InProcessMessageBus();
    case 'kafka':
      return new KafkaMessageBus({
        brokers: config.kafkaBrokers,
        clientId: 'agent-presence',
        topics: { [config.availabilityTopic]: { partitions: 6, compacted: true } },
      });
    default: {
      const unhandled: never = config.messageBus;
      throw new Error(`unknown message bus ${String(unhandled)}`);
    }
  }
};
