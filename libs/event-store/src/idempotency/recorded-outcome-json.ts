import { formatPosition, parsePosition, type GlobalPosition } from '../global-position.js';
import type { RecordedOutcome } from './idempotency-ledger.port.js';

/** Positions hold bigints; as text they survive JSON in a side-table column or an event's data. */
type OutcomeJson =
  | { readonly kind: 'appended'; readonly count: number; readonly revision: number; readonly position: string; readonly state: string }
  | { readonly kind: 'unchanged'; readonly revision: number | null; readonly position: string | null; readonly state: string }
  | Extract<RecordedOutcome, { kind: 'refused' }>;

const positionFrom = (text: string): GlobalPosition => {
  const position = parsePosition(text);
  if (!position) throw new Error(`idempotency record holds ${JSON.stringify(text)}, not a position`);
  return position;
};

export const outcomeToJson = (outcome: RecordedOutcome): OutcomeJson => {
  switch (outcome.kind) {
    case 'appended':
      return { ...outcome, position: formatPosition(outcome.position) };
    case 'unchanged':
      return { ...outcome, revision: outcome.revision ?? null, position: outcome.position ? formatPosition(outcome.position) : null };
    case 'refused':
      return outcome;
    default: {
      const unhandled: never = outcome;
      throw new Error(`unknown recorded outcome ${JSON.stringify(unhandled)}`);
    }
  }
};

export const outcomeFromJson = (json: OutcomeJson): RecordedOutcome => {
  switch (json.kind) {
    case 'appended':
      return { ...json, position: positionFrom(json.position) };
    case 'unchanged':
      return { ...json, revision: json.revision ?? undefined, position: json.position === null ? undefined : positionFrom(json.position) };
    case 'refused':
      return { kind: 'refused', refusal: json.refusal };
    default: {
      const unhandled: never = json;
      throw new Error(`unknown recorded outcome ${JSON.stringify(unhandled)}`);
    }
  }
};

export const outcomeToText = (outcome: RecordedOutcome): string => JSON.stringify(outcomeToJson(outcome));

export const outcomeFromText = (text: string): RecordedOutcome => outcomeFromJson(JSON.parse(text) as OutcomeJson);
