import type { ConversationStart, RecordedConversation, Segment, SegmentEnd } from './recorded-day.js';

/** One stretch of a conversation in one team, in recorded (epoch ms) times. */
interface RecordedStretch {
  readonly team: string;
  readonly queuedAt: number;
  agentId: string | null;
  assignedAt: number | undefined;
  /** When routing decided to give it to `agentId` (see `apply`): handling and accept delay count from here. */
  decidedAt: number | undefined;
  acceptDelayMs: number;
  endAt: number | undefined;
  end: SegmentEnd;
  endSeq: number;
}

interface ConversationEventData {
  readonly agentId?: string;
  readonly toTeam?: string;
}

/**
 * A conversation's recorded life, folded from its stream's events: where it
 * waited, who had it and for how long, how each stretch ended. Reads event
 * types by name, so offer events (ConversationOffered, OfferAccepted) count
 * where the log has them; declined, expired and rescinded offers leave it
 * waiting, as they do in the record.
 */
export class ConversationHistory {
  private readonly stretches: RecordedStretch[] = [];
  /** When routing decided to offer it to each agent (offer mode): an accept's delay counts from there. */
  private offeredAt: Map<string, number> | undefined;

  constructor(
    readonly conversationId: string,
    readonly team: string,
    readonly priority: number,
    readonly arrivedAt: number,
    readonly arrivedAtText: string,
    readonly seq: number,
  ) {
    this.openStretch(team, arrivedAt);
  }

  /** The time of the end of its last stretch, or undefined while it is open. */
  get closedAt(): number | undefined {
    const last = this.stretches[this.stretches.length - 1];
    return last.end.kind === 'closed' ? last.endAt : undefined;
  }

  /**
   * `decidedAt` is the time of the latest event before this one that could
   * have set routing off (an arrival, a close, a transfer, an agent's change),
   * when it came just before: the moment routing decided an offer or an
   * assignment. Counting handling
   * from there rather than from the assign event leaves out the app's own few
   * milliseconds of work, which a simulation that decides in no time would
   * otherwise gain on every stretch.
   */
  apply(type: string, data: ConversationEventData, at: number, seq: number, decidedAt: number): void {
    const current = this.stretches[this.stretches.length - 1];
    if (current.end.kind !== 'open') return;
    switch (type) {
      case 'ConversationOffered':
        if (data.agentId) (this.offeredAt ??= new Map()).set(data.agentId, decidedAt);
        return;
      case 'OfferAccepted':
      case 'ConversationAssigned': {
        if (current.assignedAt !== undefined || !data.agentId) return;
        const offeredAt = type === 'OfferAccepted' ? this.offeredAt?.get(data.agentId) : undefined;
        current.agentId = data.agentId;
        current.assignedAt = at;
        current.decidedAt = offeredAt ?? decidedAt;
        current.acceptDelayMs = offeredAt === undefined ? 0 : at - offeredAt;
        this.offeredAt = undefined;
        return;
      }
      case 'ConversationTransferred':
        this.endStretch(current, { kind: 'transferred', toTeam: data.toTeam ?? current.team }, at, seq);
        this.openStretch(data.toTeam ?? current.team, at);
        return;
      case 'ConversationRequeued':
        this.endStretch(current, { kind: 'requeued' }, at, seq);
        this.openStretch(current.team, at);
        return;
      case 'ConversationClosed':
        this.endStretch(current, { kind: 'closed' }, at, seq);
        return;
      default:
        // Queued again (a retry) or an offer that ended unanswered: nothing the simulation replays.
        return;
    }
  }

  /** Where it stands at `from`, or undefined when it was over by then. Only for conversations that arrived before `from`. */
  startAt(from: number): ConversationStart | undefined {
    const segment = this.stretches.findIndex((stretch) => stretch.queuedAt <= from && (stretch.endAt === undefined || stretch.endAt > from));
    if (segment < 0) return undefined;
    const stretch = this.stretches[segment];
    if (stretch.assignedAt !== undefined && stretch.assignedAt <= from && stretch.agentId !== null) {
      return { kind: 'with-agent', segment, agentId: stretch.agentId, until: stretch.endAt ?? Infinity };
    }
    return { kind: 'waiting', segment, since: stretch.queuedAt };
  }

  toRecorded(start: ConversationStart): RecordedConversation {
    return {
      conversationId: this.conversationId, priority: this.priority, arrivedAt: this.arrivedAt, arrivedAtText: this.arrivedAtText,
      seq: this.seq, segments: this.stretches.map(toSegment), start,
    };
  }

  private openStretch(team: string, at: number): void {
    this.stretches.push({
      team, queuedAt: at, agentId: null, assignedAt: undefined, decidedAt: undefined, acceptDelayMs: 0, endAt: undefined, end: { kind: 'open' }, endSeq: Infinity,
    });
  }

  private endStretch(stretch: RecordedStretch, end: SegmentEnd, at: number, seq: number): void {
    stretch.end = end;
    stretch.endAt = at;
    stretch.endSeq = seq;
  }
}

const toSegment = (stretch: RecordedStretch): Segment => {
  const ended = stretch.endAt !== undefined;
  const assigned = stretch.decidedAt !== undefined;
  return {
    team: stretch.team,
    recordedAgentId: stretch.agentId,
    handlingMs: ended && assigned ? stretch.endAt! - stretch.decidedAt! - stretch.acceptDelayMs : undefined,
    acceptDelayMs: stretch.acceptDelayMs,
    patienceMs: ended && !assigned ? stretch.endAt! - stretch.queuedAt : undefined,
    end: stretch.end,
    endSeq: stretch.endSeq,
  };
};
