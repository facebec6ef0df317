import { eventMetadataOf, type Actor, type CommandOf, type EventOf, type StreamDecider } from '@app/kernel';
import { RoutingError } from './routing-error.js';
import {
  DEFAULT_TEAM_ROUTING_SETTINGS, sameTeamRoutingSettings, teamRoutingSettings,
  type TeamRoutingSettings, type TeamRoutingSettingsInput,
} from './team-routing-settings.js';

export const TEAM_EVENT_SCHEMA_VERSION = 1;
export const TEAM_STREAM_PREFIX = 'team-';
export const teamStreamId = (team: string): string => `${TEAM_STREAM_PREFIX}${team}`;

/** Replaces the team's routing settings; omitted fields take their defaults. */
export type PutTeamRoutingSettings = CommandOf<'PutTeamRoutingSettings', { readonly team: string } & TeamRoutingSettingsInput>;

export type TeamCommand = PutTeamRoutingSettings;

/** The team's whole routing settings after the change, so an audit reads each event alone. */
export type TeamRoutingSettingsChanged = EventOf<'TeamRoutingSettingsChanged', { readonly team: string } & TeamRoutingSettings>;

export type TeamEvent = TeamRoutingSettingsChanged;

export const TEAM_EVENT_TYPES: readonly TeamEvent['type'][] = ['TeamRoutingSettingsChanged'];

export type TeamRouting =
  | { readonly kind: 'unconfigured' }
  | {
      readonly kind: 'configured'; readonly team: string; readonly settings: TeamRoutingSettings;
      /** ISO-8601, and who: the last change, for the answer and the audit. */
      readonly changedAt: string; readonly changedBy: Actor;
    };

export const initialTeamRouting = (): TeamRouting => ({ kind: 'unconfigured' });

/** The settings in force: the defaults until someone configures the team. */
export const settingsOf = (state: TeamRouting): TeamRoutingSettings =>
  state.kind === 'configured' ? state.settings : DEFAULT_TEAM_ROUTING_SETTINGS;

export const evolveTeamRouting = (state: TeamRouting, event: TeamEvent): TeamRouting => {
  switch (event.type) {
    case 'TeamRoutingSettingsChanged': {
      const { team, ...settings } = event.data;
      return { kind: 'configured', team, settings, changedAt: event.metadata.occurredAt, changedBy: event.metadata.actor };
    }
    default: {
      const unhandled: never = event.type;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
};

const metadataFor = (command: TeamCommand) => eventMetadataOf(command, TEAM_EVENT_SCHEMA_VERSION);

const putSettings = (command: PutTeamRoutingSettings, state: TeamRouting): TeamEvent[] => {
  const { team: rawTeam, ...input } = command.data;
  const team = rawTeam.trim();
  if (team.length === 0) throw new RoutingError('INVALID_TEAM_SETTINGS', 'team must not be empty', 'team');
  const settings = teamRoutingSettings(input);
  // The first configuration is recorded even when it equals the defaults: someone chose them.
  if (state.kind === 'configured' && sameTeamRoutingSettings(state.settings, settings)) return [];
  return [{ type: 'TeamRoutingSettingsChanged', data: { team, ...settings }, metadata: metadataFor(command) }];
};

/** The rule book of a team's routing settings. */
export const decideTeamRouting = (command: TeamCommand, state: TeamRouting): TeamEvent[] => {
  switch (command.type) {
    case 'PutTeamRoutingSettings': return putSettings(command, state);
    default: {
      const unhandled: never = command.type;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
};

/** Stored team events are version 1; later versions add their upcasters here. Other types: undefined. */
export const readTeamEvent = (stored: { type: string; data: unknown; metadata: unknown }): TeamEvent | undefined => {
  if (!(TEAM_EVENT_TYPES as readonly string[]).includes(stored.type)) return undefined;
  const version = (stored.metadata as { schemaVersion?: unknown } | null)?.schemaVersion ?? 1;
  if (version !== TEAM_EVENT_SCHEMA_VERSION) throw new Error(`cannot read ${stored.type} of schema version ${String(version)}`);
  return stored as TeamEvent;
};

/** Everything a command runner needs to drive a `team-<team>` stream, in one value. */
export const teamRoutingDecider: StreamDecider<TeamCommand, TeamRouting, TeamEvent> = {
  initialState: initialTeamRouting, evolve: evolveTeamRouting, decide: decideTeamRouting, read: readTeamEvent,
  streamOf: (command) => teamStreamId(command.data.team.trim()), streamId: teamStreamId,
};
