import type { Refusal } from './idempotency-ledger.port.js';

/** A remembered refusal for a decider that cannot rebuild its own error (it gave no RefusalCodec.toError). */
export class RememberedRefusalError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(refusal: Refusal) {
    super(refusal.message);
    this.name = 'RememberedRefusalError';
    this.code = refusal.code;
    this.field = refusal.field;
  }
}
