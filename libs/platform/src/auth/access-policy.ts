import type { Caller } from './caller.js';

/**
 * Who may do what, as pure functions of the caller and the target, so the
 * whole matrix is unit-tested without HTTP. Controllers ask; they never
 * decide access themselves.
 */
const oversees = (caller: Caller, teams: readonly string[]): boolean =>
  caller.role === 'supervisor' && teams.some((team) => caller.teams.includes(team));

const isAdmin = (caller: Caller): boolean => caller.role === 'admin';
const isService = (caller: Caller): boolean => caller.role === 'service';

export const accessPolicy = {
  /** Registering an agent or changing its profile: admins, or a supervisor of every team involved. */
  putAgentProfile: (caller: Caller, currentTeams: readonly string[], newTeams: readonly string[]): boolean =>
    isAdmin(caller) ||
    (caller.role === 'supervisor' && [...currentTeams, ...newTeams].every((team) => caller.teams.includes(team)) && newTeams.length > 0),

  /** An agent sets only its own status. */
  setStatus: (caller: Caller, agentId: string): boolean =>
    isAdmin(caller) || (caller.role === 'agent' && caller.id === agentId),

  /**
   * Holding the agent's session or heartbeating for it: the agent's own
   * console (an admin may, to test a deployment). A supervisor may not: a
   * session keeps an agent connected, and only the agent is at its console.
   */
  holdSession: (caller: Caller, agentId: string): boolean =>
    isAdmin(caller) || (caller.role === 'agent' && caller.id === agentId),

  overrideStatus: (caller: Caller, agentTeams: readonly string[]): boolean => isAdmin(caller) || oversees(caller, agentTeams),

  /** One agent's availability and history: the agent itself, its supervisors, admins; services read availability. */
  readAgent: (caller: Caller, agentId: string, agentTeams: readonly string[]): boolean =>
    isAdmin(caller) || isService(caller) || (caller.role === 'agent' && caller.id === agentId) || oversees(caller, agentTeams),

  readHistory: (caller: Caller, agentId: string, agentTeams: readonly string[]): boolean =>
    isAdmin(caller) || (caller.role === 'agent' && caller.id === agentId) || oversees(caller, agentTeams),

  /** Checking that an agent's history is intact: whoever may read that history. */
  verifyHistory: (caller: Caller, agentId: string, agentTeams: readonly string[]): boolean =>
    isAdmin(caller) || (caller.role === 'agent' && caller.id === agentId) || oversees(caller, agentTeams),

  /**
   * The time-in-status report: admins; a supervisor for a team it oversees,
   * for one agent of its teams, or (naming neither) for the agents of its
   * teams, which is all `reportScope` then lets through.
   */
  readReport: (caller: Caller, team: string | undefined, agentTeams: readonly string[] | undefined): boolean =>
    isAdmin(caller) || (caller.role === 'supervisor' && (team === undefined || caller.teams.includes(team))
      && (agentTeams === undefined || oversees(caller, agentTeams))),

  /** A team's live numbers: its supervisors, admins, and services (a wallboard, a workforce tool). */
  readTeamStats: (caller: Caller, team: string): boolean => isAdmin(caller) || isService(caller) || oversees(caller, [team]),

  /** The floor (lists, snapshot, live feed): supervisors see their teams; admins and services all. */
  watchFloor: (caller: Caller): boolean => isAdmin(caller) || isService(caller) || caller.role === 'supervisor',

  /** Which agents of the floor the caller may see. */
  seesAgent: (caller: Caller, agentId: string, agentTeams: readonly string[]): boolean =>
    isAdmin(caller) || isService(caller) || oversees(caller, agentTeams) || (caller.role === 'agent' && caller.id === agentId),

  /** New conversations come from the chat front door: a service, or an admin. */
  queueConversation: (caller: Caller): boolean => isAdmin(caller) || isService(caller),

  /** Transfer or close: the assigned agent, a supervisor of the conversation's team, a service, an admin. */
  handleConversation: (caller: Caller, team: string, assignedAgentId: string | null): boolean =>
    isAdmin(caller) || isService(caller) || oversees(caller, [team]) || (caller.role === 'agent' && caller.id === assignedAgentId),

  readConversation: (caller: Caller, team: string, assignedAgentId: string | null): boolean =>
    isAdmin(caller) || isService(caller) || oversees(caller, [team]) || (caller.role === 'agent' && caller.id === assignedAgentId),

  readQueue: (caller: Caller, team: string): boolean => isAdmin(caller) || isService(caller) || oversees(caller, [team]),

  /**
   * Accept or decline an offer: an agent of the conversation's team answers
   * for itself (whether an offer to it is pending is the conversation's rule:
   * a 409 with a code, not a 403), or an admin for the offered agent.
   */
  answerOffer: (caller: Caller, team: string): boolean => isAdmin(caller) || (caller.role === 'agent' && caller.teams.includes(team)),

  /** A team's routing settings (mode, offer timeout, missed offers, grace): admins, or a supervisor of that team. */
  configureTeam: (caller: Caller, team: string): boolean => isAdmin(caller) || oversees(caller, [team]),

  readTeamSettings: (caller: Caller, team: string): boolean => isAdmin(caller) || oversees(caller, [team]),

  /** The catalogue of status reasons: admins keep it; every caller reads it (agents and supervisors pick codes from it). */
  putStatusReason: (caller: Caller): boolean => isAdmin(caller),
} as const;

export type Action = keyof typeof accessPolicy;

/** Whose rows a report holds for the caller: every agent's (undefined) for an admin, those of its teams for anyone else. */
export const reportScope = (caller: Caller): readonly string[] | undefined => (isAdmin(caller) ? undefined : caller.teams);
