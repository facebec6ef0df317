import { h } from './dom.js';
import type { SignedInCaller } from './token.js';
import type { ServerFeatures } from './upcoming/server-features.js';

export interface ViewContext {
  readonly root: HTMLElement;
  readonly caller: SignedInCaller;
  /** Which endpoints of issues 11–13 this server has. */
  readonly features: ServerFeatures;
  signOut(message?: string): void;
}

/** Something a view started (streams, timers) that must stop when the person signs out. */
export type Stop = () => void;

/** The top bar every view shares; `right` holds the view's own controls (the agent's status menu). */
export const appHeader = (title: string, context: ViewContext, ...right: Node[]): HTMLElement => {
  const who = context.caller.teams.length > 0 ? `${context.caller.id} · ${context.caller.teams.join(', ')}` : context.caller.id;
  return h('header', { class: 'app-header' },
    h('div', { class: 'brand' }, h('img', { src: '/console/favicon.svg', alt: '', width: 24, height: 24 }), h('h1', {}, title)),
    h('div', { class: 'header-tools' },
      ...right,
      h('span', { class: 'who' }, `Signed in as ${who}`),
      h('button', { type: 'button', class: 'quiet', onclick: () => context.signOut() }, 'Sign out')));
};

/** "10:32:05" today, "3 Mar 10:32" otherwise. */
export const formatTime = (iso: string | number, now = Date.now()): string => {
  const date = new Date(iso);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
};

/** "45 s", "12 min", "3 h 05 min". */
export const formatDuration = (ms: number): string => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};

export const STATUS_LABELS = { online: 'Online', away: 'Away', offline: 'Offline' } as const;

/** A coloured status chip; the colour is never the only cue (the word is there too). */
export const statusChip = (status: keyof typeof STATUS_LABELS): HTMLElement =>
  h('span', { class: `chip status-${status}` }, STATUS_LABELS[status]);
