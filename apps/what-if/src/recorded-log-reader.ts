import { AGENT_STREAM_PREFIX } from '@app/presence-domain';
import { CONVERSATION_STREAM_PREFIX } from '@app/routing-domain';
import { comparePositions, type EventStore, type GlobalPosition } from '@app/event-store';
import { RecordedDayBuilder, type RecordedDay, type SimulationRange } from '@app/what-if';

const PAGE_SIZE = 10_000;

export interface ReadProgress {
  /** Share of the log (by position) read so far, 0..1. */
  readonly done: number;
  readonly events: number;
}

/**
 * Reads agent and conversation events from the start of the log, page by
 * page, into a recorded day: up to the head as it was when reading began, or
 * sooner once the rest cannot matter to the range.
 */
export const readRecordedDay = async (
  store: EventStore, range: SimulationRange, onProgress?: (progress: ReadProgress) => void,
): Promise<{ day: RecordedDay; events: number }> => {
  const builder = new RecordedDayBuilder(range);
  const head = await store.headPosition();
  let after: GlobalPosition | undefined;
  while (head && !builder.isComplete) {
    const page = await store.readAll({ after, maxCount: PAGE_SIZE, streamPrefixes: [AGENT_STREAM_PREFIX, CONVERSATION_STREAM_PREFIX] });
    let reachedHead = page.length < PAGE_SIZE;
    for (const event of page) {
      if (comparePositions(event.position, head) > 0) { reachedHead = true; break; }
      builder.add(event);
      if (builder.isComplete) break;
    }
    after = page.at(-1)?.position;
    onProgress?.({ done: after ? Math.min(1, Number(after.commit) / Math.max(1, Number(head.commit))) : 1, events: builder.count });
    if (reachedHead) break;
  }
  return { day: builder.build(), events: builder.count };
};
