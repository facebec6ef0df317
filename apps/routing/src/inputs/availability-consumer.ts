import { Inject, Injectable, Logger } from '@nestjs/common';
import { InvalidMessageError, parseAgentAvailabilityMessage } from '@app/contracts';
import { MESSAGE_BUS, type IncomingMessage, type MessageBus } from '@app/messaging';
import { RestartingInput } from '@app/platform';
import { ROUTING_CONFIG, type RoutingConfig } from '../routing-config.js';
import { QueueDrain } from '../assignment/queue-drain.js';
import { RoutingState } from '../routing-state.js';
import { SerialWork } from '../assignment/serial-work.js';
import { StrandedAssignmentRecovery } from '../assignment/stranded-assignment-recovery.js';
import { DeadlineSweep } from '../offers/deadline-sweep.js';
import { StrandedOfferRecovery } from '../offers/stranded-offer-recovery.js';

/**
 * Feeds the routing view from the availability topic. A private consumer (no
 * group) from the beginning: every routing instance needs every agent, and a
 * compacted topic replays the whole floor on start.
 */
@Injectable()
export class AvailabilityConsumer {
  private readonly logger = new Logger(AvailabilityConsumer.name);
  private malformedCount = 0;
  private appliedCount = 0;
  readonly input: RestartingInput;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ROUTING_CONFIG) private readonly config: RoutingConfig,
    private readonly state: RoutingState,
    private readonly recovery: StrandedAssignmentRecovery,
    private readonly offerRecovery: StrandedOfferRecovery,
    private readonly deadlines: DeadlineSweep,
    private readonly drain: QueueDrain,
    private readonly work: SerialWork,
  ) {
    // Reopened from the beginning after an error: the view keeps the highest revision per agent, so repeats change nothing.
    this.input = new RestartingInput('availability consumer', (onError) => this.bus.consume(
      this.config.availabilityTopic, (message) => this.receive(message), { fromBeginning: true, onError },
    ), this.logger);
  }

  get status() {
    return { applied: this.appliedCount, malformed: this.malformedCount, error: this.input.error?.message ?? null };
  }

  private receive(message: IncomingMessage): void {
    let availability;
    try {
      availability = parseAgentAvailabilityMessage(message.value);
    } catch (error) {
      if (!(error instanceof InvalidMessageError)) throw error;
      // One bad message must not stop the floor from updating: count it, say where it is, move on.
      this.malformedCount++;
      this.logger.warn(`skipped message at ${message.topic}/${message.partition}@${message.offset}: ${error.message}`);
      return;
    }
    if (!this.state.applyAvailability(availability)) return;
    this.appliedCount++;
    if (!this.state.caughtUp) return;
    const { agentId, teams } = availability;
    if (this.recovery.suspects(agentId).length > 0 || this.offerRecovery.suspects(agentId).length > 0) {
      this.work.run(async () => {
        await this.recovery.recover(agentId);
        await this.offerRecovery.recover(agentId);
      }).catch((error: Error) => this.logger.error(`recovering ${agentId}'s assignments and offers failed: ${error.message}`));
    }
    // An agent who left loses its pending offers at once, and its conversations' grace starts.
    this.deadlines.agentChanged(agentId);
    this.drain.schedule(teams);
  }
}
