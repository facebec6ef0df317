import { describeRelayScenarios } from './support/relay-scenarios.js';
import { startPresenceTestApp } from './support/presence-test-app.js';

describeRelayScenarios('availability relay to the in-process bus (embedded default)', () => startPresenceTestApp());

const brokers = process.env.KAFKA_BROKERS;
if (!brokers || brokers === 'unused') throw new Error('KAFKA_BROKERS must point at a broker: the e2e jest globalSetup starts one');

describeRelayScenarios(`availability relay to a real Kafka broker (${brokers})`, () =>
  startPresenceTestApp({ MESSAGE_BUS: 'kafka', KAFKA_BROKERS: brokers, AVAILABILITY_TOPIC: `availability-test-${Date.now()}` }));
