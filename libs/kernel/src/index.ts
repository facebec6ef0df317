export * from './actor.js';
export * from './agent-status.js';
export * from './coded-error.js';
export * from './decider.js';
export * from './message-envelopes.js';
