import { RoutingError } from './routing-error.js';

export const ROUTING_MODES = ['auto-assign', 'offer'] as const;

/** `auto-assign` hands a conversation straight to an agent; `offer` rings the agent, who accepts or declines. */
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** How one team routes its conversations; a team never configured routes with the defaults. */
export interface TeamRoutingSettings {
  readonly routingMode: RoutingMode;
  /** How long an offer rings before it expires and goes to the next agent. */
  readonly offerTimeoutSeconds: number;
  /** Consecutive missed offers that set the agent away; 0 never does. */
  readonly missedOffersBeforeAway: number;
  /** How long an away or offline agent keeps its conversations before they are re-queued; null keeps them. */
  readonly reassignAfterSeconds: number | null;
}

/** Today's behaviour: a team that never configured routing assigns directly and never re-queues. */
export const DEFAULT_TEAM_ROUTING_SETTINGS: TeamRoutingSettings = {
  routingMode: 'auto-assign', offerTimeoutSeconds: 30, missedOffersBeforeAway: 1, reassignAfterSeconds: null,
};

export const OFFER_TIMEOUT_SECONDS = { min: 5, max: 600 } as const;
export const MISSED_OFFERS_BEFORE_AWAY = { min: 0, max: 10 } as const;
export const REASSIGN_AFTER_SECONDS = { min: 0, max: 86_400 } as const;

/** What a caller may send: every field optional, an omitted one takes its default (a PUT replaces the whole). */
export type TeamRoutingSettingsInput = { readonly [Field in keyof TeamRoutingSettings]?: TeamRoutingSettings[Field] };

const invalid = (field: keyof TeamRoutingSettings, message: string): RoutingError =>
  new RoutingError('INVALID_TEAM_SETTINGS', `${field} ${message}`, field);

const wholeNumberIn = (value: number, range: { readonly min: number; readonly max: number }): boolean =>
  Number.isInteger(value) && value >= range.min && value <= range.max;

/** The settings the input asks for, or a coded error naming the first field out of bounds. */
export const teamRoutingSettings = (input: TeamRoutingSettingsInput): TeamRoutingSettings => {
  const settings = { ...DEFAULT_TEAM_ROUTING_SETTINGS, ...withoutUndefined(input) };
  const { routingMode, offerTimeoutSeconds, missedOffersBeforeAway, reassignAfterSeconds } = settings;
  if (!(ROUTING_MODES as readonly string[]).includes(routingMode)) throw invalid('routingMode', `must be one of ${ROUTING_MODES.join(', ')}`);
  if (!wholeNumberIn(offerTimeoutSeconds, OFFER_TIMEOUT_SECONDS)) {
    throw invalid('offerTimeoutSeconds', `must be a whole number from ${OFFER_TIMEOUT_SECONDS.min} to ${OFFER_TIMEOUT_SECONDS.max}`);
  }
  if (!wholeNumberIn(missedOffersBeforeAway, MISSED_OFFERS_BEFORE_AWAY)) {
    throw invalid('missedOffersBeforeAway', `must be a whole number from ${MISSED_OFFERS_BEFORE_AWAY.min} to ${MISSED_OFFERS_BEFORE_AWAY.max}`);
  }
  if (reassignAfterSeconds !== null && !wholeNumberIn(reassignAfterSeconds, REASSIGN_AFTER_SECONDS)) {
    throw invalid('reassignAfterSeconds', `must be null or a whole number from ${REASSIGN_AFTER_SECONDS.min} to ${REASSIGN_AFTER_SECONDS.max}`);
  }
  return { routingMode, offerTimeoutSeconds, missedOffersBeforeAway, reassignAfterSeconds };
};

export const sameTeamRoutingSettings = (a: TeamRoutingSettings, b: TeamRoutingSettings): boolean =>
  a.routingMode === b.routingMode && a.offerTimeoutSeconds === b.offerTimeoutSeconds
  && a.missedOffersBeforeAway === b.missedOffersBeforeAway && a.reassignAfterSeconds === b.reassignAfterSeconds;

/** An explicit `undefined` means "not sent", like an absent key, so it must not override a default. */
const withoutUndefined = (input: TeamRoutingSettingsInput): TeamRoutingSettingsInput =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
