import type { StoredEvent } from '@app/kernel';
import { upcastPresenceEvent } from '../upcast-presence-event.js';
import { offerOutcomeOf, type TimeInStatusFact } from './time-in-status-row.js';

/**
 * What a stored event of an agent stream means to the time-in-status report,
 * if anything: an offer the agent ended (AgentOfferReleased, missed or
 * declined) as its OfferOutcome; a reservation, or an offer taken back from
 * the agent, as nothing; every other presence event as it is.
 */
export const timeInStatusFactOf = (stored: StoredEvent): TimeInStatusFact | undefined => {
  const event = upcastPresenceEvent(stored);
  if (event?.type === 'AgentOfferReserved') return undefined;
  if (event?.type === 'AgentOfferReleased') return offerOutcomeOf(event);
  return event;
};
