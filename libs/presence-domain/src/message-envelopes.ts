import type { CommandMetadata } from './presence-commands.js';
import type { EventMetadata } from './presence-events.js';

/** Every command of both domains: a name, its data, and the impure inputs (clock, actor, ids) in metadata. */
export interface CommandOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** Every event of both domains: what happened, its data, and who/when/why in metadata. */
export interface EventOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}
