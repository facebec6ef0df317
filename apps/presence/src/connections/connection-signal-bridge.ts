import {
  InvalidConnectionSignalError, connectionSignalText, parseConnectionSignalMessage, type ConnectionSignalKind, type ConnectionSignalMessage,
} from '@app/contracts';
import type { Consumer, MessageBus } from '@app/messaging';
import type { ConnectionSignal } from '@app/presence-domain';

/** Where signals go in this process: the connection tracker (and whatever watches it). */
export type SignalSink = (signal: ConnectionSignal) => void;

/**
 * What this process sees of connections goes to the bus, and what every
 * process saw comes back into the sink, so a session or heartbeat on any
 * process counts everywhere. This process's own signals go into the sink at
 * once too (a GET right after a heartbeat shows it connected); their echo
 * from the bus changes nothing, because the tracker only moves times forward.
 */
export class ConnectionSignalBridge {
  private malformed = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly topic: string,
    private readonly instanceId: string,
    private readonly sink: SignalSink,
  ) {}

  get malformedCount(): number {
    return this.malformed;
  }

  /** A private consumer from the latest offset: signals from before this process started are covered by the startup grace. */
  start(): Promise<Consumer> {
    return this.bus.consume(this.topic, (message) => {
      try {
        const signal = parseConnectionSignalMessage(message.value);
        if (signal !== undefined) this.sink(trackerSignalOf(signal));
      } catch (error) {
        if (!(error instanceof InvalidConnectionSignalError)) throw error;
        this.malformed++;
      }
    }, { fromBeginning: false });
  }

  /** session: this process's own id for the SSE connection; heartbeats name none. */
  publish(kind: ConnectionSignalKind, agentId: string, at: Date, session?: string): Promise<void> {
    const signal = { kind, agentId, instanceId: this.instanceId, at: at.toISOString(), ...(session === undefined ? {} : { sessionId: session }) };
    this.sink(trackerSignalOf(signal));
    return this.bus.publish(this.topic, [{ key: agentId, value: connectionSignalText(signal) }]);
  }
}

const trackerSignalOf = (signal: Omit<ConnectionSignalMessage, 'schemaVersion'>): ConnectionSignal => {
  const at = Date.parse(signal.at);
  if (signal.kind === 'heartbeat') return { kind: 'heartbeat', agentId: signal.agentId, at };
  return { kind: signal.kind, agentId: signal.agentId, session: `${signal.instanceId}/${signal.sessionId as string}`, at };
};
