import { Injectable, Logger } from '@nestjs/common';
import { ConversationRouting } from './conversation-routing.js';
import { RoutingState } from '../routing-state.js';
import { SerialWork } from './serial-work.js';

/**
 * Routes queue heads (priority, then age) while someone eligible is left.
 * Requests to drain coalesce: many availability messages in a burst cost one
 * pass per team, run in SerialWork after whatever is already queued.
 */
@Injectable()
export class QueueDrain {
  private readonly logger = new Logger(QueueDrain.name);
  private readonly pending = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly state: RoutingState,
    private readonly routing: ConversationRouting,
    private readonly work: SerialWork,
  ) {}

  schedule(teams: Iterable<string>): void {
    for (const team of teams) this.pending.add(team);
    if (this.scheduled || this.pending.size === 0) return;
    this.scheduled = true;
    this.work.run(() => {
      this.scheduled = false;
      const teams = [...this.pending];
      this.pending.clear();
      return this.drain(teams);
    }).catch((error: Error) => this.logger.error(`draining queues failed: ${error.message}`));
  }

  /** Call inside SerialWork. */
  async drain(teams: Iterable<string>): Promise<void> {
    for (const team of teams) await this.drainTeam(team);
  }

  private async drainTeam(team: string): Promise<void> {
    for (;;) {
      const head = this.state.view.queueHead(team);
      if (!head || this.state.policy.selectAgent(this.state.view, team) === undefined) return;
      const after = await this.routing.route(head.conversationId);
      // Everyone eligible refused the head, so they would refuse the rest too; their next messages bring them back.
      if (after.kind === 'queued' && after.team === team) return;
    }
  }
}
