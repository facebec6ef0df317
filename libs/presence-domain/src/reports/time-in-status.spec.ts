import { describe, expect, it } from '@jest/globals';
import {
  assignedAt, at, given, offerAt, offerEventAt, overriddenAt, profileChangedAt, projected, range, registeredAt, releasedAt, systemSetAt, wentAt,
} from './reports.spec-support.js';

const HOUR = 3600;

describe('time in status', () => {
  const day = [
    registeredAt('a1', 0),
    wentAt('a1', 60, 'offline', 'online'),
    wentAt('a1', 180, 'online', 'away', 'lunch', 'sandwich'),
    wentAt('a1', 240, 'away', 'online'),
    wentAt('a1', 300, 'online', 'away', undefined, 'stretching'),
    wentAt('a1', 330, 'away', 'offline'),
  ];

  it('counts the seconds in each status over the range', () =>
    given(day).whenReported(range(0, 360)).then(([row]) =>
      expect(row.seconds).toEqual({ online: 3 * HOUR, away: 1.5 * HOUR, offline: 1.5 * HOUR })));

  it('cuts a status that straddles the start of the range exactly at the start', () =>
    given(day).whenReported(range(120, 360)).then(([row]) =>
      expect(row.seconds).toEqual({ online: 2 * HOUR, away: 1.5 * HOUR, offline: 0.5 * HOUR })));

  it('cuts a status that straddles the end of the range exactly at the end', () =>
    given(day).whenReported(range(0, 200)).then(([row]) =>
      expect(row.seconds).toEqual({ online: 2 * HOUR, away: 20 * 60, offline: HOUR })));

  it('counts the status still in force up to the end of the range', () =>
    given(day).whenReported(range(400, 460)).then(([row]) =>
      expect(row.seconds).toEqual({ online: 0, away: 0, offline: HOUR })));

  it('never counts time after now', () =>
    given(day).whenReported(range(0, 600, 90)).then(([row]) => {
      expect(row.seconds).toEqual({ online: 30 * 60, away: 0, offline: HOUR });
      expect(row.to).toBe(at(90).toISOString());
    }));

  it('counts an agent registered inside the range from its registration', () =>
    given([registeredAt('b2', 100), wentAt('b2', 130, 'offline', 'online')]).whenReported(range(0, 160)).then(([row]) => {
      expect(row.seconds).toEqual({ online: 30 * 60, away: 0, offline: 30 * 60 });
      expect(row.from).toBe(at(100).toISOString());
    }));

  it('leaves out agents registered after the range', () =>
    given([...day, registeredAt('b2', 500)]).whenReported(range(0, 360)).then((rows) =>
      expect(rows.map((row) => row.agentId)).toEqual(['a1'])));

  it('splits time by reason code and groups changes with free text only under no code', () =>
    given(day).whenReported(range(0, 360)).then(([row]) => expect(row.byReason).toEqual([
      { status: 'online', reasonCode: null, seconds: 3 * HOUR },
      { status: 'away', reasonCode: null, seconds: 0.5 * HOUR },
      { status: 'away', reasonCode: 'lunch', seconds: HOUR },
      { status: 'offline', reasonCode: null, seconds: 1.5 * HOUR },
    ])));

  it('counts overrides received, and the reason code an override set', () =>
    given([registeredAt('a1', 0), wentAt('a1', 10, 'offline', 'online'), overriddenAt('a1', 40, 'online', 'offline', 'sick-leave')])
      .whenReported(range(0, 70)).then(([row]) => {
        expect(row.overridesReceived).toBe(1);
        expect(row.byReason).toContainEqual({ status: 'offline', reasonCode: 'sick-leave', seconds: 30 * 60 });
      }));

  it('counts time the system set under its reason code, and not as an override', () =>
    given([registeredAt('a1', 0), wentAt('a1', 10, 'offline', 'online'), systemSetAt('a1', 40, 'online', 'away', 'connection-lost'),
      wentAt('a1', 50, 'away', 'online')])
      .whenReported(range(0, 70)).then(([row]) => {
        expect(row.seconds).toEqual({ online: 50 * 60, away: 10 * 60, offline: 10 * 60 });
        expect(row.byReason).toContainEqual({ status: 'away', reasonCode: 'connection-lost', seconds: 10 * 60 });
        expect(row.overridesReceived).toBe(0);
      }));

  it('treats an event stamped before the previous one as happening at the previous instant', () =>
    given([registeredAt('a1', 0), wentAt('a1', 30, 'offline', 'online'), wentAt('a1', 20, 'online', 'away')])
      .whenReported(range(0, 60)).then(([row]) => expect(row.seconds).toEqual({ online: 0, away: 30 * 60, offline: 30 * 60 })));
});

describe('occupancy and conversations', () => {
  const shift = [
    registeredAt('a1', 0),
    wentAt('a1', 0, 'offline', 'online'),
    assignedAt('a1', 10, 'c1'),
    assignedAt('a1', 20, 'c2'),
    releasedAt('a1', 30, 'c1'),
    releasedAt('a1', 40, 'c2', 'transferred'),
    assignedAt('a1', 50, 'c3'),
    wentAt('a1', 60, 'online', 'away'),
    releasedAt('a1', 70, 'c3'),
    wentAt('a1', 80, 'away', 'online'),
  ];

  it('counts the seconds with at least one open conversation, whatever the status', () =>
    given(shift).whenReported(range(0, 100)).then(([row]) => expect(row.occupancy.seconds).toBe(50 * 60)));

  it('gives occupancy as a share of online time, counting only busy time while online', () =>
    given(shift).whenReported(range(0, 100)).then(([row]) => {
      expect(row.occupancy.onlineSeconds).toBe(40 * 60);
      expect(row.occupancy.shareOfOnline).toBeCloseTo(40 / 80);
    }));

  it('cuts busy time at the range boundaries', () =>
    given(shift).whenReported(range(25, 35)).then(([row]) => expect(row.occupancy.seconds).toBe(10 * 60)));

  it('counts conversations assigned and closed within the range, not transfers', () =>
    given(shift).whenReported(range(15, 75)).then(([row]) => expect(row.conversations).toEqual({ assigned: 2, closed: 2 })));

  it('has no occupancy share without online time', () =>
    given([registeredAt('a1', 0)]).whenReported(range(0, 10)).then(([row]) => expect(row.occupancy.shareOfOnline).toBeNull()));

  it('counts offers missed and declined once offers exist', () =>
    given([registeredAt('a1', 0), offerAt('a1', 5, 'missed'), offerAt('a1', 6, 'declined'), offerAt('a1', 7, 'missed'), offerAt('a1', 90, 'missed')])
      .whenReported(range(0, 60)).then(([row]) => expect(row.offers).toEqual({ missed: 2, declined: 1 })));

  it("counts offers from the agent's own offer events: an accepted one as an assignment, a rescinded one not at all", () =>
    given([
      registeredAt('a1', 0), wentAt('a1', 0, 'offline', 'online'),
      offerEventAt('a1', 5, 'c1', 'reserved'), offerEventAt('a1', 6, 'c1', 'missed'),
      offerEventAt('a1', 10, 'c2', 'reserved'), offerEventAt('a1', 11, 'c2', 'declined'),
      offerEventAt('a1', 20, 'c3', 'reserved'), offerEventAt('a1', 21, 'c3', 'rescinded'),
      offerEventAt('a1', 30, 'c4', 'reserved'), offerEventAt('a1', 40, 'c4', 'accepted'), releasedAt('a1', 50, 'c4'),
    ]).whenReported(range(0, 60)).then(([row]) => {
      expect(row.offers).toEqual({ missed: 1, declined: 1 });
      expect(row.conversations).toEqual({ assigned: 1, closed: 1 });
      expect(row.occupancy.seconds).toBe(10 * 60);
    }));
});

describe('choosing agents', () => {
  const floor = [
    registeredAt('a1', 0, ['sales']), registeredAt('b2', 0, ['support']), registeredAt('c3', 0, ['sales', 'support']),
    profileChangedAt('b2', 30, ['sales']),
  ];

  it('reports the agents of a team, by their current teams', () =>
    given(floor).whenReported(range(0, 60, 120, { team: 'support' })).then((rows) => expect(rows.map((row) => row.agentId)).toEqual(['c3'])));

  it("reports only the agents of a supervisor's teams", () =>
    given([...floor, registeredAt('d4', 0, ['billing'])]).whenReported({ ...range(0, 60, 120), teams: ['support', 'billing'] }).then((rows) =>
      expect(rows.map((row) => row.agentId)).toEqual(['c3', 'd4'])));

  it('reports one agent when asked', () =>
    given(floor).whenReported(range(0, 60, 120, { agentId: 'b2' })).then((rows) =>
      expect(rows.map((row) => [row.agentId, row.teams])).toEqual([['b2', ['sales']]])));
});

describe('a report a page at a time', () => {
  const floor = ['a1', 'b2', 'c3', 'd4'].map((agentId) => registeredAt(agentId, 0));

  it('answers the rows after an agent id, at most a limit of them, as the whole report has them', () => {
    const whole = projected(floor).report(range(0, 60));
    expect(projected(floor).report(range(0, 60), { afterAgentId: 'a1', limit: 2 })).toEqual(whole.slice(1, 3));
    expect(projected(floor).report(range(0, 60), { afterAgentId: 'c3' })).toEqual(whole.slice(3));
  });
});
