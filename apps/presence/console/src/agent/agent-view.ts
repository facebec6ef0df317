import { ApiError, describeError, type ApiClient } from '../api-client.js';
import type { AgentAvailability } from '../api-types.js';
import { h, liveRegion, replaceChildren } from '../dom.js';
import { appHeader, formatTime, STATUS_LABELS, type Stop, type ViewContext } from '../layout.js';
import { setterText } from '../setter-text.js';
import { openAgentSession, type AgentSession } from '../upcoming/agent-session.js';
import { offerRing } from '../upcoming/offers.js';
import { loadStatusReasons } from '../upcoming/status-reasons.js';
import { conversationList } from './conversation-list.js';
import { statusMenu } from './status-menu.js';

/** Without a session stream (before issue 12) the page asks for the agent this often. */
const POLL_MS = 1500;

/**
 * The agent's console: status at the top right, who set it and why (so an
 * override shows), offers, open conversations with transfer and close. It
 * holds the agent's session stream when the server has one, else polls.
 */
export const mountAgentView = (context: ViewContext, api: ApiClient): Stop => {
  const agentId = context.caller.id;
  const path = `/v1/agents/${encodeURIComponent(agentId)}`;
  const summary = h('p', { class: 'status-summary', role: 'status', 'aria-live': 'polite' }, 'Loading your status…');
  const connection = h('p', { class: 'connection' }, '');
  const notice = liveRegion('notice error');
  const rest = h('div', { class: 'agent-sections' });
  let menu: ReturnType<typeof statusMenu> | undefined;
  let session: AgentSession | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
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

  const startPolling = (): void => {
    poll ??= setInterval(() => void refresh(), POLL_MS);
    connection.textContent = `Updates every ${POLL_MS / 1000} s.`;
  };

  const menuSlot = h('div', { class: 'menu-slot' });
  replaceChildren(context.root, h('div', { class: 'app-shell' }, appHeader(`Agent console · ${agentId}`, context, menuSlot), h('main', { id: 'main', tabindex: -1, class: 'agent-page' },
    h('h2', { class: 'visually-hidden' }, 'Your status'), summary, notice, ring.element, rest, connection)));

  void (async () => {
    const reasons = await loadStatusReasons(api, context.features);
    menu = statusMenu(api, agentId, reasons, show);
    menuSlot.append(menu.element);
    rest.append(conversations.element);
    await refresh();
    if (!context.features.has('agentSession')) {
      startPolling();
      return;
    }
    session = openAgentSession(api, agentId, (event) => {
      ring.consider(event);
      void refresh();
    }, (state) => {
      if (state === 'unavailable') startPolling();
      else if (state === 'live') connection.textContent = 'Connected: your session is open while this page is.';
      else if (state === 'reconnecting') connection.textContent = 'Connection lost: reconnecting…';
      else if (state === 'expired') context.signOut('Your sign-in expired: sign in again.');
    });
  })();

  return () => {
    session?.close();
    ring.stop();
    if (poll) clearInterval(poll);
  };
};
