import { ApiError, describeError, type ApiClient } from '../api-client.js';
import type { AgentAvailability } from '../api-types.js';
import { h, liveRegion, replaceChildren } from '../dom.js';
import { appHeader, formatTime, STATUS_LABELS, type Stop, type ViewContext } from '../layout.js';
import { setterText } from '../setter-text.js';
import { offerRing } from '../upcoming/offers.js';
import { loadStatusReasons } from '../upcoming/status-reasons.js';
import { followAgent } from './agent-updates.js';
import { conversationList } from './conversation-list.js';
import { statusMenu } from './status-menu.js';

/**
 * The agent's console: status at the top right, who set it and why (so an
 * override shows), offers, open conversations with transfer and close,
 * kept current by followAgent (the session stream, or polling).
 */
export const mountAgentView = (context: ViewContext, api: ApiClient): Stop => {
  const agentId = context.caller.id;
  const path = `/v1/agents/${encodeURIComponent(agentId)}`;
  const summary = h('p', { class: 'status-summary', role: 'status', 'aria-live': 'polite' }, 'Loading your status…');
  const connection = h('p', { class: 'connection' }, '');
  const notice = liveRegion('notice error');
  const rest = h('div', { class: 'agent-sections' });
  let menu: ReturnType<typeof statusMenu> | undefined;
  let lastRevision = -1;

  const ring = offerRing(api, () => void refresh());
  const conversations = conversationList(api, context.caller.teams, () => void refresh(), ring.show);

  const show = (agent: AgentAvailability): void => {
    if (agent.revision < lastRevision) return;
    lastRevision = agent.revision;
    menu?.show(agent);
    summary.replaceChildren(h('strong', {}, STATUS_LABELS[agent.status]), ` since ${formatTime(agent.since)}, ${setterText(agent.setBy, agentId)}.`);
    summary.className = `status-summary status-border-${agent.status}${agent.setBy.kind === 'supervisor' ? ' overridden' : ''}`;
    conversations.show(agent.openConversations);
  };

  const refresh = async (): Promise<void> => {
    try {
      show(await api.get<AgentAvailability>(path));
      notice.textContent = '';
    } catch (error) {
      notice.textContent = error instanceof ApiError && error.code === 'AGENT_NOT_FOUND'
        ? 'You are not registered yet: ask an admin or your supervisor to register you (PUT /v1/agents/{id}).' : describeError(error);
    }
  };

  const menuSlot = h('div', { class: 'menu-slot' });
  replaceChildren(context.root, h('div', { class: 'app-shell' }, appHeader(`Agent console · ${agentId}`, context, menuSlot), h('main', { id: 'main', tabindex: -1, class: 'agent-page' },
    h('h2', { class: 'visually-hidden' }, 'Your status'), summary, notice, ring.element, rest, connection)));

  let stopUpdates: Stop = () => undefined;
  let stopped = false;
  void (async () => {
    menu = statusMenu(api, agentId, await loadStatusReasons(api, context.features), show);
    menuSlot.append(menu.element);
    rest.append(conversations.element);
    await refresh();
    if (stopped) return; // signed out meanwhile
    stopUpdates = followAgent(api, context.features, agentId, {
      refresh: () => void refresh(),
      message: ring.consider,
      connection: (text) => { connection.textContent = text; },
      expired: () => context.signOut('Your sign-in expired: sign in again.'),
    });
  })();

  return () => {
    stopped = true;
    stopUpdates();
    ring.stop();
  };
};
