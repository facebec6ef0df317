import { DEFAULT_AVAILABILITY_TOPIC } from '@app/contracts';
import { DEFAULT_SERVICE_LEVEL_SECONDS, ROUTING_POLICIES, type RoutingPolicy } from '@app/routing-domain';
import { SettingsReader, type Env } from '@app/platform';

export interface RoutingConfig {
  readonly availabilityTopic: string;
  readonly policy: RoutingPolicy;
  /** A team's service level is the share of its recent assignments that waited at most this long. */
  readonly serviceLevelSeconds: number;
}

/** Routing's own settings; the port, the store and the bus come from the shared app settings. */
export const routingConfigFrom = (env: Env): RoutingConfig => {
  const read = new SettingsReader(env);
  const policyName = read.text('ROUTING_POLICY', 'least-loaded');
  const policy = ROUTING_POLICIES[policyName];
  if (!policy) read.problem(`ROUTING_POLICY=${policyName}: expected one of ${Object.keys(ROUTING_POLICIES).join(', ')}`);
  return read.done({
    availabilityTopic: read.text('AVAILABILITY_TOPIC', DEFAULT_AVAILABILITY_TOPIC),
    policy,
    serviceLevelSeconds: read.integer('SERVICE_LEVEL_SECONDS', DEFAULT_SERVICE_LEVEL_SECONDS, 1, 3600),
  });
};

export const ROUTING_CONFIG = Symbol('RoutingConfig');
