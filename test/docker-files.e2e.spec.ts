import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/*
 * The files in docker/ are for users with Docker; the machines this repo is
 * built and tested on have no Docker engine, so nothing here builds an image
 * or starts a container. What is checked:
 *  - both compose files parse and validate against the compose schema with
 *    Debian's docker-compose 1.29 (`docker-compose config -q`: unknown keys,
 *    bad depends_on conditions, undeclared volumes, missing build contexts);
 *  - the resolved production compose file has the shape the apps need
 *    (health checks, start order, store and bus settings, ports);
 *  - the Dockerfile's stages and steps, and that every entry point it or the
 *    compose file starts exists in dist/ (this runs after `npm run build`).
 * Install docker-compose with scripts/install-test-tools.sh.
 */

const root = process.cwd();
const COMPOSE_FILES = ['docker/compose.yml', 'docker/eventstoredb.compose.yml'];
const ENTRY_POINTS = { standalone: 'dist/apps/standalone/src/main.js', presence: 'dist/apps/presence/src/main.js', routing: 'dist/apps/routing/src/main.js' };

const hasDockerCompose = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' }).status === 0;
const requireDockerCompose = () => {
  if (!hasDockerCompose) throw new Error('docker-compose (v1) is not installed: run scripts/install-test-tools.sh (apt-get install docker-compose) first');
};

const compose = (file: string, ...args: string[]) =>
  spawnSync('docker-compose', ['-f', file, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

interface HealthCheck { test: string[] | string; interval?: string; timeout?: string; retries?: number }
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  environment?: Record<string, string | null>;
  ports?: { published: number | string; target: number | string }[];
  volumes?: ({ source?: string; target?: string } | string)[];
  healthcheck?: HealthCheck;
  depends_on?: Record<string, { condition: string }>;
}

/** The compose file as docker-compose resolves it (anchors, merges, defaults applied), via its own YAML parser. */
const resolvedCompose = (file: string): { services: Record<string, Service>; volumes?: Record<string, unknown> } => {
  const result = compose(file, 'config');
  if (result.status !== 0) throw new Error(`docker-compose -f ${file} config failed:\n${result.stderr}`);
  const json = execFileSync('python3', ['-c', 'import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], { input: result.stdout, encoding: 'utf8' });
  return JSON.parse(json);
};

/** Where a service's named volumes are mounted: docker-compose 1.29 prints them as `source:target:mode`. */
const namedVolumeTargets = (service: Service): string[] =>
  (service.volumes ?? []).flatMap((volume) => {
    const [source, target] = typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target];
    return source && target && !source.startsWith('/') && !source.startsWith('.') ? [target] : [];
  });

/** The settings the apps document (README's Configuration table) and the image's own (ENV in the Dockerfile). */
const configVariables = (): Set<string> => {
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'));
  const documented = [...table.slice(0, table.indexOf('\n## ', 3)).matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
  const env = readFileSync(resolve(root, 'docker/Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ').match(/^ENV .*$/m)?.[0] ?? '';
  return new Set([...documented, ...[...env.matchAll(/([A-Z_]+)=/g)].map((m) => m[1])]);
};

/** GET routes declared in an app's controllers (`@Controller('a')` + `@Get('b')`), read from its source. */
const getRoutes = (app: string): string[] => {
  const files = (readdirSync(resolve(root, 'apps', app, 'src'), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.controller.ts'))
    .map((file) => readFileSync(join(root, 'apps', app, 'src', file), 'utf8'));
  return files.flatMap((source) => {
    const base = source.match(/@Controller\(\s*'([^']*)'/)?.[1];
    if (base === undefined) return [];
    return [...source.matchAll(/@Get\(\s*(?:'([^']*)')?\s*\)/g)].map((m) => `/${[base, m[1]].filter(Boolean).join('/')}`);
  });
};

describe('docker compose files parse and validate (docker-compose config; no engine here, nothing is run)', () => {
  it.each(COMPOSE_FILES)('%s passes `docker-compose config -q`', (file) => {
    requireDockerCompose();
    const result = compose(file, 'config', '-q');
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('rejects a broken compose file, so a pass above means something', () => {
    requireDockerCompose();
    const result = spawnSync('docker-compose', ['-f', '-', 'config', '-q'], {
      input: 'services:\n  a:\n    image: x\n    depends_on:\n      b:\n        condition: service_healty\n  b:\n    image: y\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('condition');
  });

  describe('docker/compose.yml, the production shape', () => {
    let resolved: Record<string, Service> | undefined;
    const services = () => (resolved ??= resolvedCompose('docker/compose.yml').services);

    it('runs EventStoreDB, Kafka (KRaft), presence and routing, each with a health check', () => {
      requireDockerCompose();
      const all = services();
      expect(Object.keys(all).sort()).toEqual(['eventstoredb', 'kafka', 'presence', 'routing']);
      for (const [name, service] of Object.entries(all)) expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.anything() });
      expect(all.eventstoredb.image).toMatch(/^(eventstore\/eventstore|docker\.kurrent\.io\/.*kurrentdb):/);
      expect(all.eventstoredb.environment).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: '1', EVENTSTORE_INSECURE: 'true' });
    });

    it('runs Kafka as one KRaft node (broker and controller), replication factors of 1', () => {
      requireDockerCompose();
      const kafka = services().kafka;
      expect(kafka.image).toMatch(/^apache\/kafka:4\./);
      const env = kafka.environment ?? {};
      expect(env).toMatchObject({
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      });
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${env.KAFKA_NODE_ID}@kafka:9093`);
      expect(env.KAFKA_LISTENERS).toContain('CONTROLLER://:9093');
      expect(env.KAFKA_ADVERTISED_LISTENERS).toContain('PLAINTEXT://kafka:9092');
      // Data in a named volume, at the log dir the broker writes.
      expect(namedVolumeTargets(kafka)).toContain(env.KAFKA_LOG_DIRS);
    });

    it.each([
      ['presence', 3000, { RELAY_ENABLED: 'true' }],
      ['routing', 3001, {}],
    ] as const)('starts %s on EventStoreDB and Kafka, after both are healthy, published on port %d', (name, port, extra) => {
      requireDockerCompose();
      const all = services();
      const app = all[name];
      expect(app.environment).toMatchObject({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://eventstoredb:2113?tls=false',
        MESSAGE_BUS: 'kafka',
        KAFKA_BROKERS: 'kafka:9092',
        PORT: String(port),
        ...extra,
      });
      // Every setting is one the apps document (a misspelt name would be silently ignored).
      const known = configVariables();
      expect(Object.keys(app.environment ?? {}).filter((key) => !known.has(key))).toEqual([]);
      expect(app.depends_on).toMatchObject({ eventstoredb: { condition: 'service_healthy' }, kafka: { condition: 'service_healthy' } });
      expect(app.ports?.map((p) => [Number(p.published), Number(p.target)])).toEqual([[port, port]]);
      expect(namedVolumeTargets(app)).toContain(app.environment?.DATA_DIR);
      expect(app.build?.dockerfile).toBe('docker/Dockerfile');
      expect(app.build?.context).toBe(root);
      expect(app.command).toEqual(['node', ENTRY_POINTS[name]]);
    });

    it.each(['presence', 'routing'])('checks %s at a health route its controllers declare', (name) => {
    requireDockerCompose();
    const path = services()[name].environment?.HEALTHCHECK_PATH ?? '/health';
    expect(getRoutes(name)).toContain(path);
  });

  it('starts routing only after presence is healthy (presence creates the availability topic)', () => {
      requireDockerCompose();
      expect(services().routing.depends_on?.presence).toEqual({ condition: 'service_healthy' });
    });
  });
});

describe('docker/Dockerfile (checked as text; no image is built here)', () => {
  const dockerfile = readFileSync(resolve(root, 'docker/Dockerfile'), 'utf8');
  const joined = dockerfile.replace(/\\\n\s*/g, ' '); // line continuations joined
  const instructions = joined.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
  const stages = instructions.filter((line) => /^FROM\s/i.test(line));

  it('has a build stage and a runtime stage, both on node:20-bookworm-slim', () => {
    expect(stages.map((line) => line.split(/\s+/).pop())).toEqual(['build', 'runtime']);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
  });

  it('builds in the build stage: native toolchain, npm 11 (allowScripts), npm ci, build, prune', () => {
    const build = dockerfile.slice(dockerfile.indexOf(' AS build'), dockerfile.indexOf(' AS runtime'));
    for (const step of ['python3 make g++', 'npm install -g npm@${NPM_VERSION}', 'npm ci', 'npm run build', 'npm prune --omit=dev']) expect(build).toContain(step);
    expect(dockerfile).toMatch(/^ARG NPM_VERSION=11\./m);
  });

  it('runs as a non-root user in production mode, with a health check, on port 3000, standalone by default', () => {
    const runtime = joined.slice(joined.indexOf(' AS runtime'));
    for (const from of ['node_modules', 'dist', 'package.json']) expect(runtime).toMatch(new RegExp(`^COPY --from=build /app/${from} `, 'm'));
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^EXPOSE 3000$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "-e", "fetch\('http:\/\/127\.0\.0\.1:'.*\/health'/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/apps\/standalone\/src\/main\.js"\]$/m);
    expect(runtime).not.toMatch(/^ENTRYPOINT/m); // a command selects the app
  });

  it('copies from the build context only what exists and what .dockerignore lets through', () => {
    const ignored = readFileSync(resolve(root, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.cache', '.git', 'coverage']));
    const copied = instructions.filter((line) => /^COPY\s/.test(line) && !line.includes('--from=')).flatMap((line) => line.trim().split(/\s+/).slice(1, -1));
    expect(copied.length).toBeGreaterThan(0);
    for (const path of copied) {
      expect({ path, exists: existsSync(resolve(root, path)) }).toEqual({ path, exists: true });
      expect({ path, ignored: ignored.includes(path) }).toEqual({ path, ignored: false });
    }
  });
});

describe('the entry points the image and compose file start exist after `npm run build`', () => {
  it.each(Object.entries(ENTRY_POINTS))('%s: %s', (_app, path) => {
    expect({ path, exists: existsSync(resolve(root, path)) }).toEqual({ path, exists: true });
  });
});
