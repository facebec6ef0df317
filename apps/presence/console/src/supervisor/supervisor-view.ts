import { describeError, type ApiClient } from '../api-client.js';
import type { Floor } from '../api-types.js';
import { h, liveRegion, replaceChildren } from '../dom.js';
import type { StreamState } from '../event-stream.js';
import { appHeader, formatTime, type Stop, type ViewContext } from '../layout.js';
import { loadStatusReasons } from '../upcoming/status-reasons.js';
import { timeInStatusReport } from '../upcoming/time-in-status-report.js';
import { renderBoard, type BoardActions } from './floor-board.js';
import { floorSlider } from './floor-slider.js';
import { floorStateOf } from './floor-state.js';
import { historyPanel } from './history-panel.js';
import { LiveFloor } from './live-floor.js';
import { overrideDialog } from './override-dialog.js';
import { teamQueues } from './team-queues.js';

const FEED_STATES: Record<StreamState, string> = {
  connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', unavailable: 'Live feed unavailable', expired: 'Signed out', closed: 'Stopped',
};

/**
 * The supervisor's console: the live floor by team, override with a reason,
 * an agent's history as a timeline, the floor at a past instant (read-only,
 * while the live floor keeps following the feed underneath), team queues,
 * and the report when the server has it.
 */
export const mountSupervisorView = (context: ViewContext, api: ApiClient): Stop => {
  const teams = context.caller.role === 'supervisor' ? context.caller.teams : [];
  const badge = h('span', { class: 'feed-badge', role: 'status', 'aria-live': 'polite' }, 'Connecting…');
  const board = h('div', { class: 'board' });
  const notice = liveRegion('notice error');
  const history = historyPanel(api);
  const queues = teamQueues(api, context.features);
  let past: Floor | undefined;
  let feedState: StreamState = 'connecting';
  let dialog: ReturnType<typeof overrideDialog> | undefined;

  const actions: BoardActions = {
    override: (agent) => dialog?.open(agent, document.activeElement as HTMLElement | null),
    history: (agent) => void history.show(agent),
  };
  const draw = (): void => {
    const state = live.state;
    renderBoard(board, past ? { state: floorStateOf(past.agents, past.position), pastAt: past.at, teams } : { state, teams }, actions);
    queues.showTeams(teams.length > 0 ? teams : [...new Set([...state.agents.values()].flatMap((agent) => agent.teams))]);
  };
  const live = new LiveFloor(api, () => { if (!past) draw(); }, (feed, detail) => {
    feedState = feed;
    badge.dataset.state = feed;
    if (!past) badge.textContent = FEED_STATES[feed];
    if (feed === 'expired') context.signOut(`Signed out: ${detail ?? 'the token expired'}.`);
  });
  const showPast = (floor: Floor | undefined): void => {
    past = floor;
    badge.textContent = floor ? `Floor at ${formatTime(floor.at)}` : FEED_STATES[feedState];
    badge.classList.toggle('past', floor !== undefined);
    draw();
  };
  const slider = floorSlider((at) => {
    if (!at) return showPast(undefined);
    api.get<Floor>(`/v1/floor?at=${encodeURIComponent(at.toISOString())}`)
      .then(showPast, (error: unknown) => { notice.textContent = describeError(error); });
  });

  replaceChildren(context.root, h('div', { class: 'app-shell' },
    appHeader('Supervisor console', context, badge),
    h('main', { id: 'main', tabindex: -1, class: 'supervisor-page' },
      h('section', { class: 'floor', 'aria-labelledby': 'floor-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'floor-title' }, 'Floor'), slider.element), notice, board),
      h('div', { class: 'side' }, history.element, queues.element, timeInStatusReport(api, teams, context.features, Date.now())))));

  void (async () => {
    dialog = overrideDialog(api, await loadStatusReasons(api, context.features));
    context.root.append(dialog.element);
    await live.start().catch((error: unknown) => { notice.textContent = describeError(error); });
  })();

  return () => {
    live.stop();
    queues.stop();
    dialog?.element.remove();
  };
};
