import { DomainError } from './domain-error.js';

export interface AgentProfile {
  readonly displayName: string;
  /** Sorted, without duplicates, so equal profiles compare equal. */
  readonly teams: readonly string[];
  readonly maxConcurrentConversations: number;
}

/** Normalises a profile and enforces its invariants; the HTTP edge checks formats and lengths first. */
export const agentProfile = (input: AgentProfile): AgentProfile => {
  const displayName = input.displayName.trim();
  if (displayName.length === 0) throw new DomainError('INVALID_PROFILE', 'displayName must not be empty', 'displayName');
  if (!Number.isInteger(input.maxConcurrentConversations) || input.maxConcurrentConversations < 1) {
    throw new DomainError('INVALID_PROFILE', 'maxConcurrentConversations must be an integer of at least 1', 'maxConcurrentConversations');
  }
  const teams = [...new Set(input.teams)].sort();
  return { displayName, teams, maxConcurrentConversations: input.maxConcurrentConversations };
};

export const sameProfile = (a: AgentProfile, b: AgentProfile): boolean =>
  a.displayName === b.displayName &&
  a.maxConcurrentConversations === b.maxConcurrentConversations &&
  a.teams.length === b.teams.length &&
  a.teams.every((team, i) => team === b.teams[i]);
