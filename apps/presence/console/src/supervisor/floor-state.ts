import type { AgentAvailability, AgentStatus, ConnectionChange, FloorChange, StatusSetter } from '../api-types.js';

/** The supervisor's floor: every agent by id, and the feed position it reflects. */
export interface FloorState {
  readonly agents: ReadonlyMap<string, AgentAvailability>;
  readonly position: string | null;
}

export const floorStateOf = (agents: readonly AgentAvailability[], position: string | null): FloorState =>
  ({ agents: new Map(agents.map((agent) => [agent.agentId, agent])), position });

/** What applying one feed message did: the new state, or "ask the API" for a change this console does not know. */
export type FloorUpdate =
  | { readonly kind: 'applied'; readonly state: FloorState }
  | { readonly kind: 'refetch'; readonly agentId: string; readonly state: FloorState };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): readonly string[] => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);

const setterOf = (change: FloorChange): StatusSetter => {
  const reason = text(change.data.reason);
  const reasonCode = text(change.data.reasonCode);
  if (change.type === 'AgentStatusOverridden') {
    return { kind: 'supervisor', id: text(change.data.supervisorId) ?? change.actor.id, reason: reason ?? '', reasonCode };
  }
  if (change.actor.kind === 'system') return { kind: 'system', id: change.actor.id, reason, reasonCode };
  return { kind: 'agent', id: change.actor.id, reason, reasonCode };
};

const withStatus = (agent: AgentAvailability, change: FloorChange): AgentAvailability => ({
  ...agent, status: change.data.to as AgentStatus, since: change.occurredAt, setBy: setterOf(change),
});

const withProfile = (agent: AgentAvailability | undefined, change: FloorChange): AgentAvailability => ({
  agentId: change.agentId,
  status: 'offline',
  since: change.occurredAt,
  setBy: { kind: 'registration' },
  openConversations: [],
  ...agent,
  displayName: text(change.data.displayName) ?? agent?.displayName ?? change.agentId,
  teams: list(change.data.teams),
  maxConcurrentConversations: Number(change.data.maxConcurrentConversations ?? agent?.maxConcurrentConversations ?? 1),
  revision: change.revision,
  position: change.position,
});

const updated = (agent: AgentAvailability, change: FloorChange): AgentAvailability | undefined => {
  const conversationId = text(change.data.conversationId);
  switch (change.type) {
    case 'AgentStatusChanged':
    case 'AgentStatusOverridden':
      return withStatus(agent, change);
    case 'AgentConversationAssigned':
      return conversationId === null || agent.openConversations.includes(conversationId) ? agent
        : { ...agent, openConversations: [...agent.openConversations, conversationId] };
    case 'AgentConversationReleased':
      return { ...agent, openConversations: agent.openConversations.filter((id) => id !== conversationId) };
    default:
      return undefined;
  }
};

/**
 * Applies one message of the live feed. Registrations and profile changes
 * carry the whole profile; status and conversation changes edit the agent.
 * A type this console does not know (a later server's) or an agent it has
 * not seen asks for the agent from the API instead of guessing.
 */
export const applyFloorChange = (state: FloorState, change: FloorChange): FloorUpdate => {
  const agents = new Map(state.agents);
  const current = agents.get(change.agentId);
  const next = change.type === 'AgentRegistered' || change.type === 'AgentProfileChanged'
    ? withProfile(current, change)
    : current && updated(current, change);
  if (!next) return { kind: 'refetch', agentId: change.agentId, state: { agents, position: change.position } };
  agents.set(change.agentId, { ...next, revision: change.revision, position: change.position });
  return { kind: 'applied', state: { agents, position: change.position } };
};

/**
 * An agent's console connected or lost its connection. Not an event: the
 * feed position stays where it is, and an agent this floor does not show is
 * none of its business.
 */
export const applyConnectionChange = (state: FloorState, change: ConnectionChange): FloorState => {
  const agent = state.agents.get(change.agentId);
  if (!agent) return state;
  return { ...state, agents: new Map(state.agents).set(change.agentId, { ...agent, connected: change.connected, lastSeenAt: change.lastSeenAt }) };
};

/** Agents grouped by team, teams and agents in name order; an agent in two teams shows in both. */
export const byTeam = (state: FloorState, onlyTeams?: readonly string[]): [string, AgentAvailability[]][] => {
  const teams = new Map<string, AgentAvailability[]>();
  for (const agent of state.agents.values()) {
    const memberOf = agent.teams.length > 0 ? agent.teams : ['(no team)'];
    for (const team of memberOf) {
      if (onlyTeams && onlyTeams.length > 0 && !onlyTeams.includes(team)) continue;
      teams.set(team, [...(teams.get(team) ?? []), agent]);
    }
  }
  const byName = (a: AgentAvailability, b: AgentAvailability) => a.displayName.localeCompare(b.displayName) || a.agentId.localeCompare(b.agentId);
  return [...teams.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([team, members]) => [team, members.sort(byName)]);
};
