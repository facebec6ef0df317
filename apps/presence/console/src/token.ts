/**
 * The bearer token a person signs in with. The console reads its claims only
 * to choose a view and to name the caller; the API verifies every request.
 */
export type ConsoleRole = 'agent' | 'supervisor' | 'admin' | 'service';

export interface SignedInCaller {
  readonly token: string;
  readonly id: string;
  readonly role: ConsoleRole;
  readonly teams: readonly string[];
  /** ms since epoch, when present. */
  readonly expiresAt: number | undefined;
}

const ROLES: readonly string[] = ['agent', 'supervisor', 'admin', 'service'];

const decodeSegment = (segment: string): unknown => {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
};

/** The caller a token names, or a sentence saying why it cannot be one. */
export const callerOfToken = (text: string, nowMs: number): SignedInCaller | string => {
  const token = text.trim().replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return 'This is not a token: a token has three parts separated by dots.';
  let claims: Record<string, unknown>;
  try {
    claims = decodeSegment(parts[1]) as Record<string, unknown>;
  } catch {
    return 'The token cannot be read: copy the whole line that npm run token printed.';
  }
  if (typeof claims.sub !== 'string' || !ROLES.includes(String(claims.role))) return 'The token names no caller (sub) or no role.';
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  if (expiresAt !== undefined && expiresAt <= nowMs) return 'The token has expired: mint a new one.';
  const teams = Array.isArray(claims.teams) ? claims.teams.filter((team): team is string => typeof team === 'string') : [];
  return { token, id: claims.sub, role: claims.role as ConsoleRole, teams, expiresAt };
};

const STORAGE_KEY = 'presence-console.token';

/** Per tab (sessionStorage): closing the tab signs out, and two tabs can be two people. */
export const tokenStorage = {
  load: (): string | null => sessionStorage.getItem(STORAGE_KEY),
  save: (token: string): void => sessionStorage.setItem(STORAGE_KEY, token),
  clear: (): void => sessionStorage.removeItem(STORAGE_KEY),
};
