import { evolve, initialPresence, type AgentPresence, type RegisteredAgent } from './agent-presence.js';
import type { PresenceEvent } from './presence-events.js';

/**
 * Folds events in log order into every agent's presence as it stood at `at`.
 * An event counts when it occurred at or before `at`. Each agent carries a
 * tag of the caller's (e.g. the stream revision and log position of its
 * last counted event). Start from a snapshot by passing its agents.
 */
/** `toISOString()` form (what the deciders write): such strings sort as the instants they name. */
const isCanonicalInstant = (text: string): boolean => text.length === 24 && text.charCodeAt(10) === 84 /* T */ && text.charCodeAt(23) === 90 /* Z */;

export class FloorReplay<Tag> {
  private readonly limit: number;
  private readonly limitText: string;
  private readonly agents = new Map<string, { presence: AgentPresence; tag: Tag }>();

  constructor(readonly at: Date, from: Iterable<{ agent: RegisteredAgent; tag: Tag }> = []) {
    this.limit = at.getTime();
    this.limitText = at.toISOString();
    for (const { agent, tag } of from) this.agents.set(agent.agentId, { presence: agent, tag });
  }

  /** Applies the event if it occurred by `at`; returns whether it did. */
  apply(event: PresenceEvent, tag: Tag): boolean {
    const { occurredAt } = event.metadata;
    // Comparing the text skips a date parse per event on a whole-log replay; any other form is parsed.
    if (isCanonicalInstant(occurredAt) ? occurredAt > this.limitText : Date.parse(occurredAt) > this.limit) return false;
    const agentId = event.data.agentId;
    const presence = evolve(this.agents.get(agentId)?.presence ?? initialPresence(), event);
    this.agents.set(agentId, { presence, tag });
    return true;
  }

  /** The registered agents, by id. */
  floor(): { agent: RegisteredAgent; tag: Tag }[] {
    const floor: { agent: RegisteredAgent; tag: Tag }[] = [];
    for (const { presence, tag } of this.agents.values()) if (presence.kind === 'registered') floor.push({ agent: presence, tag });
    return floor.sort((a, b) => (a.agent.agentId < b.agent.agentId ? -1 : a.agent.agentId > b.agent.agentId ? 1 : 0));
  }
}

/**
 * Every agent's presence as it stood at `at`, from events in log order.
 * The log may hold events from several writers whose clocks interleave, so
 * this pure fold reads them all; the app stops early within a skew bound.
 */
export const floorAt = (events: Iterable<PresenceEvent>, at: Date): RegisteredAgent[] => {
  const replay = new FloorReplay<null>(at);
  for (const event of events) replay.apply(event, null);
  return replay.floor().map(({ agent }) => agent);
};
