import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '@app/event-store';
import { checkpointedSubscriber, type RestartingInput } from '@app/platform';
import {
  STATUS_REASONS_STREAM, evolveCatalogue, initialCatalogue, readStatusReasonEvent, reasonLabelOf, type StatusReasonCatalogue,
} from '@app/presence-domain';

/**
 * The label of every reason code, as the catalogue stands now: what the
 * availability, the floor, the history and the availability message show
 * beside a code. Kept in memory from the `status-reasons` stream (a few dozen
 * events), so a relabel shows at once and a read costs a map lookup. The
 * label is read, not stored with the agent: rebuilding the read model from
 * zero gives the same answers.
 */
@Injectable()
export class StatusReasonLabels implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private catalogue: StatusReasonCatalogue = initialCatalogue();
  private position: GlobalPosition | undefined;
  private readonly input: RestartingInput;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.input = checkpointedSubscriber(store, {
      name: 'status reason labels',
      streamPrefixes: [STATUS_REASONS_STREAM],
      checkpoint: () => this.position,
      handle: (recorded) => {
        const event = recorded.streamId === STATUS_REASONS_STREAM ? readStatusReasonEvent(recorded) : undefined;
        if (event) this.catalogue = evolveCatalogue(this.catalogue, event);
        this.position = recorded.position;
      },
    }, new Logger(StatusReasonLabels.name));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.input.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.input.stop();
  }

  /** The code's label (the code itself for one this process has not seen yet); null for no code. */
  labelOf(code: string | null | undefined): string | null {
    return reasonLabelOf(this.catalogue, code ?? null);
  }

  /** Whether the code is in the catalogue as this process knows it. */
  knows(code: string): boolean {
    return this.catalogue.reasons.has(code);
  }

  /**
   * Takes codes this process has not seen yet from a catalogue a handler just
   * loaded from the stream, so a code defined a moment ago has its label
   * before the subscription delivers it. Known codes are left to the
   * subscription, which is never older than what it already applied.
   */
  learn(loaded: StatusReasonCatalogue): void {
    const unseen = [...loaded.reasons.values()].filter((reason) => !this.catalogue.reasons.has(reason.code));
    if (unseen.length === 0) return;
    const reasons = new Map(this.catalogue.reasons);
    for (const reason of unseen) reasons.set(reason.code, reason);
    this.catalogue = { reasons };
  }
}
