import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InProcessMessageBus, KafkaMessageBus, type MessageBus } from '@app/messaging';
import { keyedMessages, recordingConsumer, valuesByKey } from './support/message-recorder.js';
import { logLevel } from 'kafkajs';
import { startKafkaBroker } from '../scripts/kafka-broker.mjs';

// Generous per-test limits: they only stop a hung test, nothing asserts speed.
const TEST_TIMEOUT_MS = 30_000;
const fastHandlerRetry = { retries: 2, initialBackoffMs: 10 };

function messageBusContract(name: string, createBus: () => MessageBus) {
  describe(name, () => {
    let bus: MessageBus;
    const newTopic = () => `contract-${randomUUID()}`;
    const newGroup = () => `group-${randomUUID()}`;

    beforeEach(() => {
      bus = createBus();
    });
    afterEach(async () => {
      await bus.close();
    });

    it('keeps the order of messages with the same key', async () => {
      const topic = newTopic();
      const messages = keyedMessages('m', 60);
      for (let i = 0; i < messages.length; i += 7) await bus.publish(topic, messages.slice(i, i + 7));

      const recorder = await recordingConsumer(bus, topic, { fromBeginning: true });
      await recorder.waitForCount(60);

      expect(valuesByKey(recorder.received)).toEqual(valuesByKey(messages.map((m) => ({ ...m, topic, headers: {}, partition: 0, offset: '0' }))));
    }, TEST_TIMEOUT_MS);

    it('replays the whole topic to a fromBeginning consumer, and only new messages to a live one', async () => {
      const topic = newTopic();
      await bus.publish(topic, keyedMessages('old', 5));

      const replaying = await recordingConsumer(bus, topic, { fromBeginning: true });
      const live = await recordingConsumer(bus, topic, { fromBeginning: false });
      await replaying.consumer.caughtUp;
      await bus.publish(topic, [{ key: 'key-0', value: 'new-0', headers: { kind: 'test' } }]);

      await replaying.waitForCount(6);
      await live.waitForCount(1);
      expect(replaying.values().sort()).toEqual(['new-0', 'old-0', 'old-1', 'old-2', 'old-3', 'old-4']);
      expect(live.values()).toEqual(['new-0']);
      expect(live.received[0]).toMatchObject({ topic, key: 'key-0', headers: { kind: 'test' } });
    }, TEST_TIMEOUT_MS);

    it('delivers messages published after the consumer started', async () => {
      const topic = newTopic();
      const recorder = await recordingConsumer(bus, topic, { fromBeginning: false, groupId: newGroup() });
      await bus.publish(topic, keyedMessages('live', 10));
      await recorder.waitForCount(10);
      expect(recorder.values().sort()).toEqual(keyedMessages('live', 10).map((m) => m.value).sort());
    }, TEST_TIMEOUT_MS);

    it('resolves caughtUp only after everything in the topic at start was handled', async () => {
      const topic = newTopic();
      await bus.publish(topic, keyedMessages('m', 20));

      const slow = await recordingConsumer(bus, topic, { fromBeginning: true }, () => new Promise((r) => setTimeout(r, 5)));
      await slow.consumer.caughtUp;
      expect(slow.received.length).toBeGreaterThanOrEqual(20);

      // Nothing to read: caught up at once, for an empty topic and for a live consumer.
      const empty = await recordingConsumer(bus, newTopic(), { fromBeginning: true });
      await empty.consumer.caughtUp;
      const live = await recordingConsumer(bus, topic, { fromBeginning: false });
      await live.consumer.caughtUp;
      expect(live.received).toEqual([]);
    }, TEST_TIMEOUT_MS);

    it('resumes a consumer group from its committed offset after stop and start', async () => {
      const topic = newTopic();
      const groupId = newGroup();
      await bus.publish(topic, keyedMessages('first', 10));

      const first = await recordingConsumer(bus, topic, { groupId, fromBeginning: true });
      await first.consumer.caughtUp;
      await first.consumer.stop();
      expect(first.values().sort()).toEqual(keyedMessages('first', 10).map((m) => m.value).sort());

      await bus.publish(topic, keyedMessages('second', 10));
      const second = await recordingConsumer(bus, topic, { groupId, fromBeginning: true });
      await second.consumer.caughtUp;
      await second.waitForCount(10);
      // A clean stop commits everything handled: no repeats, nothing lost.
      expect(second.values().sort()).toEqual(keyedMessages('second', 10).map((m) => m.value).sort());
    }, TEST_TIMEOUT_MS);

    it('gives every message to each of two groups', async () => {
      const topic = newTopic();
      const a = await recordingConsumer(bus, topic, { groupId: newGroup(), fromBeginning: true });
      const b = await recordingConsumer(bus, topic, { groupId: newGroup(), fromBeginning: true });
      await bus.publish(topic, keyedMessages('m', 15));

      await a.waitForCount(15);
      await b.waitForCount(15);
      expect(a.values().sort()).toEqual(b.values().sort());
      expect(new Set(a.values()).size).toBe(15);
    }, TEST_TIMEOUT_MS);

    it('stops a consumer whose handler keeps failing, reports it, and redelivers the message to the group', async () => {
      const topic = newTopic();
      const groupId = newGroup();
      await bus.publish(topic, [{ key: 'k', value: 'ok' }, { key: 'k', value: 'poison' }]);

      let attempts = 0;
      const errors: Error[] = [];
      const reported = new Promise<void>((resolve) => {
        void bus.consume(
          topic,
          (message) => {
            if (message.value === 'poison') {
              attempts++;
              throw new Error('cannot handle poison');
            }
          },
          { groupId, fromBeginning: true, onError: (error) => (errors.push(error), resolve()) },
        );
      });
      await reported;
      expect(attempts).toBe(1 + fastHandlerRetry.retries);
      expect(errors[0]?.message).toContain('cannot handle poison');

      const next = await recordingConsumer(bus, topic, { groupId, fromBeginning: true });
      await next.waitForCount(1);
      expect(next.values()).toEqual(['poison']);
    }, TEST_TIMEOUT_MS);
  });
}

messageBusContract('InProcessMessageBus', () => new InProcessMessageBus({ handlerRetry: fastHandlerRetry }));

messageBusContract('KafkaMessageBus', () => new KafkaMessageBus({ brokers: [sharedBroker()], clientId: 'contract', handlerRetry: fastHandlerRetry }));

describe('KafkaMessageBus with a broker that crashes', () => {
  it('keeps consuming across a broker kill and restart, and publish rides out the outage', async () => {
    const broker = await startKafkaBroker();
    // kafkajs logs every refused connection during the outage; those are expected here.
    // The broker's minimum session timeout: the group stops waiting for the member lost in the crash sooner.
    const quiet = { logLevel: logLevel.NOTHING, sessionTimeoutMs: 6_000 };
    const bus = new KafkaMessageBus({ brokers: [broker.brokers], clientId: 'crash', publishTimeoutMs: 60_000, ...quiet });
    const impatient = new KafkaMessageBus({ brokers: [broker.brokers], clientId: 'impatient', publishTimeoutMs: 1_500, ...quiet });
    try {
      const topic = `crash-${randomUUID()}`;
      await impatient.ensureTopic(topic, { partitions: 3 });
      const recorder = await recordingConsumer(bus, topic, { groupId: `group-${randomUUID()}`, fromBeginning: true });
      await bus.publish(topic, keyedMessages('before', 20));
      await recorder.waitForCount(20);

      await broker.kill();
      await expect(impatient.publish(topic, [{ key: 'k', value: 'lost' }])).rejects.toThrow(/failed after \d+ attempt/);
      const duringOutage = bus.publish(topic, keyedMessages('during', 10));
      await broker.restart();
      await duringOutage;
      await bus.publish(topic, keyedMessages('after', 20));

      const published = [...keyedMessages('before', 20), ...keyedMessages('during', 10), ...keyedMessages('after', 20)];
      await recorder.waitUntil((received) => published.every((p) => received.some((m) => m.value === p.value)), 60_000);
      // At least once: repeats are allowed, but per key the first sightings keep publish order.
      const firstSightings = recorder.received.filter((m, i) => recorder.received.findIndex((o) => o.value === m.value) === i);
      expect(valuesByKey(firstSightings)).toEqual(valuesByKey(published.map((m) => ({ ...m, topic, headers: {}, partition: 0, offset: '0' }))));
    } finally {
      await impatient.close();
      await bus.close();
      await broker.stop();
    }
  }, 120_000);
});

function sharedBroker(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run through the e2e jest project (its globalSetup starts a broker)');
  return brokers;
}
