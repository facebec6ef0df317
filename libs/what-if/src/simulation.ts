import { RoutingView, type RoutingPolicy } from '@app/routing-domain';
import { AgentLedger } from './agent-ledger.js';
import { DueHeap, isBefore, type Due } from './due-heap.js';
import { QueueLengths } from './queue-lengths.js';
import type { Happening, RecordedDay, Segment } from './recorded-day.js';
import type { SimulatedConversation, SimulationOutcome } from './simulation-outcome.js';

export interface SimulationOptions {
  /** Called now and then with the share (0..1) of the range simulated so far. */
  readonly onProgress?: (done: number) => void;
}

const PROGRESS_EVERY = 8_192;

/**
 * The recorded range re-run through one policy in simulated time: agents
 * change status, teams and capacity when the record says; conversations
 * arrive when it says; each stretch a simulated agent takes lasts as long as
 * the recorded one did (from the accept, plus the recorded accept delay for
 * an offer) and then ends as it did: closed, transferred, or queued again.
 * A stretch that ended in the record before anyone took it ends the same
 * time after it began waiting, if still waiting (the customer's patience),
 * or at once when taken. Routing decisions are the routing app's: the queue
 * head of the team, to the policy's choice, whenever something arrives or
 * someone can take more. No clock, no timers: the next thing due comes next.
 */
export class Simulation {
  private readonly view = new RoutingView();
  private readonly agents: AgentLedger;
  private readonly due = new DueHeap();
  private readonly queues = new QueueLengths();
  private readonly indexOf = new Map<string, number>();
  private readonly segmentOf: Int32Array;
  private readonly waitingSince: Float64Array;
  private readonly waitMs: Float64Array;
  private readonly agentOf: (string | null)[];
  private readonly agentsOf: (string | null)[][];
  private readonly gaveUp: Uint8Array;
  private now: number;

  constructor(private readonly day: RecordedDay, private readonly policy: RoutingPolicy) {
    const count = day.conversations.length;
    this.agents = new AgentLedger(this.view, day.range.to);
    this.segmentOf = new Int32Array(count);
    this.waitingSince = new Float64Array(count).fill(Number.NaN);
    this.waitMs = new Float64Array(count);
    this.agentOf = new Array<string | null>(count).fill(null);
    this.agentsOf = day.conversations.map((conversation) => conversation.segments.map(() => null));
    this.gaveUp = new Uint8Array(count);
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
    const waiting: number[] = [];
    this.day.conversations.forEach(({ start, conversationId, segments }, index) => {
      if (start.kind === 'with-agent') {
        this.segmentOf[index] = start.segment;
        this.agentOf[index] = start.agentId;
        this.agentsOf[index][start.segment] = start.agentId;
        this.agents.take(start.agentId, conversationId, this.now);
        const segment = segments[start.segment];
        if (start.until !== Infinity) this.due.push({ at: start.until, seq: segment.endSeq, kind: 'ends', conversation: index, segment: start.segment });
      } else if (start.kind === 'waiting') waiting.push(index);
    });
    waiting.sort((a, b) => this.sinceOf(a) - this.sinceOf(b));
    for (const index of waiting) this.enqueue(index, (this.day.conversations[index].start as { segment: number }).segment, this.sinceOf(index));
    this.drain([...this.view.drainableTeams()]);
  }

  private sinceOf(index: number): number {
    const start = this.day.conversations[index].start;
    return start.kind === 'waiting' ? start.since : this.now;
  }

  /** The conversation starts waiting in its stretch `segment` (since `since`, for one carried over); returns the team. */
  private enqueue(index: number, segment: number, since = this.now): string {
    const conversation = this.day.conversations[index];
    const stretch = conversation.segments[segment];
    this.segmentOf[index] = segment;
    this.waitingSince[index] = since;
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
    const segment = this.segmentOf[index];
    const stretch = conversation.segments[segment];
    this.waitMs[index] += this.now - this.waitingSince[index] + stretch.acceptDelayMs;
    this.waitingSince[index] = Number.NaN;
    this.agentOf[index] = agentId;
    this.agentsOf[index][segment] = agentId;
    this.queues.left(stretch.team);
    const at = new Date(this.now).toISOString();
    this.view.trackConversation({
      kind: 'assigned', conversationId: conversation.conversationId, team: stretch.team, priority: conversation.priority,
      queuedAt: conversation.arrivedAtText, agentId, assignedAt: at,
    });
    this.agents.take(agentId, conversation.conversationId, this.now);
    const handling = handlingOf(stretch);
    if (handling !== undefined) this.due.push({ at: this.now + stretch.acceptDelayMs + handling, seq: stretch.endSeq, kind: 'ends', conversation: index, segment });
  }

  /** A stretch ends: its agent is free (or its customer left the queue), then it closes or waits again elsewhere. */
  private settle(due: Due): void {
    const { conversation: index, segment } = due;
    if (this.segmentOf[index] !== segment) return;
    const conversation = this.day.conversations[index];
    const stretch = conversation.segments[segment];
    let freed: readonly string[] = [];
    if (due.kind === 'ends') {
      const agentId = this.agentOf[index];
      if (agentId === null) return;
      this.agentOf[index] = null;
      freed = this.agents.release(agentId, conversation.conversationId, this.now);
    } else {
      if (Number.isNaN(this.waitingSince[index])) return;
      this.waitMs[index] += this.now - this.waitingSince[index];
      this.waitingSince[index] = Number.NaN;
      this.gaveUp[index] = 1;
      this.queues.left(stretch.team);
      this.view.trackConversation({ kind: 'closed', conversationId: conversation.conversationId, team: stretch.team, agentId: null, closedAt: '' });
    }
    // As the routing app does: the conversation waits in its new team first, then the freed agent's teams drain, then that team.
    const waitsAgain = stretch.end.kind === 'transferred' || stretch.end.kind === 'requeued';
    if (waitsAgain) this.enqueue(index, segment + 1);
    else this.segmentOf[index] = -1;
    this.drain(freed);
    if (waitsAgain) this.drain([conversation.segments[segment + 1].team]);
  }

  private share(): number {
    const { from, to } = this.day.range;
    return to > from ? Math.min(1, Math.max(0, (this.now - from) / (to - from))) : 1;
  }

  private outcome(endsAt: number): SimulationOutcome {
    this.agents.finish(endsAt);
    const conversations: SimulatedConversation[] = this.day.conversations.map((conversation, index) => {
      const waiting = !Number.isNaN(this.waitingSince[index]);
      return {
        conversationId: conversation.conversationId, team: conversation.segments[0].team, arrivedInRange: conversation.start.kind === 'arrives',
        waitMs: this.waitMs[index] + (waiting ? endsAt - this.waitingSince[index] : 0),
        answered: this.agentsOf[index].some((agentId) => agentId !== null), gaveUp: this.gaveUp[index] === 1, stillWaiting: waiting,
        agents: this.agentsOf[index],
      };
    });
    const agents = [...this.agents.all()].map((agent) => ({
      agentId: agent.agentId, conversations: agent.conversations, busyMs: agent.busyMs, availableInRange: agent.availableInRange, teams: [...agent.teamsSeen],
    }));
    return { policy: this.policy.name, endsAt, conversations, agents, maxQueueLength: this.queues.max, maxQueueLengthByTeam: this.queues.maxByTeam() };
  }
}

/** How long a simulated agent keeps the stretch; undefined when the record never ended it (kept to the end). */
const handlingOf = (stretch: Segment): number | undefined => {
  if (stretch.handlingMs !== undefined) return stretch.handlingMs;
  return stretch.end.kind === 'open' ? undefined : 0;
};

export const simulate = (day: RecordedDay, policy: RoutingPolicy, options?: SimulationOptions): SimulationOutcome =>
  new Simulation(day, policy).run(options);
