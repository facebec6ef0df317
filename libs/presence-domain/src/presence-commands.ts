import type { Actor } from './actor.js';
import type { AgentProfile } from './agent-profile.js';
import type { AgentStatus } from './agent-status.js';

/** Everything impure a decision needs comes in here, so decide stays a pure function. */
export interface CommandMetadata {
  readonly now: Date;
  readonly actor: Actor;
  /** Unique per request; the client's Idempotency-Key when it sent one. */
  readonly commandId: string;
  readonly correlationId: string;
}

interface PresenceCommandOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** Registers the agent, or changes its profile when it is registered already. */
export type PutAgentProfile = PresenceCommandOf<'PutAgentProfile', { readonly agentId: string } & AgentProfile>;

export type SetAgentStatus = PresenceCommandOf<'SetAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason?: string;
}>;

export type OverrideAgentStatus = PresenceCommandOf<'OverrideAgentStatus', {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly reason: string;
  readonly supervisorId: string;
}>;

export type PresenceCommand = PutAgentProfile | SetAgentStatus | OverrideAgentStatus;
