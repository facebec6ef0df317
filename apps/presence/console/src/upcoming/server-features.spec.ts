import { featuresOf } from './server-features.js';

describe('finding the features of issues 11–13 in the OpenAPI document', () => {
  it('finds none on a server that has only today\'s API', () => {
    expect([...featuresOf(['/v1/agents/{agentId}', '/v1/floor', '/v1/floor/stream', '/v1/queues/{team}'])]).toEqual([]);
  });

  it('finds each feature by its route, whatever the path parameters are called', () => {
    const paths = ['/v1/agents/{id}/session', '/v1/status-reasons', '/v1/status-reasons/{code}', '/v1/conversations/{conversationId}/accept',
      '/v1/reports/time-in-status', '/v1/teams/{team}/stats'];
    expect([...featuresOf(paths)].sort()).toEqual(['agentSession', 'offers', 'statusReasons', 'teamStats', 'timeInStatusReport']);
  });
});
