import type { RoutedAgent } from './routed-agent.js';
import type { RoutingView } from './routing-view.js';
import type { HeldConversation, PendingOffer } from './tracked-conversation.js';

/**
 * Routing work that falls due with time or with an agent leaving, found from
 * the view's state alone. The view is rebuilt from the events on start, and
 * the deadlines are in those events (an offer's in ConversationOffered, a
 * grace from the agent's unavailability and the team's setting), so a
 * restarted process finds the same work; each command that does it is
 * guarded by the conversation's expected revision, so it happens once.
 */
export type DueWork =
  /** The offer's deadline passed unanswered: a missed offer. */
  | { readonly kind: 'expire-offer'; readonly conversationId: string; readonly team: string; readonly agentId: string; readonly dueAt: string }
  /** The offered agent is not online any more: the offer is taken back at once, without blame. */
  | { readonly kind: 'rescind-offer'; readonly conversationId: string; readonly team: string; readonly agentId: string }
  /** The agent holding it stayed away or offline past the team's grace. */
  | { readonly kind: 'requeue'; readonly conversationId: string; readonly team: string; readonly agentId: string; readonly dueAt: string };

export type OfferEndWork = Extract<DueWork, { kind: 'expire-offer' | 'rescind-offer' }>;
export type RequeueWork = Extract<DueWork, { kind: 'requeue' }>;

const isAway = (agent: RoutedAgent | undefined): agent is RoutedAgent => agent !== undefined && agent.status !== 'online';

/** An offer's work at `at`, if any. An agent who left only after the deadline had missed it first. */
const offerWork = (offer: PendingOffer, agent: RoutedAgent | undefined, at: number): DueWork | undefined => {
  const { conversationId, team, agentId, offerExpiresAt } = offer;
  const deadline = Date.parse(offerExpiresAt);
  const leftAt = isAway(agent) && agent.unavailableSince ? Date.parse(agent.unavailableSince) : undefined;
  if (isAway(agent) && (leftAt === undefined || leftAt < deadline)) return { kind: 'rescind-offer', conversationId, team, agentId };
  return at >= deadline ? { kind: 'expire-offer', conversationId, team, agentId, dueAt: offerExpiresAt } : undefined;
};

/** When a held conversation falls due for re-queueing, or undefined while its agent is online or the team has no grace. */
export const graceDeadline = (view: RoutingView, held: HeldConversation): number | undefined => {
  const grace = view.teamSettings(held.team).reassignAfterSeconds;
  const agent = view.agent(held.agentId);
  if (grace === null || !isAway(agent) || !agent.unavailableSince) return undefined;
  return Date.parse(agent.unavailableSince) + grace * 1000;
};

const requeueWork = (view: RoutingView, held: HeldConversation, at: number): DueWork | undefined => {
  const deadline = graceDeadline(view, held);
  if (deadline === undefined || at < deadline) return undefined;
  return { kind: 'requeue', conversationId: held.conversationId, team: held.team, agentId: held.agentId, dueAt: new Date(deadline).toISOString() };
};

/** Everything due at `at`: offers to expire or rescind, conversations to re-queue. A sweep for start-up and the timer. */
export const dueAt = (view: RoutingView, at: Date): DueWork[] => {
  const now = at.getTime();
  const due: DueWork[] = [];
  for (const offer of view.pendingOffers()) {
    const work = offerWork(offer, view.agent(offer.agentId), now);
    if (work) due.push(work);
  }
  for (const held of view.heldConversations()) {
    const work = requeueWork(view, held, now);
    if (work) due.push(work);
  }
  return due;
};

/** What is due at `at` for one conversation, if anything: its offer's expiry or rescind, or its re-queue. */
export const dueFor = (view: RoutingView, conversationId: string, at: Date): DueWork | undefined => {
  const offer = view.pendingOffer(conversationId);
  if (offer) return offerWork(offer, view.agent(offer.agentId), at.getTime());
  const held = view.heldConversation(conversationId);
  return held ? requeueWork(view, held, at.getTime()) : undefined;
};

/**
 * What is due at `at` for one agent's offers and conversations (as its
 * availability lists them): the same rules as `dueAt`, at the cost of that
 * agent alone, for each availability message.
 */
export const dueForAgent = (view: RoutingView, agentId: string, at: Date): DueWork[] => {
  const agent = view.agent(agentId);
  if (!agent) return [];
  const now = at.getTime();
  const due: DueWork[] = [];
  for (const conversationId of agent.pendingOffers ?? []) {
    const offer = view.pendingOffer(conversationId);
    const work = offer?.agentId === agentId ? offerWork(offer, agent, now) : undefined;
    if (work) due.push(work);
  }
  for (const conversationId of agent.openConversations) {
    const held = view.heldConversation(conversationId);
    const work = held?.agentId === agentId ? requeueWork(view, held, now) : undefined;
    if (work) due.push(work);
  }
  return due;
};

/**
 * Every offer deadline and grace deadline in the view (ms since the epoch),
 * by conversation, so a timer can be set for each; rescinds are due as soon
 * as an agent leaves, so they have none. For a start-up or a settings change;
 * afterwards each new offer and each departure brings its own deadline.
 */
export function* deadlinesIn(view: RoutingView): Iterable<{ readonly conversationId: string; readonly at: number }> {
  for (const offer of view.pendingOffers()) yield { conversationId: offer.conversationId, at: Date.parse(offer.offerExpiresAt) };
  for (const held of view.heldConversations()) {
    const at = graceDeadline(view, held);
    if (at !== undefined) yield { conversationId: held.conversationId, at };
  }
}
