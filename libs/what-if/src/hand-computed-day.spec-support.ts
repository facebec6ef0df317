import type { LoggedEvent } from './recorded-day.js';
import { recorded as r } from './what-if.spec-support.js';

/**
 * The hand-computed day. Two episodes on separate teams.
 * Sales/billing: A (billing+sales) and B (sales), capacity 1; A joined first, B came online first.
 *   least-loaded and longest-idle give s1 to B (eligible first), so billing's b1 finds A free;
 *   round-robin gives s1 to A (first in the rotation), so b1 waits for A: 10:01:00 to 10:05:00 = 240 s.
 * Orders/refunds: C (orders+refunds) and D (orders), capacity 2; C online first.
 *   o1 -> C, o2 -> D (o2 ends 10:01:30 after 30 s). For o3 at 11:02, least-loaded takes D (load 0);
 *   longest-idle takes C (given work at 11:00, D at 11:01) and round-robin takes C (after D): C is
 *   full, so refunds' r1 at 11:03 waits until o1 ends at 12:00: 3,420 s.
 */
export const HAND_COMPUTED_DAY: LoggedEvent[] = [
  r.registered('A', ['billing', 'sales'], 1, '08:00:00'), r.registered('B', ['sales'], 1, '08:00:01'),
  r.registered('C', ['orders', 'refunds'], 2, '08:00:02'), r.registered('D', ['orders'], 2, '08:00:03'),
  r.status('B', 'offline', 'online', '09:00:00'), r.status('A', 'offline', 'online', '09:00:10'),
  r.status('C', 'offline', 'online', '09:00:20'), r.status('D', 'offline', 'online', '09:00:30'),
  // As least-loaded recorded it; only the handling times (close minus assign) carry over.
  r.queued('s1', 'sales', '10:00:00'), r.assigned('s1', 'sales', 'B', '10:00:00'),
  r.queued('b1', 'billing', '10:01:00'), r.assigned('b1', 'billing', 'A', '10:01:00'),
  r.closed('b1', 'billing', 'A', '10:01:30'),
  r.queued('s2', 'sales', '10:02:00'), r.assigned('s2', 'sales', 'A', '10:02:00'),
  r.closed('s1', 'sales', 'B', '10:05:00'), r.closed('s2', 'sales', 'A', '10:12:00'),
  r.queued('o1', 'orders', '11:00:00'), r.assigned('o1', 'orders', 'C', '11:00:00'),
  r.queued('o2', 'orders', '11:01:00'), r.assigned('o2', 'orders', 'D', '11:01:00'), r.closed('o2', 'orders', 'D', '11:01:30'),
  r.queued('o3', 'orders', '11:02:00'), r.assigned('o3', 'orders', 'D', '11:02:00'),
  r.queued('r1', 'refunds', '11:03:00'), r.assigned('r1', 'refunds', 'C', '11:03:00'), r.closed('r1', 'refunds', 'C', '11:13:00'),
  r.closed('o1', 'orders', 'C', '12:00:00'), r.closed('o3', 'orders', 'D', '12:02:00'),
];
