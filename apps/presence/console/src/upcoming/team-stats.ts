/**
 * Issue 13: a team's live numbers, GET /v1/teams/{team}/stats (agents by
 * status and connected, queued and the oldest wait, assigned now, the last
 * 15 minutes' offers, waits and service level). Shown as a list of every
 * number in the answer, labelled by its path, so a renamed field still shows;
 * asked for only when the server lists the route, hidden if it answers 404.
 */
import type { ApiClient } from '../api-client.js';
import { h, replaceChildren } from '../dom.js';
import type { ServerFeatures } from './server-features.js';

const label = (path: readonly string[]): string =>
  path.map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()).join(' · ');

/** Every number (and yes/no) in the answer, depth first, with its path. */
export const numbersOf = (value: unknown, path: readonly string[] = []): [string, string][] => {
  if (typeof value === 'number') return [[label(path), Number.isInteger(value) ? String(value) : value.toFixed(2)]];
  if (typeof value === 'boolean') return [[label(path), value ? 'yes' : 'no']];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'team' ? [] : numbersOf(inner, [...path, key])));
};

export interface TeamStats {
  readonly element: HTMLElement;
  /** Fetches and shows the numbers; stays hidden when the route is missing. */
  refresh(): Promise<void>;
}

export const teamStats = (api: ApiClient, team: string, features: ServerFeatures): TeamStats => {
  const list = h('dl', { class: 'stats' });
  const element = h('div', { class: 'team-stats', hidden: true }, h('h4', {}, 'Live numbers'), list);
  return {
    element,
    refresh: async () => {
      if (!features.has('teamStats')) return;
      const stats = await api.optional<unknown>(`/v1/teams/${encodeURIComponent(team)}/stats`).catch(() => undefined);
      element.hidden = stats === undefined;
      if (stats === undefined) return;
      replaceChildren(list, ...numbersOf(stats).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
    },
  };
};
