/** An agent who let an offer of the conversation go, and how. */
export interface PassedOver {
  readonly agentId: string;
  readonly outcome: 'declined' | 'missed';
}

/** What every open conversation carries, whoever has it. */
interface OpenFields {
  readonly conversationId: string;
  readonly team: string;
  readonly priority: number;
  /** ISO-8601: its place in the queue; kept through offers and re-queues, new after a transfer. */
  readonly queuedAt: string;
  /** Agents who declined or missed it in this team, so it goes to someone else first. */
  readonly passedOver: readonly PassedOver[];
}

export type Conversation =
  | { readonly kind: 'none' }
  | ({ readonly kind: 'queued' } & OpenFields)
  | ({ readonly kind: 'offered'; readonly agentId: string; readonly offeredAt: string; readonly offerExpiresAt: string } & OpenFields)
  | ({ readonly kind: 'assigned'; readonly agentId: string; readonly assignedAt: string } & OpenFields)
  | { readonly kind: 'closed'; readonly conversationId: string; readonly team: string; readonly agentId: string | null; readonly closedAt: string };

export type OpenConversation = Extract<Conversation, { kind: 'queued' | 'offered' | 'assigned' }>;
export type QueuedConversationState = Extract<Conversation, { kind: 'queued' }>;
export type OfferedConversation = Extract<Conversation, { kind: 'offered' }>;

export const initialConversation = (): Conversation => ({ kind: 'none' });

/** The conversation back in its queue, keeping its place and whom it passed over. */
export const backInQueue = (state: OpenConversation, passedOver: readonly PassedOver[] = state.passedOver): QueuedConversationState => ({
  kind: 'queued', conversationId: state.conversationId, team: state.team, priority: state.priority, queuedAt: state.queuedAt, passedOver,
});

/** The list with the agent's latest way of letting the conversation go (one entry per agent). */
export const passedOverBy = (list: readonly PassedOver[], agentId: string, outcome: PassedOver['outcome']): readonly PassedOver[] =>
  [...list.filter((entry) => entry.agentId !== agentId), { agentId, outcome }];

export const passedOverOutcome = (state: Conversation, agentId: string): PassedOver['outcome'] | undefined =>
  state.kind === 'none' || state.kind === 'closed' ? undefined : state.passedOver.find((entry) => entry.agentId === agentId)?.outcome;
