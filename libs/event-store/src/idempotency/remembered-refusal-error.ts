import { CodedError, type ErrorKind } from '@app/kernel';
import type { Refusal } from './idempotency-ledger.port.js';

/**
 * A remembered refusal for a decider that cannot rebuild its own error (it
 * gave no RefusalCodec.toError): the same code and kind, so the edge answers
 * a retry with the status and code of the first answer.
 */
export class RememberedRefusalError extends CodedError {
  readonly kind: ErrorKind;

  constructor(refusal: Refusal) {
    super(refusal.code, refusal.message, refusal.field);
    this.kind = refusal.kind ?? 'conflict';
  }
}
