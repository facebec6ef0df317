import { requireBuiltConsole } from './support/console-test-app.js';
import { startPresenceTestApp, type PresenceTestApp } from './support/presence-test-app.js';

/** The presence app serves the built console at /console/ to anyone; the data behind it still needs a token. */
let app: PresenceTestApp;

beforeAll(async () => {
  requireBuiltConsole();
  app = await startPresenceTestApp();
});
afterAll(() => app.close());

const get = (path: string) => fetch(`${app.url}${path}`, { redirect: 'manual' });

it('serves the console page without a token, under a policy that allows only its own script, style and API', async () => {
  for (const path of ['/console/', '/console']) {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<script type="module" src="/console/console.js">');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
  }
});

it('serves the script, the stylesheet and the icon with their types', async () => {
  const types = await Promise.all(['console.js', 'console.css', 'favicon.svg'].map(async (name) => (await get(`/console/${name}`)).headers.get('content-type')));
  expect(types).toEqual([expect.stringMatching(/^text\/javascript/), expect.stringMatching(/^text\/css/), 'image/svg+xml']);
});

it('answers 404 for any other name, and never reads a path a request names', async () => {
  for (const path of ['/console/nope.js', '/console/..%2Fpackage.json', '/console/%2E%2E%2F%2E%2E%2Fpackage.json']) {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  }
});

it('still asks for a token for the API the console calls', async () => {
  expect((await get('/v1/floor')).status).toBe(401);
});
