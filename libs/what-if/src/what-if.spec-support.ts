import type { LoggedEvent } from './recorded-day.js';
import { RecordedDayBuilder } from './recorded-day-builder.js';
import type { RecordedDay } from './recorded-day.js';

/** A time on the fixture day, e.g. at('10:01:30') or at('10:01:30.025'). */
export const at = (time: string): string => `2026-11-24T${time}${time.includes('.') ? '' : '.000'}Z`;
export const ms = (time: string): number => Date.parse(at(time));

const event = (streamId: string, type: string, data: object, time: string): LoggedEvent => ({
  streamId, type, data,
  metadata: { schemaVersion: 1, occurredAt: at(time), actor: { kind: 'service', id: 'spec' }, causationId: 'spec', correlationId: 'spec' },
});

const agentEvent = (agentId: string, type: string, data: object, time: string) => event(`agent-${agentId}`, type, { agentId, ...data }, time);
const conversationEvent = (conversationId: string, type: string, data: object, time: string) =>
  event(`conversation-${conversationId}`, type, { conversationId, ...data }, time);

/** The events a recorded day is made of, written the way the apps write them. */
export const recorded = {
  registered: (agentId: string, teams: string[], max: number, time: string) =>
    agentEvent(agentId, 'AgentRegistered', { displayName: agentId, teams, maxConcurrentConversations: max }, time),
  profileChanged: (agentId: string, teams: string[], max: number, time: string) =>
    agentEvent(agentId, 'AgentProfileChanged', { displayName: agentId, teams, maxConcurrentConversations: max }, time),
  status: (agentId: string, from: string, to: string, time: string) => agentEvent(agentId, 'AgentStatusChanged', { from, to, reason: null }, time),
  queued: (conversationId: string, team: string, time: string, priority = 0) =>
    conversationEvent(conversationId, 'ConversationQueued', { team, priority }, time),
  assigned: (conversationId: string, team: string, agentId: string, time: string) =>
    conversationEvent(conversationId, 'ConversationAssigned', { team, agentId }, time),
  offered: (conversationId: string, team: string, agentId: string, time: string) =>
    conversationEvent(conversationId, 'ConversationOffered', { team, agentId, offerExpiresAt: at('23:59:59') }, time),
  accepted: (conversationId: string, team: string, agentId: string, time: string) =>
    conversationEvent(conversationId, 'OfferAccepted', { team, agentId }, time),
  transferred: (conversationId: string, fromTeam: string, toTeam: string, fromAgentId: string | null, time: string) =>
    conversationEvent(conversationId, 'ConversationTransferred', { fromTeam, toTeam, fromAgentId, reason: null }, time),
  requeued: (conversationId: string, team: string, fromAgentId: string, time: string) =>
    conversationEvent(conversationId, 'ConversationRequeued', { team, fromAgentId, reason: 'agent-unavailable' }, time),
  closed: (conversationId: string, team: string, agentId: string | null, time: string) =>
    conversationEvent(conversationId, 'ConversationClosed', { team, agentId }, time),
};

/** Registered, then online: an agent ready from `time`. */
export const onlineAgent = (agentId: string, teams: string[], max: number, registeredAt: string, onlineAt: string): LoggedEvent[] =>
  [recorded.registered(agentId, teams, max, registeredAt), recorded.status(agentId, 'offline', 'online', onlineAt)];

/** The events in the order given, read as one recorded day over [from, to). */
export const dayOf = (events: readonly LoggedEvent[], from = '00:00:00', to = '23:59:59'): RecordedDay => {
  const builder = new RecordedDayBuilder({ from: ms(from), to: ms(to) });
  for (const logged of events) builder.add(logged);
  return builder.build();
};
