import type { StoredEvent } from '@app/kernel';
import { upcastPresenceEvent } from '../upcast-presence-event.js';
import type { OfferOutcome, TimeInStatusFact } from './time-in-status-row.js';

/**
 * The offer outcomes the report counts, as issue 11 writes them on the
 * agent's stream: `AgentOfferReleased` with outcome `missed` or `declined`
 * (a `rescinded` offer is not the agent's doing and is not counted). Read
 * by name and shape, so the report counts them from the day offers are
 * appended without this module knowing their event type.
 */
const OFFER_RELEASED = 'AgentOfferReleased';

const offerOutcomeOf = (stored: StoredEvent): OfferOutcome | undefined => {
  if (stored.type !== OFFER_RELEASED) return undefined;
  const data = stored.data as { readonly agentId?: unknown; readonly outcome?: unknown } | null;
  const occurredAt = (stored.metadata as { readonly occurredAt?: unknown } | null)?.occurredAt;
  if (typeof data?.agentId !== 'string' || typeof occurredAt !== 'string') return undefined;
  if (data.outcome !== 'missed' && data.outcome !== 'declined') return undefined;
  return { type: 'OfferOutcome', data: { agentId: data.agentId, outcome: data.outcome }, metadata: { occurredAt } };
};

/** What a stored event of an agent stream means to the time-in-status report, if anything. */
export const timeInStatusFactOf = (stored: StoredEvent): TimeInStatusFact | undefined =>
  upcastPresenceEvent(stored) ?? offerOutcomeOf(stored);
