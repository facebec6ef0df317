import { describe, expect, it } from '@jest/globals';
import type { Actor, CommandMetadata } from '@app/kernel';
import type { ConversationCommand } from './conversation-commands.js';
import type { ConversationEvent } from './conversation-events.js';
import { conversationDecider } from './conversation-decider.js';
import { deciderSpecification } from '@app/kernel/testing';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const routing: Actor = { kind: 'service', id: 'routing' };
const command = (type: ConversationCommand['type'], data: object): ConversationCommand =>
  ({ type, data, metadata: { now: NOW, actor: routing, commandId: 'cmd', correlationId: 'corr' } satisfies CommandMetadata }) as ConversationCommand;
const event = (type: ConversationEvent['type'], data: object): ConversationEvent =>
  ({ type, data, metadata: { schemaVersion: 1, occurredAt: NOW.toISOString(), actor: routing, causationId: 'cmd', correlationId: 'corr' } }) as ConversationEvent;

const given = deciderSpecification(conversationDecider);

const queued = event('ConversationQueued', { conversationId: 'c1', team: 'sales', priority: 0 });
const assigned = event('ConversationAssigned', { conversationId: 'c1', team: 'sales', agentId: 'a1' });

describe('a conversation', () => {
  it('is queued in its team', () =>
    given([]).when(command('QueueConversation', { conversationId: 'c1', team: 'sales', priority: 0 })).then([queued]));

  it('appends nothing when the same conversation is queued again', () =>
    given([queued]).when(command('QueueConversation', { conversationId: 'c1', team: 'sales', priority: 0 })).then([]));

  it('refuses the same id for a different conversation', () =>
    given([queued]).when(command('QueueConversation', { conversationId: 'c1', team: 'billing', priority: 0 })).thenThrows('CONVERSATION_EXISTS'));

  it('is assigned once', () =>
    given([queued]).when(command('AssignConversation', { conversationId: 'c1', agentId: 'a1' })).then([assigned]));

  it('is never assigned twice', () =>
    given([queued, assigned]).when(command('AssignConversation', { conversationId: 'c1', agentId: 'a2' })).thenThrows('CONVERSATION_ALREADY_ASSIGNED'));

  it('appends nothing when assigned again to the same agent (a retry)', () =>
    given([queued, assigned]).when(command('AssignConversation', { conversationId: 'c1', agentId: 'a1' })).then([]));

  it('is transferred to another team, leaving its agent, and waits there', () =>
    given([queued, assigned]).when(command('TransferConversation', { conversationId: 'c1', toTeam: 'billing', reason: 'invoice question' }))
      .then([event('ConversationTransferred', { conversationId: 'c1', fromTeam: 'sales', toTeam: 'billing', fromAgentId: 'a1', reason: 'invoice question' })]));

  it('is queued in the new team after a transfer', () =>
    given([queued, assigned]).when(command('TransferConversation', { conversationId: 'c1', toTeam: 'billing' }))
      .thenState((s) => expect(s).toMatchObject({ kind: 'queued', team: 'billing', priority: 0 })));

  it('is closed, releasing its agent', () =>
    given([queued, assigned]).when(command('CloseConversation', { conversationId: 'c1' }))
      .then([event('ConversationClosed', { conversationId: 'c1', team: 'sales', agentId: 'a1' })]));

  it('appends nothing when closed twice', () =>
    given([queued, event('ConversationClosed', { conversationId: 'c1', team: 'sales', agentId: null })])
      .when(command('CloseConversation', { conversationId: 'c1' })).then([]));

  it('cannot be transferred or assigned once closed', () => {
    const closed = [queued, event('ConversationClosed', { conversationId: 'c1', team: 'sales', agentId: null })];
    given(closed).when(command('TransferConversation', { conversationId: 'c1', toTeam: 'billing' })).thenThrows('CONVERSATION_CLOSED');
    given(closed).when(command('AssignConversation', { conversationId: 'c1', agentId: 'a1' })).thenThrows('CONVERSATION_CLOSED');
  });

  it('is not found before it is queued', () =>
    given([]).when(command('CloseConversation', { conversationId: 'c1' })).thenThrows('CONVERSATION_NOT_FOUND'));
});
