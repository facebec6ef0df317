export * from './message-bus.port.js';
export { InProcessMessageBus } from './in-process-message-bus.js';
export { KafkaMessageBus, KafkaPublishError, type KafkaMessageBusOptions, type KafkaTopicOptions } from './kafka-message-bus.js';
export { HandlerFailedError, defaultHandlerRetryPolicy, type HandlerRetryPolicy } from './handler-retry.js';
