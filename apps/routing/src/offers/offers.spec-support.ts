/** Two routing instances' offer steps on one SQLite store, with a clock the spec moves: the app's classes wired by hand. */
import type { CommandMetadata } from '@app/kernel';
import { SqliteEventStore } from '@app/event-store';
import { StreamRunner } from '@app/platform';
import { presenceDecider } from '@app/presence-domain';
import { DEFAULT_TEAM_ROUTING_SETTINGS, conversationDecider, type Conversation, type TeamRoutingSettings } from '@app/routing-domain';
import { ConversationAssignment } from '../assignment/conversation-assignment.js';
import { ConversationRouting } from '../assignment/conversation-routing.js';
import { QueueDrain } from '../assignment/queue-drain.js';
import { SerialWork } from '../assignment/serial-work.js';
import { RoutingClock } from '../routing-clock.js';
import { routingConfigFrom } from '../routing-config.js';
import { RoutingState } from '../routing-state.js';
import { DeadlineSweep } from './deadline-sweep.js';
import { DeadlineTimer } from './deadline-timer.js';
import { GraceRequeue } from './grace-requeue.js';
import { OfferAnswers } from './offer-answers.js';
import { OfferEndings } from './offer-endings.js';
import { Offering } from './offering.js';
import { StrandedOfferRecovery } from './stranded-offer-recovery.js';

export const T0 = new Date('2026-11-25T10:00:00.000Z');
export const seconds = (n: number) => new Date(T0.getTime() + n * 1000);

/** A clock that stands still until the spec moves it. */
export class StillClock extends RoutingClock {
  constructor(public at: Date = T0) { super(); }
  override now(): Date { return this.at; }
}

const instance = (store: SqliteEventStore, clock: RoutingClock, settings: TeamRoutingSettings) => {
  const state = new RoutingState(routingConfigFrom({}));
  state.view.applyTeamSettings('sales', settings);
  const conversations = new StreamRunner(store, conversationDecider);
  const agents = new StreamRunner(store, presenceDecider);
  const work = new SerialWork();
  const timer = new DeadlineTimer(clock);
  const offering = new Offering(state, conversations, agents, clock, timer);
  const routing = new ConversationRouting(state, conversations, new ConversationAssignment(state, conversations, agents, clock), offering);
  const drain = new QueueDrain(state, routing, work);
  const endings = new OfferEndings(state, conversations, agents, offering, routing, clock);
  const sweep = new DeadlineSweep(state, endings, new GraceRequeue(state, conversations, agents, clock), drain, work, timer, clock);
  return {
    state, routing, work, sweep, timer, answers: new OfferAnswers(state, conversations, agents, offering, routing, work, clock),
    recovery: new StrandedOfferRecovery(state, offering, conversations, agents, clock),
  };
};

export type Router = ReturnType<typeof instance>;

export const offerFloor = (store: SqliteEventStore, settings: Partial<TeamRoutingSettings> = {}) => {
  const clock = new StillClock();
  const team = { ...DEFAULT_TEAM_ROUTING_SETTINGS, routingMode: 'offer' as const, ...settings };
  const agents = new StreamRunner(store, presenceDecider);
  const conversations = new StreamRunner(store, conversationDecider);
  const meta = (commandId: string, actor: CommandMetadata['actor'] = { kind: 'admin', id: 'admin' }): CommandMetadata =>
    ({ now: clock.now(), actor, commandId, correlationId: commandId });
  const asAgent = (agentId: string) => ({ kind: 'agent' as const, id: agentId });
  const routers = [instance(store, clock, team), instance(store, clock, team)];
  return {
    clock, agents, conversations, routers,
    /** The timers never fire in a spec (the clock stands still); stopped so none outlives it. */
    stop: () => { for (const router of routers) router.timer.stop(); },
    /** An agent online in sales with room for `max`, by its own choice (the system may set away only such an agent). */
    online: async (agentId: string, max = 1) => {
      await agents.run({ type: 'PutAgentProfile', data: { agentId, displayName: agentId, teams: ['sales'], maxConcurrentConversations: max }, metadata: meta(`reg-${agentId}`) });
      await agents.run({ type: 'SetAgentStatus', data: { agentId, status: 'online' }, metadata: meta(`on-${agentId}-${clock.now().getTime()}`, asAgent(agentId)) });
    },
    setStatus: (agentId: string, status: 'online' | 'away' | 'offline') =>
      agents.run({ type: 'SetAgentStatus', data: { agentId, status }, metadata: meta(`${status}-${agentId}-${clock.now().getTime()}`, asAgent(agentId)) }),
    queue: (conversationId: string) =>
      conversations.run({ type: 'QueueConversation', data: { conversationId, team: 'sales', priority: 0 }, metadata: meta(`q-${conversationId}`) }),
    accept: (conversationId: string, agentId: string) =>
      ({ type: 'AcceptOffer' as const, data: { conversationId, agentId }, metadata: meta(`acc-${conversationId}-${agentId}`, asAgent(agentId)) }),
    decline: (conversationId: string, agentId: string) =>
      ({ type: 'DeclineOffer' as const, data: { conversationId, agentId }, metadata: meta(`dec-${conversationId}-${agentId}`, asAgent(agentId)) }),
    /** What the availability topic would tell every routing instance about the agents. */
    see: async (...agentIds: string[]) => {
      for (const agentId of agentIds) {
        const { state, expected } = await agents.load(agentId);
        if (state.kind !== 'registered') throw new Error(`${agentId} is not registered`);
        for (const router of routers) router.state.view.upsertAgent({ ...state, revision: expected as number });
      }
    },
    /** What the conversation subscription would tell every routing instance. */
    sync: async (conversationId: string) => {
      const { state, expected } = await conversations.load(conversationId);
      for (const router of routers) router.state.applyState(conversationId, state, expected as number);
    },
    agent: async (agentId: string) => (await agents.load(agentId)).state,
    conversation: async (conversationId: string) => (await conversations.load(conversationId)).state,
    eventTypes: async (conversationId: string) => (await conversations.load(conversationId)).events.map(({ event }) => event.type),
  };
};

export type OfferFloor = ReturnType<typeof offerFloor>;

export const offeredTo = (conversation: Conversation) => (conversation.kind === 'offered' ? conversation.agentId : undefined);
