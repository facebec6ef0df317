import type { RecordedConversation } from './recorded-day.js';
import type { SimulatedConversation } from './simulation-outcome.js';

/** No stretch: the conversation is over (or has not started). */
export const NO_STRETCH = -1;

/**
 * The simulation's account of every conversation, in flat arrays indexed
 * like the recorded day's: which stretch it is in, since when it waits, how
 * long it has waited in all, and who took each stretch when.
 */
export class ConversationLedger {
  readonly stretchOf: Int32Array;
  /** NaN while not waiting. */
  private readonly waitingSince: Float64Array;
  private readonly waitMs: Float64Array;
  /** Who holds it now. */
  readonly agentOf: (string | null)[];
  private readonly agentsOf: (string | null)[][];
  private readonly assignedAtOf: (number | null)[][];
  private readonly gaveUp: Uint8Array;

  constructor(private readonly conversations: readonly RecordedConversation[]) {
    const count = conversations.length;
    this.stretchOf = new Int32Array(count).fill(NO_STRETCH);
    this.waitingSince = new Float64Array(count).fill(Number.NaN);
    this.waitMs = new Float64Array(count);
    this.agentOf = new Array<string | null>(count).fill(null);
    this.agentsOf = conversations.map((conversation) => conversation.segments.map(() => null));
    this.assignedAtOf = conversations.map((conversation) => conversation.segments.map(() => null));
    this.gaveUp = new Uint8Array(count);
  }

  isWaiting(index: number): boolean {
    return !Number.isNaN(this.waitingSince[index]);
  }

  startWaiting(index: number, stretch: number, since: number): void {
    this.stretchOf[index] = stretch;
    this.waitingSince[index] = since;
  }

  /** The agent takes the current stretch at `now`; the wait ends at the accept, `acceptDelayMs` later. */
  taken(index: number, agentId: string, now: number, acceptDelayMs: number): void {
    if (this.isWaiting(index)) this.waitMs[index] += now - this.waitingSince[index] + acceptDelayMs;
    this.waitingSince[index] = Number.NaN;
    this.agentOf[index] = agentId;
    this.agentsOf[index][this.stretchOf[index]] = agentId;
    this.assignedAtOf[index][this.stretchOf[index]] = now;
  }

  /** The agent is done with it; returns who that was. */
  released(index: number): string | null {
    const agentId = this.agentOf[index];
    this.agentOf[index] = null;
    return agentId;
  }

  /** The customer left the queue at `now`, as the record says. */
  left(index: number, now: number): void {
    this.waitMs[index] += now - this.waitingSince[index];
    this.waitingSince[index] = Number.NaN;
    this.gaveUp[index] = 1;
  }

  ended(index: number): void {
    this.stretchOf[index] = NO_STRETCH;
  }

  /** Each conversation's fate; one still waiting has waited until `endsAt`. */
  outcomes(endsAt: number): SimulatedConversation[] {
    return this.conversations.map((conversation, index) => {
      const waiting = this.isWaiting(index);
      return {
        conversationId: conversation.conversationId, team: conversation.segments[0].team, arrivedInRange: conversation.start.kind === 'arrives',
        waitMs: this.waitMs[index] + (waiting ? endsAt - this.waitingSince[index] : 0),
        answered: this.agentsOf[index].some((agentId) => agentId !== null), gaveUp: this.gaveUp[index] === 1, stillWaiting: waiting,
        agents: this.agentsOf[index], assignedAt: this.assignedAtOf[index],
      };
    });
  }
}
