/**
 * Deterministic command ids for the offer steps routing takes on its own
 * (DRAFT). As in assignment-command-ids.ts, the conversation revision the
 * step acted on is part of the id, so the same step redone after a crash,
 * or taken by a second routing instance that saw the same state, carries
 * the same id: the store appends it once and the runner answers the repeat
 * from the events it already caused.
 */
export const reserveCommandId = (conversationId: string, agentId: string, revision: number) =>
  `reserve:${conversationId}:${agentId}:${revision}`;

export const offerCommandId = (conversationId: string, agentId: string, revision: number) =>
  `offer:${conversationId}:${agentId}:${revision}`;

/** Expiry or rescind of the offer routing saw at `revision`. */
export const offerEndCommandId = (kind: 'expire-offer' | 'rescind-offer', conversationId: string, agentId: string, revision: number) =>
  `${kind}:${conversationId}:${agentId}:${revision}`;

export const requeueCommandId = (conversationId: string, agentId: string, revision: number) =>
  `requeue:${conversationId}:${agentId}:${revision}`;

/** The system's away for missed offers, at the agent revision that showed the count reached. */
export const missedOfferAwayCommandId = (agentId: string, agentRevision: number | 'no_stream') =>
  `missed-offer:${agentId}:${agentRevision}`;

/** The agent-side step that follows a conversation-side step: derived from it, so a retry finishes it once. */
export const agentSideCommandId = (conversationStepId: string) => `${conversationStepId}:agent`;
