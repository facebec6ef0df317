export * from './agent-availability-message.js';
