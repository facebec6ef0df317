import { startRoutingFloor } from './support/routing-test-app.js';
import { describeRoutingScenarios } from './support/routing-scenarios.js';
import { describeRoutingFaultScenarios } from './support/routing-fault-scenarios.js';

describeRoutingScenarios('routing over HTTP on the embedded default (SQLite, in-process bus)', () => startRoutingFloor(1));

describeRoutingFaultScenarios('routing under faults on the embedded default', (instances) => startRoutingFloor(instances));

// Through the real broker (jest globalSetup starts one); KAFKA_BROKERS=unused runs the in-process variants only.
const brokers = process.env.KAFKA_BROKERS;
if (brokers && brokers !== 'unused') {
  describeRoutingScenarios(`routing over HTTP with availability through a real Kafka broker (${brokers})`, () =>
    startRoutingFloor(1, { MESSAGE_BUS: 'kafka', KAFKA_BROKERS: brokers, AVAILABILITY_TOPIC: `availability-routing-${Date.now()}` }));
}
