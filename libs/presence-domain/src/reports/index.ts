export * from './time-in-status-row.js';
export { TimeInStatusProjection, type ReportPage } from './time-in-status-projection.js';
export { timeInStatusByReplay } from './time-in-status-replay.js';
export { timeInStatusCsv } from './time-in-status-csv.js';
export { timeInStatusFactOf } from './time-in-status-facts.js';
