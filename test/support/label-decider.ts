import type { Decider, Refusal } from '@app/kernel';

/**
 * The smallest stream kind that shows every outcome a runner answers: a
 * label that can be set (an append), set to what it is (a no-op), refused
 * while sealed (a business refusal, remembered) or refused as empty (a
 * malformed request, decided again).
 */
export interface LabelState {
  readonly label: string | null;
  readonly sealed: boolean;
  /** How many labels were ever set, and an order-sensitive digest of them: a fold that drops or reorders an event shows here. */
  readonly sets: number;
  readonly digest: number;
}

type LabelCommandMetadata = { readonly commandId: string; readonly freshCommandId?: boolean };

export type LabelCommand =
  | { readonly type: 'SetLabel'; readonly data: { readonly label: string }; readonly metadata: LabelCommandMetadata }
  | { readonly type: 'Seal' | 'Unseal'; readonly data: Record<string, never>; readonly metadata: LabelCommandMetadata };

export type LabelEvent =
  | { readonly type: 'LabelSet'; readonly data: { readonly from: string | null; readonly to: string }; readonly metadata: { readonly causationId: string } }
  | { readonly type: 'LabelSealed' | 'LabelUnsealed'; readonly data: Record<string, never>; readonly metadata: { readonly causationId: string } };

export class LabelError extends Error {
  constructor(readonly code: 'LABEL_SEALED' | 'LABEL_EMPTY', readonly field?: string) {
    super(code === 'LABEL_SEALED' ? 'the label is sealed' : 'a label must not be empty');
  }
}

const digestWith = (digest: number, label: string): number => {
  let next = digest;
  for (let i = 0; i < label.length; i++) next = (Math.imul(next, 31) + label.charCodeAt(i)) >>> 0;
  return (Math.imul(next, 31) + 7) >>> 0;
};

const evolve = (state: LabelState, event: LabelEvent): LabelState => {
  switch (event.type) {
    case 'LabelSet':
      return { ...state, label: event.data.to, sets: state.sets + 1, digest: digestWith(state.digest, event.data.to) };
    case 'LabelSealed':
      return { ...state, sealed: true };
    case 'LabelUnsealed':
      return { ...state, sealed: false };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled ${JSON.stringify(unhandled)}`);
    }
  }
};

const decide = (command: LabelCommand, state: LabelState): LabelEvent[] => {
  const metadata = { causationId: command.metadata.commandId };
  switch (command.type) {
    case 'SetLabel':
      if (command.data.label === '') throw new LabelError('LABEL_EMPTY', 'label');
      if (state.sealed) throw new LabelError('LABEL_SEALED');
      return state.label === command.data.label ? [] : [{ type: 'LabelSet', data: { from: state.label, to: command.data.label }, metadata }];
    case 'Seal':
      return state.sealed ? [] : [{ type: 'LabelSealed', data: {}, metadata }];
    case 'Unseal':
      return state.sealed ? [{ type: 'LabelUnsealed', data: {}, metadata }] : [];
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled ${JSON.stringify(unhandled)}`);
    }
  }
};

const LABEL_EVENT_TYPES = new Set(['LabelSet', 'LabelSealed', 'LabelUnsealed']);

export const labelDecider: Decider<LabelCommand, LabelState, LabelEvent> = {
  initialState: () => ({ label: null, sealed: false, sets: 0, digest: 17 }),
  evolve,
  decide,
  read: (stored) =>
    LABEL_EVENT_TYPES.has(stored.type) ? ({ type: stored.type, data: stored.data, metadata: stored.metadata } as unknown as LabelEvent) : undefined,
  snapshotVersion: 1,
  refusals: {
    of: (error: unknown): Refusal | undefined =>
      error instanceof LabelError && error.code === 'LABEL_SEALED' ? { code: error.code, message: error.message } : undefined,
    toError: (refusal: Refusal) => new LabelError(refusal.code as LabelError['code'], refusal.field),
  },
};

export const setLabel = (label: string, commandId: string): LabelCommand => ({ type: 'SetLabel', data: { label }, metadata: { commandId } });
export const seal = (commandId: string): LabelCommand => ({ type: 'Seal', data: {}, metadata: { commandId } });
export const unseal = (commandId: string): LabelCommand => ({ type: 'Unseal', data: {}, metadata: { commandId } });
/** The command as the HTTP edge sends it without an Idempotency-Key: its id was made for it alone. */
export const freshId = (command: LabelCommand): LabelCommand => ({ ...command, metadata: { ...command.metadata, freshCommandId: true } }) as LabelCommand;

/** `count` LabelSet events as one append would store them, for growing a long stream fast. */
export const labelEvents = (from: number, count: number, causationId: string) =>
  Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(), type: 'LabelSet',
    data: { from: from + i === 0 ? null : `bulk-${from + i - 1}`, to: `bulk-${from + i}` }, metadata: { causationId },
  }));
