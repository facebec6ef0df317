import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DeclineOffer } from '@app/routing-domain';
import { OfferAnswers, type AnswerOutcome } from '../../offers/offer-answers.js';

/** The CommandBus message wraps the pure domain command; the offer answers run the steps. */
export class DeclineOfferCommand extends Command<AnswerOutcome> {
  constructor(readonly command: DeclineOffer) { super(); }
}

@CommandHandler(DeclineOfferCommand)
export class DeclineOfferHandler implements ICommandHandler<DeclineOfferCommand> {
  constructor(private readonly answers: OfferAnswers) {}
  execute({ command }: DeclineOfferCommand): Promise<AnswerOutcome> { return this.answers.decline(command); }
}
