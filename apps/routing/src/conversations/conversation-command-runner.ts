import { Inject, Injectable, Optional } from '@nestjs/common';
import { countedCommand } from '../../../presence/src/operations/command-metrics.js';
import { Metrics } from '../../../presence/src/operations/metrics.js';
import {
  CommandRunner, EVENT_STORE, RUNNER_STORAGE, type CommandOutcome, type RunnerStorage, type EventStore, type LoadedStream, type RunOptions,
} from '@app/event-store';
import {
  conversationDecider, conversationStreamId, type Conversation, type ConversationCommand, type ConversationEvent,
} from '@app/routing-domain';

export type ConversationOutcome = CommandOutcome<Conversation, ConversationEvent>;

/** The shared command runner bound to conversation streams. */
@Injectable()
export class ConversationCommandRunner {
  private readonly runner: CommandRunner<ConversationCommand, Conversation, ConversationEvent>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Optional() private readonly metrics?: Metrics,
    @Optional() @Inject(RUNNER_STORAGE) storage?: RunnerStorage,
  ) {
    this.runner = new CommandRunner(store, conversationDecider, storage);
  }

  run(command: ConversationCommand, options?: RunOptions): Promise<ConversationOutcome> {
    return countedCommand(this.metrics, command.type, () => this.runner.run(conversationStreamId(command.data.conversationId), command, options));
  }

  load(conversationId: string): Promise<LoadedStream<Conversation, ConversationEvent>> {
    return this.runner.load(conversationStreamId(conversationId));
  }
}
