/**
 * Issue 11: offers in offer-mode teams. An offer rings on the agent's page
 * with a countdown to `offerExpiresAt`, and the agent accepts
 * (POST /v1/conversations/{id}/accept) or declines with an optional reason
 * (POST /v1/conversations/{id}/decline). Offers arrive on the agent's session
 * stream (issue 12): any message whose data carries a conversationId and an
 * offerExpiresAt rings; a later message for that conversation without
 * offerExpiresAt (accepted, declined, expired, rescinded) ends the ring. With
 * neither feature on the server nothing ever rings and the section stays hidden.
 */
import { describeError, type ApiClient } from '../api-client.js';
import { h, liveRegion, replaceChildren } from '../dom.js';
import { formatDuration } from '../layout.js';
import type { ServerSentEvent } from '../sse-parser.js';

export interface Offer {
  readonly conversationId: string;
  readonly offerExpiresAt: string;
  readonly team?: string;
}

export interface OfferRing {
  readonly element: HTMLElement;
  /** Looks at one session message: rings for an offer, stops for the end of one. */
  consider(event: ServerSentEvent): void;
  /** Rings for an offer seen elsewhere (a conversation whose status is `offered` to this agent). */
  show(offer: Offer): void;
  stop(): void;
}

/** What one session message says about an offer: a ringing offer, the end of one, or nothing. */
export const offerInMessage = (event: ServerSentEvent): { conversationId: string; offer?: Offer } | undefined => {
  let data: Record<string, unknown>;
  try { data = JSON.parse(event.data) as Record<string, unknown>; } catch { return undefined; }
  const payload = (typeof data.data === 'object' && data.data !== null ? data.data : data) as Record<string, unknown>;
  const conversationId = typeof payload.conversationId === 'string' ? payload.conversationId : undefined;
  if (!conversationId) return undefined;
  const ringing = typeof payload.offerExpiresAt === 'string' && !/(accept|declin|expir|rescind|withdraw)/i.test(event.event);
  return ringing
    ? { conversationId, offer: { conversationId, offerExpiresAt: payload.offerExpiresAt as string, team: payload.team as string | undefined } }
    : { conversationId };
};

export const offerRing = (api: ApiClient, onAnswered: () => void): OfferRing => {
  const offers = new Map<string, Offer>();
  const list = h('ul', { class: 'offers' });
  const notice = liveRegion();
  const element = h('section', { class: 'card offer-ring', 'aria-labelledby': 'offers-title', hidden: true },
    h('h2', { id: 'offers-title' }, 'Incoming conversation'), list, notice);
  const answer = (offer: Offer, verb: 'accept' | 'decline', reason?: string): void => {
    const path = `/v1/conversations/${encodeURIComponent(offer.conversationId)}/${verb}`;
    api.send('POST', path, verb === 'decline' && reason ? { reason } : {}).then(() => {
      offers.delete(offer.conversationId);
      notice.textContent = verb === 'accept' ? `Accepted ${offer.conversationId}.` : `Declined ${offer.conversationId}.`;
      render();
      onAnswered();
    }, (error: unknown) => { notice.textContent = describeError(error); });
  };
  const item = (offer: Offer): HTMLElement => {
    const reason = h('input', { type: 'text', name: 'declineReason', 'aria-label': `Reason for declining ${offer.conversationId}`, placeholder: 'Reason (optional)' });
    const left = Date.parse(offer.offerExpiresAt) - Date.now();
    return h('li', { class: 'offer' },
      h('strong', {}, offer.conversationId), offer.team ? ` · ${offer.team}` : '',
      h('span', { class: 'countdown', role: 'timer' }, left > 0 ? ` ${formatDuration(left)} left` : ' expiring'),
      h('button', { type: 'button', class: 'primary', onclick: () => answer(offer, 'accept') }, 'Accept'),
      reason, h('button', { type: 'button', onclick: () => answer(offer, 'decline', reason.value.trim()) }, 'Decline'));
  };
  const render = (): void => {
    for (const [id, offer] of offers) if (Date.parse(offer.offerExpiresAt) < Date.now() - 5_000) offers.delete(id);
    element.hidden = offers.size === 0;
    replaceChildren(list, ...[...offers.values()].map(item));
  };
  // Only the countdown text changes each second; rebuilding would steal focus from the buttons.
  const ticker = setInterval(() => {
    for (const timer of list.querySelectorAll<HTMLElement>('.countdown')) {
      const id = timer.parentElement?.querySelector('strong')?.textContent ?? '';
      const offer = offers.get(id);
      if (offer) timer.textContent = ` ${formatDuration(Math.max(0, Date.parse(offer.offerExpiresAt) - Date.now()))} left`;
    }
  }, 1000);
  return {
    element,
    consider: (event) => {
      const seen = offerInMessage(event);
      if (!seen) return;
      if (seen.offer) offers.set(seen.conversationId, seen.offer);
      else offers.delete(seen.conversationId);
      render();
    },
    show: (offer) => {
      if (offers.has(offer.conversationId)) return;
      offers.set(offer.conversationId, offer);
      render();
    },
    stop: () => clearInterval(ticker),
  };
};
