import { describeError, type ApiClient } from '../api-client.js';
import { AGENT_STATUSES, type AgentAvailability, type AgentStatus } from '../api-types.js';
import { field, h, liveRegion } from '../dom.js';
import { STATUS_LABELS } from '../layout.js';
import { reasonCodeField, type StatusReason } from '../upcoming/status-reasons.js';

export interface OverrideDialog {
  readonly element: HTMLDialogElement;
  open(agent: AgentAvailability, returnFocusTo?: HTMLElement | null): void;
}

/**
 * A modal form to override an agent's status: the reason is mandatory (the
 * API refuses an override without one, and the audit shows it); a reason code
 * too when the catalogue exists (issue 12).
 */
export const overrideDialog = (api: ApiClient, reasons: readonly StatusReason[] | undefined): OverrideDialog => {
  const title = h('h2', { id: 'override-title' }, 'Override status');
  const status = h('select', { name: 'status', required: true }, ...AGENT_STATUSES.map((value) => h('option', { value }, STATUS_LABELS[value])));
  const codes = reasonCodeField(reasons, 'offline');
  const reason = h('textarea', { name: 'reason', required: true, rows: 2, maxlength: 500 });
  const notice = liveRegion('notice error');
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const form = h('form', { method: 'dialog' },
    field('New status', status), codes.element,
    field('Reason', reason, 'Required: the agent and the audit see it.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Override'), cancel), notice);
  const element = h('dialog', { 'aria-labelledby': 'override-title', class: 'override-dialog' }, title, form);
  let agent: AgentAvailability | undefined;
  let returnFocus: HTMLElement | null | undefined;
  status.addEventListener('change', () => codes.showFor(status.value as AgentStatus));
  cancel.addEventListener('click', () => element.close());
  element.addEventListener('close', () => returnFocus?.focus());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!agent) return;
    if (!reason.value.trim()) {
      notice.textContent = 'Say why: an override needs a reason.';
      reason.focus();
      return;
    }
    const body = { status: status.value, reason: reason.value.trim(), ...(codes.value() ? { reasonCode: codes.value() } : {}) };
    api.send('POST', `/v1/agents/${encodeURIComponent(agent.agentId)}/status-overrides`, body)
      .then(() => element.close(), (error: unknown) => { notice.textContent = describeError(error); });
  });
  return {
    element,
    open: (target, returnFocusTo) => {
      agent = target;
      returnFocus = returnFocusTo;
      title.textContent = `Override ${target.displayName}'s status`;
      status.value = target.status === 'offline' ? 'away' : 'offline';
      codes.showFor(status.value as AgentStatus);
      reason.value = '';
      notice.textContent = '';
      element.showModal();
      status.focus();
    },
  };
};
