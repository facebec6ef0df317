import { Inject, Injectable } from '@nestjs/common';
import type { StreamRunner } from '@app/platform';
import type { AgentStatus } from '@app/kernel';
import {
  STATUS_REASONS_STREAM, acceptableReason, type StatusReasonCatalogue, type StatusReasonCommand, type StatusReasonEvent,
} from '@app/presence-domain';

/** The stream runner of the `status-reasons` stream (runnerFor(statusReasonDecider)), injected under this token. */
export const STATUS_REASON_STREAMS = Symbol('StatusReasonStreams');

export type StatusReasonStreams = StreamRunner<StatusReasonCommand, StatusReasonCatalogue, StatusReasonEvent>;

/**
 * The catalogue as the status and override handlers check a reasonCode
 * against it: read from its stream (a few dozen events), so a reason an
 * admin just put is usable on the next request.
 */
@Injectable()
export class StatusReasonCatalogueReader {
  constructor(@Inject(STATUS_REASON_STREAMS) private readonly reasons: StatusReasonStreams) {}

  async current(): Promise<StatusReasonCatalogue> {
    return (await this.reasons.load(STATUS_REASONS_STREAM)).state;
  }

  /** Throws the 400 naming `reasonCode` (unknown, retired, another class, a system code) before anything is appended. */
  async requireUsable(code: string | undefined, status: AgentStatus): Promise<void> {
    const given = code?.trim();
    if (given) acceptableReason(await this.current(), given, status);
  }
}
