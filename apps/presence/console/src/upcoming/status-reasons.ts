/**
 * Issue 12: the admin's catalogue of status reasons (GET /v1/status-reasons),
 * offered as a "Reason code" select beside a status. Hidden while the server
 * does not list the route: the status is then set with free text alone.
 */
import type { ApiClient } from '../api-client.js';
import type { AgentStatus } from '../api-types.js';
import { field, h } from '../dom.js';
import type { ServerFeatures } from './server-features.js';

export interface StatusReason {
  readonly code: string;
  readonly label: string;
  readonly status: AgentStatus;
  readonly retired?: boolean;
  /** Built in and set only by the system (connection-lost, missed-offer): never offered to a person. */
  readonly system?: boolean;
}

/** The catalogue, or undefined when the server does not have one. Accepts a bare list or `{ reasons: [...] }`. */
export const loadStatusReasons = async (api: ApiClient, features: ServerFeatures): Promise<readonly StatusReason[] | undefined> => {
  if (!features.has('statusReasons')) return undefined;
  const answer = await api.optional<StatusReason[] | { reasons: StatusReason[] }>('/v1/status-reasons').catch(() => undefined);
  if (answer === undefined) return undefined;
  const reasons = Array.isArray(answer) ? answer : answer.reasons ?? [];
  return reasons.filter((reason) => !reason.retired && !reason.system);
};

export interface ReasonCodeField {
  readonly element: HTMLElement;
  /** The chosen code, or undefined for none. */
  value(): string | undefined;
  /** Offers only the codes of this status class (a code must belong to it). */
  showFor(status: AgentStatus): void;
}

/** A labelled select of reason codes; hidden entirely when the catalogue is missing or empty. */
export const reasonCodeField = (reasons: readonly StatusReason[] | undefined, initial: AgentStatus): ReasonCodeField => {
  const select = h('select', { name: 'reasonCode' });
  const element = field('Reason code', select);
  const available = reasons ?? [];
  element.hidden = available.length === 0;
  const showFor = (status: AgentStatus): void => {
    select.replaceChildren(h('option', { value: '' }, '(none)'),
      ...available.filter((reason) => reason.status === status).map((reason) => h('option', { value: reason.code }, reason.label)));
  };
  showFor(initial);
  return { element, value: () => select.value || undefined, showFor };
};
