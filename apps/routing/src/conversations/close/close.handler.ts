import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CloseConversation } from '@app/routing-domain';
import { ConversationLifecycle, type LifecycleOutcome } from '../conversation-lifecycle.js';

/** The CommandBus message wraps the pure domain command; the lifecycle runs the steps. */
export class CloseConversationCommand extends Command<LifecycleOutcome> {
  constructor(readonly command: CloseConversation) { super(); }
}

@CommandHandler(CloseConversationCommand)
export class CloseConversationHandler implements ICommandHandler<CloseConversationCommand> {
  constructor(private readonly lifecycle: ConversationLifecycle) {}
  execute({ command }: CloseConversationCommand): Promise<LifecycleOutcome> { return this.lifecycle.close(command); }
}
