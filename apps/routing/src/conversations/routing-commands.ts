import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CloseConversation, QueueConversation, TransferConversation } from '@app/routing-domain';
import { ConversationLifecycle, type LifecycleOutcome } from './conversation-lifecycle.js';

/* The CommandBus messages wrap the pure domain commands; handlers stay one line, the lifecycle runs the steps. */

export class QueueConversationCommand extends Command<LifecycleOutcome> {
  constructor(readonly command: QueueConversation) { super(); }
}

export class TransferConversationCommand extends Command<LifecycleOutcome> {
  constructor(readonly command: TransferConversation) { super(); }
}

export class CloseConversationCommand extends Command<LifecycleOutcome> {
  constructor(readonly command: CloseConversation) { super(); }
}

@CommandHandler(QueueConversationCommand)
export class QueueConversationHandler implements ICommandHandler<QueueConversationCommand> {
  constructor(private readonly lifecycle: ConversationLifecycle) {}
  execute({ command }: QueueConversationCommand): Promise<LifecycleOutcome> { return this.lifecycle.queue(command); }
}

@CommandHandler(TransferConversationCommand)
export class TransferConversationHandler implements ICommandHandler<TransferConversationCommand> {
  constructor(private readonly lifecycle: ConversationLifecycle) {}
  execute({ command }: TransferConversationCommand): Promise<LifecycleOutcome> { return this.lifecycle.transfer(command); }
}

@CommandHandler(CloseConversationCommand)
export class CloseConversationHandler implements ICommandHandler<CloseConversationCommand> {
  constructor(private readonly lifecycle: ConversationLifecycle) {}
  execute({ command }: CloseConversationCommand): Promise<LifecycleOutcome> { return this.lifecycle.close(command); }
}

export const ROUTING_COMMAND_HANDLERS = [QueueConversationHandler, TransferConversationHandler, CloseConversationHandler];
