/** Who asked for a change. The id is the caller's own (agent id, supervisor id, service name). */
export type ActorKind = 'agent' | 'supervisor' | 'admin' | 'service' | 'system';

export interface Actor {
  readonly kind: ActorKind;
  readonly id: string;
}
