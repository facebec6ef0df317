import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TransferConversation } from '@app/routing-domain';
import { ConversationLifecycle, type LifecycleOutcome } from '../conversation-lifecycle.js';

/** The CommandBus message wraps the pure domain command; the lifecycle runs the steps. */
export class TransferConversationCommand extends Command<LifecycleOutcome> {
  constructor(readonly command: TransferConversation) { super(); }
}

@CommandHandler(TransferConversationCommand)
export class TransferConversationHandler implements ICommandHandler<TransferConversationCommand> {
  constructor(private readonly lifecycle: ConversationLifecycle) {}
  execute({ command }: TransferConversationCommand): Promise<LifecycleOutcome> { return this.lifecycle.transfer(command); }
}
