import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { QueueConversation } from '@app/routing-domain';
import { ConversationLifecycle, type LifecycleOutcome } from '../conversation-lifecycle.js';

/** The CommandBus message wraps the pure domain command; the lifecycle runs the steps. */
export class QueueConversationCommand extends Command<LifecycleOutcome> {
  constructor(readonly command: QueueConversation) { super(); }
}

@CommandHandler(QueueConversationCommand)
export class QueueConversationHandler implements ICommandHandler<QueueConversationCommand> {
  constructor(private readonly lifecycle: ConversationLifecycle) {}
  execute({ command }: QueueConversationCommand): Promise<LifecycleOutcome> { return this.lifecycle.queue(command); }
}
