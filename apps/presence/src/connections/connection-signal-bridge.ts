import {
  InvalidConnectionSignalError, connectionSignalText, parseConnectionSignalMessage, type ConnectionSignalKind,
} from '@app/contracts';
import type { Consumer, MessageBus } from '@app/messaging';
import type { ConnectionSignal, ConnectionTracker } from '@app/presence-domain';

/**
 * Draft (issue 12, app side): what this process sees of connections goes to
 * the bus, and what every process saw comes back into the tracker, so a
 * session or heartbeat on any process counts everywhere. This process's own
 * signals come back over the bus too: one path, the same order everywhere.
 */
export class ConnectionSignalBridge {
  private malformed = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly topic: string,
    private readonly instanceId: string,
    private readonly tracker: ConnectionTracker,
  ) {}

  get malformedCount(): number {
    return this.malformed;
  }

  /** A private consumer from the latest offset: signals from before this process started are covered by the startup grace. */
  start(): Promise<Consumer> {
    return this.bus.consume(this.topic, (message) => {
      try {
        const signal = parseConnectionSignalMessage(message.value);
        if (signal !== undefined) this.tracker.signal(trackerSignalOf(signal));
      } catch (error) {
        if (!(error instanceof InvalidConnectionSignalError)) throw error;
        this.malformed++;
      }
    }, { fromBeginning: false });
  }

  /** session: this process's own id for the SSE connection; heartbeats name none. */
  publish(kind: ConnectionSignalKind, agentId: string, at: Date, session?: string): Promise<void> {
    const value = connectionSignalText({ kind, agentId, instanceId: this.instanceId, at: at.toISOString(), ...(session === undefined ? {} : { sessionId: session }) });
    return this.bus.publish(this.topic, [{ key: agentId, value }]);
  }
}

const trackerSignalOf = (signal: { kind: ConnectionSignalKind; agentId: string; instanceId: string; sessionId?: string; at: string }): ConnectionSignal => {
  const at = Date.parse(signal.at);
  if (signal.kind === 'heartbeat') return { kind: 'heartbeat', agentId: signal.agentId, at };
  return { kind: signal.kind, agentId: signal.agentId, session: `${signal.instanceId}/${signal.sessionId as string}`, at };
};
