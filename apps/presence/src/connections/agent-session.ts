import type { LoggerService } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import type { ConnectionSignalKind } from '@app/contracts';
import type { ConnectionSignalBridge } from './connection-signal-bridge.js';

/**
 * One agent session this process holds: `session-opened` now,
 * `session-alive` every `aliveEveryMs` (so a session of a crashed process
 * lapses instead of holding the agent connected forever), `session-closed`
 * on close. A signal the bus refuses is logged: the next one repeats it.
 */
export class AgentSession {
  private readonly alive: NodeJS.Timeout;
  private closed = false;

  constructor(
    readonly agentId: string,
    readonly sessionId: string,
    private readonly bridge: ConnectionSignalBridge,
    aliveEveryMs: number,
    private readonly open: Gauge,
    private readonly logger: LoggerService,
  ) {
    this.send('session-opened');
    this.alive = setInterval(() => this.send('session-alive'), aliveEveryMs);
    this.alive.unref();
    open.inc();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.alive);
    this.open.dec();
    this.send('session-closed');
  }

  private send(kind: ConnectionSignalKind): void {
    this.bridge.publish(kind, this.agentId, new Date(), this.sessionId).catch((error: Error) => {
      this.logger.warn(`could not share ${kind} of agent ${this.agentId}: ${error.message}`);
    });
  }
}
