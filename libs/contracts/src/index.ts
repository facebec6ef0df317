export * from './agent-availability-message.js';
export * from './connection-signal-message.js';
