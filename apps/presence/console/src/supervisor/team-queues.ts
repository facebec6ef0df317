import { describeError, type ApiClient } from '../api-client.js';
import type { TeamQueue } from '../api-types.js';
import { h, replaceChildren } from '../dom.js';
import { formatDuration } from '../layout.js';
import type { ServerFeatures } from '../upcoming/server-features.js';
import { teamStats, type TeamStats } from '../upcoming/team-stats.js';

const POLL_MS = 2000;

interface TeamPanel {
  readonly team: string;
  readonly body: HTMLElement;
  readonly stats: TeamStats;
  queue: TeamQueue | undefined;
}

const waitingTable = (queue: TeamQueue, now: number): HTMLElement => (queue.conversations.length === 0
  ? h('p', { class: 'empty' }, 'Nobody waiting.')
  : h('table', { class: 'queue-table' },
    h('thead', {}, h('tr', {}, ...['#', 'Conversation', 'Priority', 'Waiting'].map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, ...queue.conversations.map((waiting) => h('tr', {},
      h('td', {}, String(waiting.position)), h('td', {}, waiting.conversationId), h('td', {}, String(waiting.priority)),
      h('td', { class: 'waiting' }, formatDuration(now - Date.parse(waiting.queuedAt))))))));

/**
 * Each team's queue (GET /v1/queues/{team}) with live waiting times, and the
 * team's live numbers when the server has them (issue 13). Polls, because
 * queues live in the routing app, which has no feed of its own.
 */
export const teamQueues = (api: ApiClient, features: ServerFeatures) => {
  const panels = new Map<string, TeamPanel>();
  const list = h('div', { class: 'queues' });
  const element = h('section', { class: 'card', 'aria-labelledby': 'queues-title' }, h('h2', { id: 'queues-title' }, 'Team queues'), list);

  const draw = (panel: TeamPanel): void => {
    const count = panel.queue?.conversations.length;
    replaceChildren(panel.body, h('h3', {}, panel.team, h('span', { class: 'meta' }, count === undefined ? '' : ` · ${count} waiting`)),
      panel.queue ? waitingTable(panel.queue, Date.now()) : h('p', {}, 'Loading…'), panel.stats.element);
  };
  const refresh = async (panel: TeamPanel): Promise<void> => {
    try {
      panel.queue = await api.get<TeamQueue>(`/v1/queues/${encodeURIComponent(panel.team)}`);
      await panel.stats.refresh();
      draw(panel);
    } catch (error) {
      replaceChildren(panel.body, h('h3', {}, panel.team), h('p', { class: 'notice error' }, describeError(error)));
    }
  };
  const poll = setInterval(() => { for (const panel of panels.values()) void refresh(panel); }, POLL_MS);
  // Waiting times move every second without asking the server.
  const tick = setInterval(() => { for (const panel of panels.values()) if (panel.queue) draw(panel); }, 1000);

  return {
    element,
    /** Shows these teams (the supervisor's, or every team on the floor for an admin). */
    showTeams: (teams: readonly string[]): void => {
      for (const team of teams) {
        if (panels.has(team)) continue;
        const panel: TeamPanel = { team, body: h('div', { class: 'team-queue' }), stats: teamStats(api, team, features), queue: undefined };
        panels.set(team, panel);
        draw(panel);
        void refresh(panel);
      }
      replaceChildren(list, ...[...panels.values()].sort((a, b) => a.team.localeCompare(b.team)).map((panel) => panel.body));
    },
    stop: (): void => {
      clearInterval(poll);
      clearInterval(tick);
    },
  };
};
