import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@app/kernel';
import { deciderSpecification } from '@app/kernel/testing';
import { NOW, at, commandMetadata, eventMetadata } from './routing.spec-support.js';
import { DEFAULT_TEAM_ROUTING_SETTINGS, type TeamRoutingSettingsInput } from './team-routing-settings.js';
import {
  initialTeamRouting, readTeamEvent, settingsOf, teamRoutingDecider, type TeamCommand, type TeamEvent,
} from './team-routing.js';

const given = deciderSpecification(teamRoutingDecider);
const supervisor: Actor = { kind: 'supervisor', id: 'sup-1' };

const put = (input: TeamRoutingSettingsInput, team = 'sales', when = NOW): TeamCommand =>
  ({ type: 'PutTeamRoutingSettings', data: { team, ...input }, metadata: commandMetadata(supervisor, when) });

const changed = (input: TeamRoutingSettingsInput, team = 'sales', when = NOW): TeamEvent => ({
  type: 'TeamRoutingSettingsChanged', data: { team, ...DEFAULT_TEAM_ROUTING_SETTINGS, ...input }, metadata: eventMetadata(supervisor, when),
});

describe('a team never configured', () => {
  it('routes with the defaults: auto-assign, 30 s offers, away after 1 missed offer, no reassignment', () =>
    expect(settingsOf(initialTeamRouting())).toEqual({
      routingMode: 'auto-assign', offerTimeoutSeconds: 30, missedOffersBeforeAway: 1, reassignAfterSeconds: null,
    }));
});

describe('putting a team\'s routing settings', () => {
  it('records the whole settings, who changed them and when', () =>
    given([]).when(put({ routingMode: 'offer', offerTimeoutSeconds: 20 }))
      .then([changed({ routingMode: 'offer', offerTimeoutSeconds: 20 })]));

  it('fills every field left out with its default, as a replacement does', () =>
    given([changed({ routingMode: 'offer', reassignAfterSeconds: 120 })]).when(put({ routingMode: 'offer' }))
      .thenState((state) => expect(settingsOf(state)).toEqual({ ...DEFAULT_TEAM_ROUTING_SETTINGS, routingMode: 'offer' })));

  it('records a first configuration even when it equals the defaults', () =>
    given([]).when(put({})).then([changed({})]));

  it('appends nothing when the settings are the same', () =>
    given([changed({ routingMode: 'offer' })]).when(put({ routingMode: 'offer', offerTimeoutSeconds: 30 })).then([]));

  it('keeps who changed them last, and when', () =>
    given([changed({})]).when(put({ missedOffersBeforeAway: 0 }, 'sales', at(60))).thenState((state) =>
      expect(state).toMatchObject({ kind: 'configured', changedAt: at(60).toISOString(), changedBy: supervisor })));

  it('accepts the bounds of every range', () => {
    given([]).when(put({ offerTimeoutSeconds: 5, missedOffersBeforeAway: 0, reassignAfterSeconds: 0 })).thenState((state) =>
      expect(settingsOf(state)).toMatchObject({ offerTimeoutSeconds: 5, missedOffersBeforeAway: 0, reassignAfterSeconds: 0 }));
    given([]).when(put({ offerTimeoutSeconds: 600, missedOffersBeforeAway: 10, reassignAfterSeconds: 86_400 })).thenState((state) =>
      expect(settingsOf(state)).toMatchObject({ offerTimeoutSeconds: 600, missedOffersBeforeAway: 10, reassignAfterSeconds: 86_400 }));
  });

  it('treats a field sent as undefined like one left out', () =>
    given([]).when(put({ offerTimeoutSeconds: undefined })).then([changed({})]));
});

describe('refusing bad team settings, naming the field', () => {
  const refuses = (input: Record<string, unknown>, field: string) =>
    given([]).when(put(input as TeamRoutingSettingsInput)).thenThrows('INVALID_TEAM_SETTINGS', field);

  it('refuses an unknown routing mode', () => refuses({ routingMode: 'broadcast' }, 'routingMode'));
  it('refuses an offer timeout under 5 s', () => refuses({ offerTimeoutSeconds: 4 }, 'offerTimeoutSeconds'));
  it('refuses an offer timeout over 600 s', () => refuses({ offerTimeoutSeconds: 601 }, 'offerTimeoutSeconds'));
  it('refuses an offer timeout that is not whole', () => refuses({ offerTimeoutSeconds: 7.5 }, 'offerTimeoutSeconds'));
  it('refuses a negative missed-offer count', () => refuses({ missedOffersBeforeAway: -1 }, 'missedOffersBeforeAway'));
  it('refuses more than 10 missed offers', () => refuses({ missedOffersBeforeAway: 11 }, 'missedOffersBeforeAway'));
  it('refuses a grace over a day', () => refuses({ reassignAfterSeconds: 86_401 }, 'reassignAfterSeconds'));
  it('refuses a negative grace', () => refuses({ reassignAfterSeconds: -1 }, 'reassignAfterSeconds'));
  it('refuses a blank team', () => given([]).when(put({}, '  ')).thenThrows('INVALID_TEAM_SETTINGS', 'team'));
});

describe('reading stored team events', () => {
  it('reads a version 1 event as it is', () => {
    const event = changed({ routingMode: 'offer' });
    expect(readTeamEvent(event)).toEqual(event);
  });

  it('ignores event types of other streams', () =>
    expect(readTeamEvent({ type: 'ConversationQueued', data: {}, metadata: {} })).toBeUndefined());

  it('refuses an event written by a newer schema rather than misread it', () =>
    expect(() => readTeamEvent({ ...changed({}), metadata: { schemaVersion: 2 } })).toThrow('schema version 2'));
});
