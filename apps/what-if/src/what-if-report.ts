import { formatComparison, type PolicySummary } from '@app/what-if';
import type { WhatIfRequest } from './what-if-arguments.js';

export interface WhatIfReport {
  readonly from: string;
  readonly to: string;
  readonly team: string | null;
  readonly serviceLevelSeconds: number;
  /** Events read from the log. */
  readonly eventsRead: number;
  /** Conversations that arrived before the range and were still open at its start: simulated, not counted. */
  readonly carriedOver: number;
  readonly policies: readonly PolicySummary[];
}

export const reportOf = (request: WhatIfRequest, eventsRead: number, carriedOver: number, policies: readonly PolicySummary[]): WhatIfReport => ({
  from: new Date(request.from).toISOString(), to: new Date(request.to).toISOString(), team: request.team ?? null,
  serviceLevelSeconds: request.serviceLevelSeconds, eventsRead, carriedOver, policies,
});

/** What a person reads: the range, the table, and where the simulation approximates. */
export const formatReport = (report: WhatIfReport): string => [
  `What-if replay of ${report.from} .. ${report.to}${report.team ? `, team ${report.team}` : ', all teams'}`,
  `${report.eventsRead.toLocaleString('en-US')} events read; ${report.carriedOver.toLocaleString('en-US')} conversations carried over from before the range (simulated, not counted)`,
  '',
  formatComparison(report.policies),
  '',
  'Arrivals, status changes and each conversation\'s handling time are the record\'s; offers keep their recorded',
  'accept delay, and declined or missed offers are not replayed (people answered them). Waits include time to',
  'the end of the log for conversations still waiting then.',
].join('\n');
