export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;

export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const isAgentStatus = (value: unknown): value is AgentStatus =>
  typeof value === 'string' && (AGENT_STATUSES as readonly string[]).includes(value);
