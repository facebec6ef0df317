import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AcceptOffer } from '@app/routing-domain';
import { OfferAnswers, type AnswerOutcome } from '../../offers/offer-answers.js';

/** The CommandBus message wraps the pure domain command; the offer answers run the steps. */
export class AcceptOfferCommand extends Command<AnswerOutcome> {
  constructor(readonly command: AcceptOffer) { super(); }
}

@CommandHandler(AcceptOfferCommand)
export class AcceptOfferHandler implements ICommandHandler<AcceptOfferCommand> {
  constructor(private readonly answers: OfferAnswers) {}
  execute({ command }: AcceptOfferCommand): Promise<AnswerOutcome> { return this.answers.accept(command); }
}
