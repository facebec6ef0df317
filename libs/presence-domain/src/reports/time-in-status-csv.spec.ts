import { describe, expect, it } from '@jest/globals';
import { at, projected, range, registeredAt, wentAt } from './reports.spec-support.js';
import { timeInStatusCsv } from './time-in-status-csv.js';

const csvOf = (...facts: Parameters<typeof projected>[0]) => timeInStatusCsv(projected(facts).report(range(0, 120)));
const cells = (csv: string) => csv.split('\r\n').filter((line) => line !== '').map((line) => line.split(','));

describe('time in status as CSV', () => {
  const csv = csvOf(
    registeredAt('a1', 0), wentAt('a1', 30, 'offline', 'online'), wentAt('a1', 90, 'online', 'away', 'lunch'),
    registeredAt('b2', 60), wentAt('b2', 60, 'offline', 'away', undefined, 'free text'),
  );

  it('starts with a header row naming every column, one per status and reason code pair', () =>
    expect(cells(csv)[0]).toEqual([
      'agent_id', 'display_name', 'teams', 'from', 'to', 'online_seconds', 'away_seconds', 'offline_seconds',
      'occupied_seconds', 'occupied_online_seconds', 'occupancy_share_of_online',
      'conversations_assigned', 'conversations_closed', 'offers_missed', 'offers_declined', 'overrides_received',
      'online_seconds:(no code)', 'away_seconds:(no code)', 'away_seconds:lunch', 'offline_seconds:(no code)',
    ]));

  it('writes one agent per line with ISO times and seconds, ending lines with CRLF', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(cells(csv).slice(1)).toEqual([
      ['a1', 'Agent a1', 'sales', at(0).toISOString(), at(120).toISOString(), '3600', '1800', '1800', '0', '0', '0', '0', '0', '0', '0', '0', '3600', '0', '1800', '1800'],
      ['b2', 'Agent b2', 'sales', at(60).toISOString(), at(120).toISOString(), '0', '3600', '0', '0', '0', '', '0', '0', '0', '0', '0', '0', '3600', '0', '0'],
    ]);
  });

  it('quotes text with commas, quotes or line breaks', () =>
    expect(timeInStatusCsv(projected([registeredAt('a1', 0, ['sales'], 'Lovelace, "Ada"\nCountess')]).report(range(0, 60))).split('\r\n')[1])
      .toMatch(/^a1,"Lovelace, ""Ada""\nCountess",sales,/));

  it('never lets agent-supplied text start like a spreadsheet formula', () =>
    expect(timeInStatusCsv(projected([registeredAt('a1', 0, ['sales'], '=HYPERLINK("x")')]).report(range(0, 60))).split('\r\n')[1])
      .toMatch(/^a1,"'=HYPERLINK\(""x""\)",/));

  it('writes only the header when no agent is reported', () =>
    expect(timeInStatusCsv([]).split('\r\n')).toHaveLength(2));
});
