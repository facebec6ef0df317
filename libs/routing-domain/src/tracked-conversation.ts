/** The part of a conversation's state the view keeps (where it waits, whom it is offered to, who holds it); a Conversation is one. */
export type TrackedConversation =
  | { readonly kind: 'none' }
  | { readonly kind: 'queued'; readonly conversationId: string; readonly team: string; readonly priority: number; readonly queuedAt: string }
  | {
      readonly kind: 'offered'; readonly conversationId: string; readonly team: string; readonly priority: number;
      readonly queuedAt: string; readonly agentId: string; readonly offerExpiresAt: string;
    }
  | {
      readonly kind: 'assigned'; readonly conversationId: string; readonly team: string; readonly agentId: string;
      readonly priority?: number; readonly queuedAt?: string; readonly assignedAt?: string;
    }
  | { readonly kind: 'closed'; readonly conversationId: string; readonly team?: string; readonly agentId?: string | null; readonly closedAt?: string };

/** An offer not yet answered, as the conversation's stream says (its deadline included). */
export interface PendingOffer {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string;
  readonly offerExpiresAt: string;
}

/** An assigned conversation and its agent: what grace reassignment looks at. */
export interface HeldConversation {
  readonly conversationId: string;
  readonly team: string;
  readonly agentId: string;
}
