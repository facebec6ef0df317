import { describeError, type ApiClient } from '../api-client.js';
import type { ConversationAnswer } from '../api-types.js';
import { field, h, liveRegion, uniqueId } from '../dom.js';
import type { Offer } from '../upcoming/offers.js';

export interface ConversationList {
  readonly element: HTMLElement;
  /** Shows these open conversations; keeps an open transfer form if its conversation is still there. */
  show(conversationIds: readonly string[]): void;
}

/**
 * The agent's open conversations, each with Close and Transfer (a team and an
 * optional reason). Details come from GET /v1/conversations/{id}, fetched once
 * per conversation; one that is `offered` (issue 11) rings instead.
 */
export const conversationList = (
  api: ApiClient, knownTeams: readonly string[], onChanged: () => void, onOffer: (offer: Offer) => void,
): ConversationList => {
  const details = new Map<string, Promise<ConversationAnswer | undefined>>();
  const rows = new Map<string, HTMLElement>();
  const list = h('ul', { class: 'conversations' });
  const empty = h('p', { class: 'empty' }, 'No open conversations.');
  const notice = liveRegion();
  const teamsId = uniqueId('teams');
  const teamOptions = h('datalist', { id: teamsId }, ...knownTeams.map((team) => h('option', { value: team })));

  const act = (conversationId: string, verb: 'close' | 'transfer', body?: object): void => {
    api.send('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/${verb}`, body).then(() => {
      notice.textContent = verb === 'close' ? `Closed ${conversationId}.` : `Transferred ${conversationId}.`;
      onChanged();
    }, (error: unknown) => { notice.textContent = describeError(error); });
  };

  const transferForm = (conversationId: string): HTMLFormElement => {
    const team = h('input', { type: 'text', name: 'team', list: teamsId, required: true, autocomplete: 'off' });
    const reason = h('input', { type: 'text', name: 'reason', maxlength: 500, autocomplete: 'off' });
    const form = h('form', { class: 'transfer-form', hidden: true, 'aria-label': `Transfer ${conversationId}` },
      field('To team', team), field('Reason (optional)', reason), h('button', { type: 'submit', class: 'primary' }, 'Transfer'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(conversationId, 'transfer', { team: team.value.trim(), ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) });
    });
    return form;
  };

  const row = (conversationId: string): HTMLElement => {
    const team = h('span', { class: 'meta' }, '');
    const form = transferForm(conversationId);
    const toggle = h('button', { type: 'button', 'aria-expanded': 'false', onclick: () => {
      form.hidden = !form.hidden;
      toggle.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) form.querySelector('input')?.focus();
    } }, 'Transfer…');
    const item = h('li', { class: 'conversation card' },
      h('div', { class: 'conversation-head' }, h('strong', {}, conversationId), team,
        h('div', { class: 'actions' }, toggle, h('button', { type: 'button', onclick: () => act(conversationId, 'close') }, 'Close'))),
      form);
    if (!details.has(conversationId)) details.set(conversationId, api.get<ConversationAnswer>(`/v1/conversations/${encodeURIComponent(conversationId)}`).catch(() => undefined));
    void details.get(conversationId)!.then((answer) => {
      if (!answer) return;
      team.textContent = ` · ${answer.team}${answer.priority ? ` · priority ${answer.priority}` : ''}`;
      if (answer.status === 'offered' && answer.offerExpiresAt) onOffer({ conversationId, offerExpiresAt: answer.offerExpiresAt, team: answer.team });
    });
    return item;
  };

  return {
    element: h('section', { class: 'card', 'aria-labelledby': 'conversations-title' },
      h('h2', { id: 'conversations-title' }, 'Open conversations'), teamOptions, empty, list, notice),
    show: (conversationIds) => {
      for (const id of [...rows.keys()]) if (!conversationIds.includes(id)) { rows.get(id)!.remove(); rows.delete(id); details.delete(id); }
      // Only new rows are added, so a focused button or a half-filled transfer form stays put.
      for (const id of conversationIds) {
        if (rows.has(id)) continue;
        rows.set(id, row(id));
        list.append(rows.get(id)!);
      }
      empty.hidden = conversationIds.length > 0;
    },
  };
};
