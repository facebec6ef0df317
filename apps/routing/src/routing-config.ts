import { DEFAULT_AVAILABILITY_TOPIC } from '@app/contracts';
import { ROUTING_POLICIES, type RoutingPolicy } from '@app/routing-domain';
import { ConfigError } from '@app/platform';

export interface RoutingConfig {
  readonly availabilityTopic: string;
  readonly policy: RoutingPolicy;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Routing's own settings; the port, the store and the bus come from the shared app settings. */
export const routingConfigFrom = (env: Env): RoutingConfig => {
  const policyName = env.ROUTING_POLICY || 'least-loaded';
  const policy = ROUTING_POLICIES[policyName];
  if (!policy) throw new ConfigError([`ROUTING_POLICY=${policyName}: expected one of ${Object.keys(ROUTING_POLICIES).join(', ')}`]);
  return { availabilityTopic: env.AVAILABILITY_TOPIC || DEFAULT_AVAILABILITY_TOPIC, policy };
};

export const ROUTING_CONFIG = Symbol('RoutingConfig');
