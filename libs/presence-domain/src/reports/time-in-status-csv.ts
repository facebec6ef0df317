import { compareReasonPairs, reasonKey, type ReasonTime, type TimeInStatusRow } from './time-in-status-row.js';

/**
 * The report as CSV for spreadsheets (RFC 4180: CRLF, quoted where needed):
 * a header row, then one agent per line; times in ISO-8601, durations in
 * seconds. Each (status, reason code) pair that occurs in any row gets its
 * own column, e.g. `away_seconds:lunch`, `away_seconds:(no code)`.
 */
const FIXED_HEADER = [
  'agent_id', 'display_name', 'teams', 'from', 'to',
  'online_seconds', 'away_seconds', 'offline_seconds',
  'occupied_seconds', 'occupied_online_seconds', 'occupancy_share_of_online',
  'conversations_assigned', 'conversations_closed', 'offers_missed', 'offers_declined', 'overrides_received',
];

/** Spreadsheets run a cell that starts like a formula; agent-supplied text must never do that. */
const FORMULA_START = /^[=+\-@\t\r]/;

const textCell = (text: string): string => {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const numberCell = (value: number | null): string => (value === null ? '' : String(Number(value.toFixed(6))));

const reasonColumn = ({ status, reasonCode }: Pick<ReasonTime, 'status' | 'reasonCode'>): string =>
  `${status}_seconds:${reasonCode ?? '(no code)'}`;

/** Every pair that occurs in any row. */
const reasonColumnsOf = (rows: readonly TimeInStatusRow[]): Pick<ReasonTime, 'status' | 'reasonCode'>[] => {
  const pairs = new Map<string, Pick<ReasonTime, 'status' | 'reasonCode'>>();
  for (const row of rows) for (const { status, reasonCode } of row.byReason) pairs.set(reasonKey(status, reasonCode), { status, reasonCode });
  return [...pairs.values()].sort(compareReasonPairs);
};

const line = (row: TimeInStatusRow, reasonColumns: readonly Pick<ReasonTime, 'status' | 'reasonCode'>[]): string => {
  const byReason = new Map(row.byReason.map((entry) => [reasonKey(entry.status, entry.reasonCode), entry.seconds]));
  return [
    textCell(row.agentId), textCell(row.displayName), textCell(row.teams.join(' ')), row.from, row.to,
    numberCell(row.seconds.online), numberCell(row.seconds.away), numberCell(row.seconds.offline),
    numberCell(row.occupancy.seconds), numberCell(row.occupancy.onlineSeconds), numberCell(row.occupancy.shareOfOnline),
    numberCell(row.conversations.assigned), numberCell(row.conversations.closed),
    numberCell(row.offers.missed), numberCell(row.offers.declined), numberCell(row.overridesReceived),
    ...reasonColumns.map((pair) => numberCell(byReason.get(reasonKey(pair.status, pair.reasonCode)) ?? 0)),
  ].join(',');
};

export const timeInStatusCsv = (rows: readonly TimeInStatusRow[]): string => {
  const reasonColumns = reasonColumnsOf(rows);
  const header = [...FIXED_HEADER, ...reasonColumns.map(reasonColumn).map(textCell)].join(',');
  return [header, ...rows.map((row) => line(row, reasonColumns))].map((text) => `${text}\r\n`).join('');
};
