import { describeError, type ApiClient } from '../api-client.js';
import type { AgentAvailability, Floor, FloorChange } from '../api-types.js';
import { h, liveRegion, replaceChildren } from '../dom.js';
import { EventStream, type StreamState } from '../event-stream.js';
import { appHeader, formatTime, type Stop, type ViewContext } from '../layout.js';
import { loadStatusReasons } from '../upcoming/status-reasons.js';
import { timeInStatusReport } from '../upcoming/time-in-status-report.js';
import { renderBoard, type BoardActions } from './floor-board.js';
import { floorSlider } from './floor-slider.js';
import { applyFloorChange, floorStateOf, type FloorState } from './floor-state.js';
import { historyPanel } from './history-panel.js';
import { overrideDialog } from './override-dialog.js';
import { teamQueues } from './team-queues.js';

const FEED_STATES: Record<StreamState, string> = {
  connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', unavailable: 'Live feed unavailable', expired: 'Signed out', closed: 'Stopped',
};

/**
 * The supervisor's console: the live floor by team (from GET /v1/floor, then
 * the feed from its position, resuming after a drop), override with a reason,
 * an agent's history as a timeline, the floor at a past instant, team queues,
 * and the report when the server has it.
 */
export const mountSupervisorView = (context: ViewContext, api: ApiClient): Stop => {
  const teams = context.caller.role === 'supervisor' ? context.caller.teams : [];
  const feedBadge = h('span', { class: 'feed-badge', role: 'status', 'aria-live': 'polite' }, 'Connecting…');
  const board = h('div', { class: 'board' });
  const notice = liveRegion('notice error');
  const history = historyPanel(api);
  const queues = teamQueues(api, context.features);
  let state: FloorState = floorStateOf([], null);
  let past: Floor | undefined;
  let stream: EventStream | undefined;
  let dialog: ReturnType<typeof overrideDialog> | undefined;
  let feedState: StreamState = 'connecting';

  const actions: BoardActions = {
    override: (agent) => dialog?.open(agent, document.activeElement as HTMLElement | null),
    history: (agent) => void history.show(agent),
  };
  const draw = (): void => {
    renderBoard(board, past ? { state: floorStateOf(past.agents, past.position), pastAt: past.at, teams } : { state, teams }, actions);
    queues.showTeams(teams.length > 0 ? teams : [...new Set([...state.agents.values()].flatMap((agent) => agent.teams))]);
  };
  const refetch = (agentId: string): void => {
    api.get<AgentAvailability>(`/v1/agents/${encodeURIComponent(agentId)}`).then((agent) => {
      state = { ...state, agents: new Map(state.agents).set(agentId, agent) };
      draw();
    }, () => undefined);
  };
  const onChange = (data: string): void => {
    const update = applyFloorChange(state, JSON.parse(data) as FloorChange);
    state = update.state;
    if (update.kind === 'refetch') refetch(update.agentId);
    else if (!past) draw();
  };
  const slider = floorSlider((at) => {
    if (!at) {
      past = undefined;
      feedBadge.textContent = FEED_STATES[feedState];
      feedBadge.classList.remove('past');
      draw();
      return;
    }
    api.get<Floor>(`/v1/floor?at=${encodeURIComponent(at.toISOString())}`).then((floor) => {
      past = floor;
      feedBadge.textContent = `Floor at ${formatTime(floor.at)}`;
      feedBadge.classList.add('past');
      draw();
    }, (error: unknown) => { notice.textContent = describeError(error); });
  });

  replaceChildren(context.root, h('div', { class: 'app-shell' },
    appHeader('Supervisor console', context, feedBadge),
    h('main', { id: 'main', tabindex: -1, class: 'supervisor-page' },
      h('section', { class: 'floor', 'aria-labelledby': 'floor-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'floor-title' }, 'Floor'), slider.element), notice, board),
      h('div', { class: 'side' }, history.element, queues.element, timeInStatusReport(api, teams, context.features, Date.now())))));

  void (async () => {
    const reasons = await loadStatusReasons(api, context.features);
    dialog = overrideDialog(api, reasons);
    context.root.append(dialog.element);
    try {
      const floor = await api.get<Floor>('/v1/floor');
      state = floorStateOf(floor.agents, floor.position);
      draw();
      stream = new EventStream(api, '/v1/floor/stream', {
        lastEventId: floor.position ?? '0/0',
        onEvent: (event) => onChange(event.data),
        onState: (feed, detail) => {
          feedState = feed;
          if (!past) feedBadge.textContent = FEED_STATES[feed];
          feedBadge.dataset.state = feed;
          if (feed === 'expired') context.signOut(`Signed out: ${detail ?? 'the token expired'}.`);
        },
      });
    } catch (error) {
      notice.textContent = describeError(error);
    }
  })();

  return () => {
    stream?.close();
    queues.stop();
    dialog?.element.remove();
  };
};
