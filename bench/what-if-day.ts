import type { NewEvent } from '@app/event-store';
import { leastLoadedPolicy } from '@app/routing-domain';
import { simulate, type AgentChange, type Happening, type LoggedEvent, type RecordedConversation, type RecordedDay, type Segment } from '@app/what-if';
import { orderedUuid, randomFrom } from './replay-log.js';

/** The synthetic day: 2026-11-24, UTC. */
export const DAY_START = Date.UTC(2026, 10, 24);
const HOUR = 3600_000;
const MINUTE = 60_000;

export interface DayShape {
  readonly agents: number;
  readonly conversations: number;
  readonly teams: number;
}

const teamName = (index: number) => `team-${index}`;

/**
 * Agents work 8-hour shifts starting between 06:00 and 14:00, with a
 * 15-minute break (away) after 4 hours; capacity 1 to 3; each in one team,
 * every fifth also in the next. Returns their changes in time order.
 */
const shifts = (shape: DayShape, random: () => number): AgentChange[] => {
  const changes: Omit<AgentChange, 'seq'>[] = [];
  for (let index = 0; index < shape.agents; index++) {
    const agentId = `agent-${index}`;
    const teams = index % 5 === 0 ? [teamName(index % shape.teams), teamName((index + 1) % shape.teams)].sort() : [teamName(index % shape.teams)];
    const maxConcurrentConversations = 1 + (index % 3);
    const start = DAY_START + 6 * HOUR + Math.floor(random() * 8 * HOUR);
    const change = (at: number, status: AgentChange['status']) => changes.push({ at, agentId, status, teams, maxConcurrentConversations });
    change(DAY_START + index, 'offline');
    change(start, 'online');
    change(start + 4 * HOUR, 'away');
    change(start + 4 * HOUR + 15 * MINUTE, 'online');
    change(start + 8 * HOUR, 'offline');
  }
  return changes.sort((a, b) => a.at - b.at).map((change, seq) => ({ ...change, seq }));
};

/**
 * Arrivals from 07:00 to 21:00, busiest at 14:00; handling 20 s plus an
 * exponential mean of 400 s; one in twenty transferred to the next team
 * after its first stretch; one in fifty at priority 5.
 */
const arrivals = (shape: DayShape, random: () => number, firstSeq: number): RecordedConversation[] => {
  // Ends of stretches come after every arrival in log order, each at its own place, so same-millisecond ties fall one way.
  const firstEndSeq = firstSeq + shape.conversations;
  const times = Array.from({ length: shape.conversations }, () => DAY_START + 7 * HOUR + Math.floor(7 * HOUR * (random() + random()))).sort((a, b) => a - b);
  const handling = () => 20_000 + Math.floor(-Math.log(1 - random()) * 400_000);
  return times.map((arrivedAt, index) => {
    const team = Math.floor(random() * shape.teams);
    const transferred = random() < 0.05;
    const stretch = (teamIndex: number, end: Segment['end'], place: number): Segment => ({
      team: teamName(teamIndex), recordedAgentId: null, handlingMs: handling(), acceptDelayMs: 0, patienceMs: undefined, end, endSeq: firstEndSeq + 2 * index + place,
    });
    const segments = transferred
      ? [stretch(team, { kind: 'transferred', toTeam: teamName((team + 1) % shape.teams) }, 0), stretch((team + 1) % shape.teams, { kind: 'closed' }, 1)]
      : [stretch(team, { kind: 'closed' }, 0)];
    return {
      conversationId: `chat-${index}`, priority: random() < 0.02 ? 5 : 0, arrivedAt, arrivedAtText: new Date(arrivedAt).toISOString(),
      seq: firstSeq + index, segments, start: { kind: 'arrives' },
    };
  });
};

/** The day as intentions: who works when, what arrives and how long each takes; nobody assigned yet. */
export const plannedDay = (shape: DayShape, seed = 7): RecordedDay => {
  const random = randomFrom(seed);
  const changes = shifts(shape, random);
  const conversations = arrivals(shape, random, changes.length);
  const happenings: Happening[] = [
    ...changes.map((change): Happening => ({ kind: 'agent', at: change.at, seq: change.seq, change })),
    ...conversations.map((conversation, index): Happening => ({ kind: 'arrival', at: conversation.arrivedAt, seq: conversation.seq, conversation: index })),
  ].sort((a, b) => a.at - b.at || a.seq - b.seq);
  return { range: { from: DAY_START, to: DAY_START + 24 * HOUR }, agentsAtStart: [], conversations, happenings, logEndsAt: DAY_START + 30 * HOUR };
};

/**
 * Within a millisecond, the order the planned day's simulation took things
 * in (agents' changes, arrivals, then ends by their place), so the log
 * replays to the same record; assignments last, after what caused them.
 */
const ORDER = { agent: 0, arrival: 1, end: 2, assign: 3 } as const;

interface Timed { readonly at: number; readonly order: number; readonly rank: number; readonly event: LoggedEvent }

const logged = (streamId: string, type: string, data: object, at: number): LoggedEvent => ({
  streamId, type, data: data as Record<string, unknown>,
  metadata: { schemaVersion: 1, occurredAt: new Date(at).toISOString(), actor: { kind: 'service', id: 'routing' }, causationId: 'synthetic', correlationId: 'synthetic' },
});

const agentEvents = (day: RecordedDay): Timed[] => {
  const statusOf = new Map<string, string>();
  return day.happenings.flatMap((happening): Timed[] => {
    if (happening.kind !== 'agent') return [];
    const { agentId, status, teams, maxConcurrentConversations, at } = happening.change;
    const stream = `agent-${agentId}`;
    const from = statusOf.get(agentId);
    const event = from === undefined
      ? logged(stream, 'AgentRegistered', { agentId, displayName: agentId, teams, maxConcurrentConversations }, at)
      : logged(stream, 'AgentStatusChanged', { agentId, from, to: status, reason: null }, at);
    statusOf.set(agentId, status);
    return [{ at, order: ORDER.agent, rank: happening.seq, event }];
  });
};

/** One conversation's events as least-loaded placed it: queued, then per stretch assigned and ended, on both streams. */
const conversationEvents = (conversation: RecordedConversation, agents: readonly (string | null)[], assignedAt: readonly (number | null)[]): Timed[] => {
  const { conversationId, priority, arrivedAt, segments } = conversation;
  const stream = `conversation-${conversationId}`;
  const timed: Timed[] = [{ at: arrivedAt, order: ORDER.arrival, rank: conversation.seq, event: logged(stream, 'ConversationQueued', { conversationId, team: segments[0].team, priority }, arrivedAt) }];
  for (let index = 0; index < segments.length; index++) {
    const agentId = agents[index];
    const at = assignedAt[index];
    if (agentId === null || at === null) break;
    const { team, end, endSeq } = segments[index];
    const ends = at + segments[index].handlingMs!;
    const released = logged(`agent-${agentId}`, 'AgentConversationReleased', { agentId, conversationId, reason: end.kind === 'transferred' ? 'transferred' : 'closed' }, ends);
    timed.push(
      { at, order: ORDER.assign, rank: 0, event: logged(`agent-${agentId}`, 'AgentConversationAssigned', { agentId, conversationId, team }, at) },
      { at, order: ORDER.assign, rank: 0, event: logged(stream, 'ConversationAssigned', { conversationId, team, agentId }, at) },
      end.kind === 'transferred'
        ? { at: ends, order: ORDER.end, rank: endSeq, event: logged(stream, 'ConversationTransferred', { conversationId, fromTeam: team, toTeam: end.toTeam, fromAgentId: agentId, reason: null }, ends) }
        : { at: ends, order: ORDER.end, rank: endSeq, event: logged(stream, 'ConversationClosed', { conversationId, team, agentId }, ends) },
      { at: ends, order: ORDER.end, rank: endSeq, event: released },
    );
  }
  return timed;
};

/**
 * The planned day as least-loaded would have recorded it: agents' events and
 * every conversation's, on their own streams, in time order (about five
 * events per conversation).
 */
export const recordedDayLog = (shape: DayShape, seed?: number): LoggedEvent[] => {
  const day = plannedDay(shape, seed);
  const outcome = simulate(day, leastLoadedPolicy);
  const timed = [
    ...agentEvents(day),
    ...day.conversations.flatMap((conversation, index) =>
      conversationEvents(conversation, outcome.conversations[index].agents, outcome.conversations[index].assignedAt)),
  ];
  // Stable: one conversation's events keep their causal order within a millisecond.
  return timed.sort((a, b) => a.at - b.at || a.order - b.order || a.rank - b.rank).map(({ event }) => event);
};

/** The log as events to append: deterministic UUIDs, in log order. */
export const asNewEvents = (log: readonly LoggedEvent[]): { streamId: string; event: NewEvent }[] =>
  log.map((event, index) => ({
    streamId: event.streamId,
    event: { id: orderedUuid(index), type: event.type, data: event.data as NewEvent['data'], metadata: event.metadata as NewEvent['metadata'] },
  }));
