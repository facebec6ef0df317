import type { AgentAvailability } from '../api-types.js';
import { h, replaceChildren } from '../dom.js';
import { formatDuration, formatTime, statusChip } from '../layout.js';
import { setterText } from '../setter-text.js';
import { byTeam, type FloorState } from './floor-state.js';

export interface BoardActions {
  override(agent: AgentAvailability): void;
  history(agent: AgentAvailability): void;
}

export interface BoardView {
  readonly state: FloorState;
  /** Set when showing a past instant: no actions then, only what was. */
  readonly pastAt?: string;
  /** The supervisor's teams (admins: none, meaning all). */
  readonly teams: readonly string[];
}

const cell = (label: string, ...content: (Node | string)[]): HTMLElement => h('td', { 'data-label': label }, ...content);

const row = (agent: AgentAvailability, view: BoardView, actions: BoardActions, showConnected: boolean, team: string): HTMLElement => {
  const key = `${team}/${agent.agentId}`;
  const sinceMs = Date.parse(view.pastAt ?? new Date().toISOString()) - Date.parse(agent.since);
  return h('tr', { 'data-agent': agent.agentId, class: `agent-row status-border-${agent.status}` },
    h('th', { scope: 'row', 'data-label': 'Agent' }, agent.displayName, h('span', { class: 'meta' }, ` ${agent.agentId}`)),
    cell('Status', statusChip(agent.status)),
    cell('Set', setterText(agent.setBy)),
    cell('Since', h('time', { datetime: agent.since }, formatTime(agent.since)), h('span', { class: 'meta' }, ` (${formatDuration(sinceMs)})`)),
    showConnected ? cell('Connected', agent.connected === undefined ? '–' : agent.connected ? 'yes' : 'no') : null,
    cell('Conversations', `${agent.openConversations.length}/${agent.maxConcurrentConversations}`,
      agent.openConversations.length > 0 ? h('span', { class: 'meta' }, ` ${agent.openConversations.join(', ')}`) : ''),
    view.pastAt ? cell('Actions', '') : cell('Actions', h('div', { class: 'actions' },
      h('button', { type: 'button', 'data-focus-key': `override:${key}`, 'aria-label': `Override ${agent.displayName}'s status`, onclick: () => actions.override(agent) }, 'Override…'),
      h('button', { type: 'button', 'data-focus-key': `history:${key}`, 'aria-label': `History of ${agent.displayName}`, onclick: () => actions.history(agent) }, 'History'))),
  );
};

const teamTable = (team: string, agents: AgentAvailability[], view: BoardView, actions: BoardActions): HTMLElement => {
  const showConnected = agents.some((agent) => agent.connected !== undefined);
  const counts = (['online', 'away', 'offline'] as const).map((status) => `${agents.filter((agent) => agent.status === status).length} ${status}`).join(' · ');
  const headings = ['Agent', 'Status', 'Set', 'Since', ...(showConnected ? ['Connected'] : []), 'Conversations', 'Actions'];
  return h('section', { class: 'team card', 'aria-labelledby': `team-${team}` },
    h('h3', { id: `team-${team}` }, team, h('span', { class: 'meta' }, ` · ${counts}`)),
    h('table', { class: 'floor-table' },
      h('thead', {}, h('tr', {}, ...headings.map((heading) => h('th', { scope: 'col' }, heading)))),
      h('tbody', {}, ...agents.map((agent) => row(agent, view, actions, showConnected, team)))));
};

/**
 * Draws the floor grouped by team. Redraws keep keyboard focus on the same
 * button, so a supervisor tabbing through the floor is not thrown back to the
 * top by a live update.
 */
export const renderBoard = (container: HTMLElement, view: BoardView, actions: BoardActions): void => {
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
  const groups = byTeam(view.state, view.teams);
  replaceChildren(container, ...(groups.length === 0
    ? [h('p', { class: 'empty card' }, view.pastAt ? 'Nobody was registered then.' : 'No agents on your teams yet.')]
    : groups.map(([team, agents]) => teamTable(team, agents, view, actions))));
  if (focusKey) container.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
};
