import { InProcessMessageBus, KafkaMessageBus, type KafkaTopicOptions, type MessageBus } from '@app/messaging';
import type { AppConfig } from '../config/app-config.js';

/** In-process for the embedded default; Kafka in production, creating `topics` as configured when they are missing. */
export const createMessageBus = (config: AppConfig, topics: Readonly<Record<string, KafkaTopicOptions>> = {}): MessageBus => {
  switch (config.messageBus) {
    case 'in-process':
      return new InProcessMessageBus();
    case 'kafka':
      return new KafkaMessageBus({ brokers: config.kafkaBrokers, clientId: 'agent-presence', topics });
    default: {
      const unhandled: never = config.messageBus;
      throw new Error(`unknown message bus ${String(unhandled)}`);
    }
  }
};
