export * from './recorded-day.js';
export * from './recorded-day-builder.js';
export * from './simulation-outcome.js';
export * from './simulation.js';
export * from './policy-summary.js';
export * from './comparison-table.js';
