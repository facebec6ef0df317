/**
 * Which of the endpoints of issues 11–13 this server has, read once from its
 * public OpenAPI document (GET /v1/openapi.json). Asking the document rather
 * than probing each route keeps the browser console free of 404 errors; a
 * feature whose route is listed but still answers 404 hides itself too
 * (ApiClient.optional).
 */
export type ServerFeature = 'agentSession' | 'statusReasons' | 'offers' | 'timeInStatusReport' | 'teamStats';

/** Each feature's route as the OpenAPI document lists it, path parameters written `{}`. */
export const FEATURE_ROUTES: Readonly<Record<ServerFeature, string>> = {
  agentSession: '/v1/agents/{}/session',
  statusReasons: '/v1/status-reasons',
  offers: '/v1/conversations/{}/accept',
  timeInStatusReport: '/v1/reports/time-in-status',
  teamStats: '/v1/teams/{}/stats',
};

export type ServerFeatures = ReadonlySet<ServerFeature>;

/** The features whose route is among these OpenAPI paths (parameter names do not matter). */
export const featuresOf = (paths: Iterable<string>): ServerFeatures => {
  const routes = new Set([...paths].map((path) => path.replace(/\{[^}]*\}/g, '{}')));
  return new Set((Object.keys(FEATURE_ROUTES) as ServerFeature[]).filter((feature) => routes.has(FEATURE_ROUTES[feature])));
};

/** None when the document cannot be read: the console then offers only what every server has. */
export const loadServerFeatures = async (): Promise<ServerFeatures> => {
  try {
    const response = await fetch('/v1/openapi.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return new Set();
    const document = await response.json() as { paths?: Record<string, unknown> };
    return featuresOf(Object.keys(document.paths ?? {}));
  } catch {
    return new Set();
  }
};
