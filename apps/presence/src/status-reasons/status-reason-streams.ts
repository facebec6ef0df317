import { Inject, Injectable } from '@nestjs/common';
import type { StreamRunner } from '@app/platform';
import type { AgentStatus } from '@app/kernel';
import {
  STATUS_REASONS_STREAM, acceptableReason, type StatusReasonCatalogue, type StatusReasonCommand, type StatusReasonEvent,
} from '@app/presence-domain';
import { StatusReasonLabels } from './status-reason-labels.js';

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
  constructor(@Inject(STATUS_REASON_STREAMS) private readonly reasons: StatusReasonStreams, private readonly labels: StatusReasonLabels) {}

  async current(): Promise<StatusReasonCatalogue> {
    const catalogue = (await this.reasons.load(STATUS_REASONS_STREAM)).state;
    this.labels.learn(catalogue);
    return catalogue;
  }

  /** Throws the 400 naming `reasonCode` (unknown, retired, another class, a system code) before anything is appended. */
  async requireUsable(code: string | undefined, status: AgentStatus): Promise<void> {
    const given = code?.trim();
    if (given) acceptableReason(await this.current(), given, status);
  }

  /** The code's label, reading the stream first when this process has not seen the code yet. */
  async labelOf(code: string | null): Promise<string | null> {
    if (code !== null && !this.labels.knows(code)) await this.current();
    return this.labels.labelOf(code);
  }
}
