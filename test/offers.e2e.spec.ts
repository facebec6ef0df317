import { describeOfferFaultScenarios } from './support/offer-fault-scenarios.js';
import { describeOfferScenarios } from './support/offer-scenarios.js';
import { startRoutingFloor } from './support/routing-test-app.js';

describeOfferScenarios('offers on the embedded default (SQLite, in-process bus), two routing instances', (clock) => startRoutingFloor(2, {}, clock));

describeOfferFaultScenarios('offer deadlines and grace on the embedded default, two routing instances', (clock) => startRoutingFloor(2, {}, clock));

// Through the real broker (jest globalSetup starts one); KAFKA_BROKERS=unused runs the in-process variants only.
const brokers = process.env.KAFKA_BROKERS;
if (brokers && brokers !== 'unused') {
  const kafka = (topic: string) => ({ MESSAGE_BUS: 'kafka', KAFKA_BROKERS: brokers, AVAILABILITY_TOPIC: `${topic}-${Date.now()}` });
  describeOfferScenarios(`offers over a real Kafka broker (${brokers}), two routing instances`, (clock) =>
    startRoutingFloor(2, kafka('availability-offers'), clock));
  describeOfferFaultScenarios(`offer deadlines and grace over a real Kafka broker (${brokers}), two routing instances`, (clock) =>
    startRoutingFloor(2, kafka('availability-offer-faults'), clock));
}
