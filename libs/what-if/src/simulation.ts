import { RoutingView, type RoutingPolicy } from '@app/routing-domain';
import { AgentLedger } from './agent-ledger.js';
import { ConversationLedger } from './conversation-ledger.js';
import { DueHeap, isBefore, type Due } from './due-heap.js';
import { QueueLengths } from './queue-lengths.js';
import type { Happening, RecordedDay, Segment } from './recorded-day.js';
import type { SimulationOutcome } from './simulation-outcome.js';

export interface SimulationOptions {
  /** Called now and then with the share (0..1) of the range simulated so far. */
  readonly onProgress?: (done: number) => void;
}

const PROGRESS_EVERY = 8_192;

/**
 * The recorded range re-run through one policy in simulated time: agents
 * change status, teams and capacity when the record says; conversations
 * arrive when it says; each stretch a simulated agent takes lasts as long as
 * the recorded one did (plus the recorded accept delay, for an offer) and
 * then ends as it did: closed, transferred, or queued again. A stretch that
 * ended in the record before anyone took it ends the same time after it
 * began waiting, if still waiting (the customer's patience), or at once when
 * taken. Routing decisions are the routing app's: the queue head of the
 * team, to the policy's choice, whenever something arrives or someone can
 * take more. No clock, no timers: the next thing due comes next.
 */
export class Simulation {
  private readonly view = new RoutingView();
  private readonly agents: AgentLedger;
  private readonly ledger: ConversationLedger;
  private readonly due = new DueHeap();
  private readonly queues = new QueueLengths();
  private readonly indexOf = new Map<string, number>();
  private now: number;

  constructor(private readonly day: RecordedDay, private readonly policy: RoutingPolicy) {
    this.agents = new AgentLedger(this.view, day.range.to);
    this.ledger = new ConversationLedger(day.conversations);
    day.conversations.forEach((conversation, index) => this.indexOf.set(conversation.conversationId, index));
    this.now = day.range.from;
  }

  run(options: SimulationOptions = {}): SimulationOutcome {
    this.start();
    const happenings = this.day.happenings;
    let next = 0;
    for (let step = 1; ; step++) {
      const happening: Happening | undefined = happenings[next];
      const due: Due | undefined = this.due.peek();
      if (!happening && !due) break;
      if (happening && (!due || isBefore(happening, due))) {
        next++;
        this.now = Math.max(this.now, happening.at);
        if (happening.kind === 'agent') this.drain(this.agents.change(happening.change));
        else this.drain([this.enqueue(happening.conversation, 0)]);
      } else {
        this.due.pop();
        this.now = Math.max(this.now, due!.at);
        this.settle(due!);
      }
      if (options.onProgress && step % PROGRESS_EVERY === 0) options.onProgress(this.share());
    }
    return this.outcome(Math.max(this.now, this.day.logEndsAt));
  }

  /** The floor at the start of the range: agents as they were, conversations carried over where they were. */
  private start(): void {
    for (const change of this.day.agentsAtStart) this.agents.change(change);
    const waiting: { index: number; segment: number; since: number }[] = [];
    this.day.conversations.forEach(({ start, conversationId, segments }, index) => {
      if (start.kind === 'waiting') waiting.push({ index, segment: start.segment, since: start.since });
      if (start.kind !== 'with-agent') return;
      this.ledger.stretchOf[index] = start.segment;
      this.ledger.taken(index, start.agentId, this.now, 0);
      this.agents.take(start.agentId, conversationId, this.now);
      const { endSeq } = segments[start.segment];
      if (start.until !== Infinity) this.due.push({ at: start.until, seq: endSeq, kind: 'ends', conversation: index, segment: start.segment });
    });
    waiting.sort((a, b) => a.since - b.since);
    for (const { index, segment, since } of waiting) this.enqueue(index, segment, since);
    this.drain([...this.view.drainableTeams()]);
  }

  /** The conversation starts waiting in its stretch `segment` (since `since`, for one carried over); returns the team. */
  private enqueue(index: number, segment: number, since = this.now): string {
    const conversation = this.day.conversations[index];
    const stretch = conversation.segments[segment];
    this.ledger.startWaiting(index, segment, since);
    this.queues.joined(stretch.team);
    this.view.trackConversation({
      kind: 'queued', conversationId: conversation.conversationId, team: stretch.team, priority: conversation.priority, queuedAt: conversation.arrivedAtText,
    });
    if (stretch.patienceMs !== undefined) {
      this.due.push({ at: since + stretch.patienceMs, seq: stretch.endSeq, kind: 'gives-up', conversation: index, segment });
    }
    return stretch.team;
  }

  /** Assigns queue heads of each team, in order, while the policy finds someone. */
  private drain(teams: readonly string[]): void {
    for (const team of teams) {
      for (;;) {
        const head = this.view.queueHead(team);
        if (!head) break;
        const agentId = this.policy.selectAgent(this.view, team);
        if (agentId === undefined) break;
        this.assign(this.indexOf.get(head.conversationId)!, agentId);
      }
    }
  }

  private assign(index: number, agentId: string): void {
    const conversation = this.day.conversations[index];
    const segment = this.ledger.stretchOf[index];
    const stretch = conversation.segments[segment];
    this.ledger.taken(index, agentId, this.now, stretch.acceptDelayMs);
    this.queues.left(stretch.team);
    this.view.trackConversation({
      kind: 'assigned', conversationId: conversation.conversationId, team: stretch.team, priority: conversation.priority,
      queuedAt: conversation.arrivedAtText, agentId, assignedAt: new Date(this.now).toISOString(),
    });
    this.agents.take(agentId, conversation.conversationId, this.now);
    const handling = handlingOf(stretch);
    if (handling !== undefined) this.due.push({ at: this.now + stretch.acceptDelayMs + handling, seq: stretch.endSeq, kind: 'ends', conversation: index, segment });
  }

  /** A stretch ends: its agent is free (or its customer left the queue), then it closes or waits again elsewhere. */
  private settle(due: Due): void {
    const { conversation: index, segment } = due;
    if (this.ledger.stretchOf[index] !== segment) return;
    const conversation = this.day.conversations[index];
    const stretch = conversation.segments[segment];
    let freed: readonly string[] = [];
    if (due.kind === 'ends') {
      const agentId = this.ledger.released(index);
      if (agentId === null) return;
      freed = this.agents.release(agentId, conversation.conversationId, this.now);
    } else {
      if (!this.ledger.isWaiting(index)) return;
      this.ledger.left(index, this.now);
      this.queues.left(stretch.team);
      this.view.trackConversation({ kind: 'closed', conversationId: conversation.conversationId, team: stretch.team, agentId: null, closedAt: '' });
    }
    // As the routing app does: the conversation waits in its new team first, then the freed agent's teams drain, then that team.
    const waitsAgain = stretch.end.kind === 'transferred' || stretch.end.kind === 'requeued';
    if (waitsAgain) this.enqueue(index, segment + 1);
    else this.ledger.ended(index);
    this.drain(freed);
    if (waitsAgain) this.drain([conversation.segments[segment + 1].team]);
  }

  private share(): number {
    const { from, to } = this.day.range;
    return to > from ? Math.min(1, Math.max(0, (this.now - from) / (to - from))) : 1;
  }

  private outcome(endsAt: number): SimulationOutcome {
    this.agents.finish(endsAt);
    const agents = [...this.agents.all()].map((agent) => ({
      agentId: agent.agentId, conversations: agent.conversations, busyMs: agent.busyMs, availableInRange: agent.availableInRange, teams: [...agent.teamsSeen],
    }));
    return {
      policy: this.policy.name, endsAt, conversations: this.ledger.outcomes(endsAt), agents,
      maxQueueLength: this.queues.max, maxQueueLengthByTeam: this.queues.maxByTeam(),
    };
  }
}

/** How long a simulated agent keeps the stretch; undefined when the record never ended it (kept to the end). */
const handlingOf = (stretch: Segment): number | undefined => {
  if (stretch.handlingMs !== undefined) return stretch.handlingMs;
  return stretch.end.kind === 'open' ? undefined : 0;
};

export const simulate = (day: RecordedDay, policy: RoutingPolicy, options?: SimulationOptions): SimulationOutcome =>
  new Simulation(day, policy).run(options);
