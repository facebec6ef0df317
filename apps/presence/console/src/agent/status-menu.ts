import { describeError, type ApiClient } from '../api-client.js';
import { AGENT_STATUSES, type AgentAvailability, type AgentStatus } from '../api-types.js';
import { field, h, liveRegion, uniqueId } from '../dom.js';
import { STATUS_LABELS } from '../layout.js';
import { reasonCodeField, type StatusReason } from '../upcoming/status-reasons.js';

export interface StatusMenu {
  readonly element: HTMLElement;
  show(agent: AgentAvailability): void;
}

/**
 * The status dropdown at the top right: a button showing the current status
 * that opens a small form (status, reason code when the catalogue exists,
 * optional reason). Escape or a second press closes it.
 */
export const statusMenu = (api: ApiClient, agentId: string, reasons: readonly StatusReason[] | undefined, onSet: (agent: AgentAvailability) => void): StatusMenu => {
  const panelId = uniqueId('status-panel');
  const current = h('span', { class: 'chip status-offline' }, 'Offline');
  const toggle = h('button', { type: 'button', class: 'status-toggle', 'aria-expanded': 'false', 'aria-controls': panelId },
    h('span', { class: 'visually-hidden' }, 'Your status: '), current, h('span', { 'aria-hidden': 'true' }, ' ▾'));
  const radios = AGENT_STATUSES.map((status) => h('input', { type: 'radio', name: 'status', value: status, id: `${panelId}-${status}` }));
  const codes = reasonCodeField(reasons, 'online');
  const reason = h('input', { type: 'text', name: 'reason', maxlength: 500, autocomplete: 'off' });
  const notice = liveRegion('notice error');
  const chosen = (): AgentStatus => (radios.find((radio) => radio.checked)?.value ?? 'online') as AgentStatus;
  for (const radio of radios) radio.addEventListener('change', () => codes.showFor(chosen()));
  const form = h('form', { id: panelId, class: 'status-panel card', hidden: true },
    h('fieldset', {}, h('legend', {}, 'Set your status'),
      ...AGENT_STATUSES.map((status, index) => h('div', { class: 'choice' }, radios[index],
        h('label', { for: radios[index].id }, h('span', { class: `dot status-${status}`, 'aria-hidden': 'true' }), STATUS_LABELS[status])))),
    codes.element, field('Reason (optional)', reason), h('button', { type: 'submit', class: 'primary' }, 'Set status'), notice);
  const open = (isOpen: boolean): void => {
    form.hidden = !isOpen;
    toggle.setAttribute('aria-expanded', String(isOpen));
    if (isOpen) (radios.find((radio) => radio.checked) ?? radios[0]).focus();
  };
  toggle.addEventListener('click', () => open(form.hidden === true));
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    open(false);
    toggle.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { status: chosen(), ...(reason.value.trim() ? { reason: reason.value.trim() } : {}), ...(codes.value() ? { reasonCode: codes.value() } : {}) };
    api.send<{ agent: AgentAvailability }>('PUT', `/v1/agents/${encodeURIComponent(agentId)}/status`, body).then((answer) => {
      notice.textContent = '';
      reason.value = '';
      open(false);
      toggle.focus();
      onSet(answer.agent);
    }, (error: unknown) => { notice.textContent = describeError(error); });
  });
  return {
    element: h('div', { class: 'status-menu' }, toggle, form),
    show: (agent) => {
      current.className = `chip status-${agent.status}`;
      current.textContent = STATUS_LABELS[agent.status];
      if (form.hidden) for (const radio of radios) radio.checked = radio.value === agent.status;
      codes.showFor(chosen());
    },
  };
};
