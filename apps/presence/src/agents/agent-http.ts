import { ApiHeader } from '@nestjs/swagger';
import { SlugParamPipe } from '@app/platform';

/** Validates the agent id of every /v1/agents/{agentId} route. */
export const agentIdPipe = new SlugParamPipe('agentId');

export const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key', required: false, description: 'a retried request with the same key appends nothing new',
});
