/** Limits on what a client may send; generous for real use, tight enough to keep abuse cheap. */
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const SLUG_RULE = 'a short slug: 1-64 of letters, digits, ".", "_" or "-", starting with a letter or digit';
export const MAX_DISPLAY_NAME = 200;
export const MAX_REASON = 500;
export const MAX_TEAMS = 50;
export const MAX_CONCURRENT_CONVERSATIONS = 100;
export const MAX_IDEMPOTENCY_KEY = 200;
