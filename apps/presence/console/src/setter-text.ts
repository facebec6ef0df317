import type { StatusSetter } from './api-types.js';

/** Who set a status and why, as a sentence fragment: "by supervisor sup-1: sick leave". */
export const setterText = (setBy: StatusSetter, viewerId?: string): string => {
  switch (setBy.kind) {
    case 'registration':
      return 'since registration';
    case 'agent':
      return `by ${setBy.id === viewerId ? 'you' : setBy.id}${reasonText(setBy.reason, setBy.reasonCode)}`;
    case 'supervisor':
    case 'admin':
    case 'service':
      return `by ${setBy.kind} ${setBy.id}${reasonText(setBy.reason, setBy.reasonCode)}`;
    case 'system':
      return `by the system${reasonText(setBy.reason, setBy.reasonCode)}`;
    default: {
      const unhandled: never = setBy;
      return `by ${(unhandled as { kind: string }).kind}`;
    }
  }
};

const reasonText = (reason: string | null, reasonCode: string | null | undefined): string => {
  const parts = [reasonCode ? `[${reasonCode}]` : '', reason ?? ''].filter(Boolean);
  return parts.length > 0 ? `: ${parts.join(' ')}` : '';
};
