import { AGENT_STREAM_PREFIX, evolve, initialPresence, upcastPresenceEvent, type AgentPresence } from '@app/presence-domain';
import { CONVERSATION_STREAM_PREFIX } from '@app/routing-domain';
import { ConversationHistory } from './conversation-history.js';
import type { AgentChange, Happening, LoggedEvent, RecordedConversation, RecordedDay, SimulationRange } from './recorded-day.js';

interface KnownAgent {
  presence: AgentPresence;
  /** Its availability after the last change of status, teams or capacity. */
  latest: AgentChange | undefined;
  /** Its availability when the range starts (its latest before it). */
  atStart: AgentChange | undefined;
}

/** The fields of conversation events the simulation reads (each event has some of them). */
interface ConversationData {
  readonly conversationId?: string;
  readonly team?: string;
  readonly priority?: number;
  readonly agentId?: string;
  readonly toTeam?: string;
}

/** Conversation events that set routing off in the app: something arrives, or someone's capacity frees. */
const ROUTING_TRIGGERS = new Set([
  'ConversationQueued', 'ConversationTransferred', 'ConversationRequeued', 'ConversationClosed', 'OfferDeclined', 'OfferExpired', 'OfferRescinded',
]);

/**
 * How long after the event that set it off an assignment still counts as
 * decided then: the app takes milliseconds. A longer gap has a cause the log
 * does not show (routing was down, the bus lagged), so the assignment's own
 * time is taken instead.
 */
const DECISION_LATENCY_LIMIT_MS = 2_000;

/** How far past the range the log is followed once the record has closed every conversation of the range. */
export const FOLLOW_AFTER_RANGE_MS = 24 * 3600_000;

/**
 * Reads the log once, in order, into what a simulation of the range needs.
 * Memory follows the range, not the log: agents before it are folded to
 * their latest availability, conversations that ended before it are dropped
 * and those that arrive after it are never kept.
 */
export class RecordedDayBuilder {
  private seq = 0;
  private lastAt = -Infinity;
  /** Time of the latest event that could have set routing off: where the next decision counts from. */
  private lastTriggerAt = -Infinity;
  private readonly agents = new Map<string, KnownAgent>();
  /** Conversations that arrived before the range and are not yet over. */
  private readonly before = new Map<string, ConversationHistory>();
  /** Conversations that arrived in the range, in arrival order; arrivals' happenings index into it. */
  private readonly arrived: ConversationHistory[] = [];
  private readonly arrivedIndex = new Map<string, ConversationHistory>();
  private readonly happenings: Happening[] = [];
  /** Conversations of the range the record has not closed yet. */
  private openInRange = 0;

  constructor(readonly range: SimulationRange) {}

  /** Events read so far. */
  get count(): number {
    return this.seq;
  }

  /**
   * True once the rest of the log matters no more: every conversation of the
   * range is closed in the record and the log is a day past the range (a
   * policy that left some waiting longer still sees agents' changes for that
   * day). A reader may stop here instead of reading to the end.
   */
  get isComplete(): boolean {
    return this.openInRange === 0 && this.lastAt >= this.range.to + FOLLOW_AFTER_RANGE_MS;
  }

  add(event: LoggedEvent): void {
    const seq = this.seq++;
    const at = this.timeOf(event);
    if (event.streamId.startsWith(AGENT_STREAM_PREFIX)) {
      if (this.addAgentEvent(event, at, seq)) this.lastTriggerAt = at;
    } else if (event.streamId.startsWith(CONVERSATION_STREAM_PREFIX)) {
      this.addConversationEvent(event, at, seq);
      if (ROUTING_TRIGGERS.has(event.type)) this.lastTriggerAt = at;
    }
  }

  build(): RecordedDay {
    const { from } = this.range;
    const carried: RecordedConversation[] = [];
    for (const history of this.before.values()) {
      const start = history.startAt(from);
      if (start) carried.push(history.toRecorded(start));
    }
    const conversations = [...carried, ...this.arrived.map((history) => history.toRecorded({ kind: 'arrives' }))];
    const happenings = this.happenings.map((happening) =>
      (happening.kind === 'arrival' ? { ...happening, conversation: happening.conversation + carried.length } : happening));
    const agentsAtStart = [...this.agents.values()]
      .flatMap(({ atStart }) => (atStart ? [{ ...atStart, at: from }] : []))
      .sort((a, b) => a.seq - b.seq);
    return { range: this.range, agentsAtStart, conversations, happenings, logEndsAt: Math.max(this.lastAt, from) };
  }

  /** Log order is the truth: a time that goes backwards (two writers' clocks) is taken as the time before it. */
  private timeOf(event: LoggedEvent): number {
    const text = (event.metadata as { occurredAt?: unknown } | null)?.occurredAt;
    const parsed = typeof text === 'string' ? Date.parse(text) : Number.NaN;
    if (!Number.isNaN(parsed) && parsed > this.lastAt) this.lastAt = parsed;
    return this.lastAt;
  }

  /** Returns true when the agent's status, teams or capacity changed. */
  private addAgentEvent(stored: LoggedEvent, at: number, seq: number): boolean {
    const event = upcastPresenceEvent(stored);
    if (!event) return false;
    const agentId = event.data.agentId;
    const known = this.agents.get(agentId) ?? { presence: initialPresence(), latest: undefined, atStart: undefined };
    this.agents.set(agentId, known);
    known.presence = evolve(known.presence, event);
    if (known.presence.kind !== 'registered') return false;
    const { status, teams, maxConcurrentConversations } = known.presence;
    const latest = known.latest;
    if (latest && latest.status === status && latest.maxConcurrentConversations === maxConcurrentConversations && latest.teams.join('\n') === teams.join('\n')) return false;
    const change: AgentChange = { at, seq, agentId, status, teams, maxConcurrentConversations };
    known.latest = change;
    if (at < this.range.from) known.atStart = change;
    else this.happenings.push({ kind: 'agent', at, seq, change });
    return true;
  }

  private addConversationEvent(event: LoggedEvent, at: number, seq: number): void {
    const data = (event.data ?? {}) as ConversationData;
    const conversationId = data.conversationId;
    if (typeof conversationId !== 'string') return;
    const known = this.arrivedIndex.get(conversationId) ?? this.before.get(conversationId);
    if (known) {
      const wasOpen = known.closedAt === undefined;
      known.apply(event.type, data, at, seq, at - this.lastTriggerAt <= DECISION_LATENCY_LIMIT_MS ? this.lastTriggerAt : at);
      if (known.closedAt === undefined || !wasOpen) return;
      if (this.arrivedIndex.has(conversationId)) this.openInRange--;
      else if (known.closedAt <= this.range.from) this.before.delete(conversationId);
      return;
    }
    if (event.type !== 'ConversationQueued' || typeof data.team !== 'string' || at >= this.range.to) return;
    const text = (event.metadata as { occurredAt: string }).occurredAt;
    const history = new ConversationHistory(conversationId, data.team, data.priority ?? 0, at, text, seq);
    if (at < this.range.from) { this.before.set(conversationId, history); return; }
    this.happenings.push({ kind: 'arrival', at, seq, conversation: this.arrived.length });
    this.arrived.push(history);
    this.arrivedIndex.set(conversationId, history);
    this.openInRange++;
  }
}
