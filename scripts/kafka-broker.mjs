#!/usr/bin/env node
// A real single-node Kafka broker (KRaft) from Maven Central jars, for tests
// and for running the app without Docker.
//
//   node scripts/kafka-broker.mjs                      # foreground, Ctrl-C stops
//   node scripts/kafka-broker.mjs --port 9092          # fixed client port
//   node scripts/kafka-broker.mjs --exec -- npm test   # KAFKA_BROKERS set for the command
//
// As a library: `const broker = await startKafkaBroker(); broker.brokers; await broker.stop()`.
//
// Version pin: 4.4.0, the newest 4.x on Maven Central. kafkajs 2.2.4 caps
// every API at versions Kafka 4 still serves (KIP-896 kept them for it), and
// test/message-bus.contract.spec.ts runs produce, group consume, admin
// createTopics/fetchTopicOffsets and a broker kill/restart against it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, realpathSync } from 'node:fs';
import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const KAFKA_VERSION = '4.4.0';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pomFile = join(repoRoot, 'test/support/kafka/pom.xml');
const host = '127.0.0.1';

/**
 * @param {object} [options]
 * @param {string} [options.version] Kafka version to fetch and run.
 * @param {number} [options.port] client port; a free one when omitted.
 * @param {string} [options.heap] JVM -Xmx.
 * @param {number} [options.partitions] num.partitions for auto-created topics.
 * @param {number} [options.readyTimeoutMs]
 * @param {(line: string) => void} [options.log] progress messages (not broker logs).
 */
export async function startKafkaBroker(options = {}) {
  const version = options.version ?? KAFKA_VERSION;
  const log = options.log ?? (() => {});
  const libs = await resolveBrokerJars(version, log);
  const port = options.port ?? (await findFreePort());
  const controllerPort = await findFreePort([port]);
  const workDir = await mkdtemp(join(tmpdir(), 'kafka-broker-'));
  const logFile = join(workDir, 'broker.log');
  const configFile = join(workDir, 'server.properties');
  const log4jFile = join(workDir, 'log4j2.properties');
  await writeFile(configFile, serverProperties({ port, controllerPort, dataDir: join(workDir, 'data'), partitions: options.partitions ?? 3 }));
  await writeFile(log4jFile, log4jProperties());

  const jvmArgs = [
    `-Xmx${options.heap ?? '512m'}`,
    '-Xms128m',
    // Two cores: a single-threaded collector leaves the other core to the tests.
    '-XX:+UseSerialGC',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    '-cp',
    `${libs}/*`,
  ];
  const brokers = `${host}:${port}`;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  let broker = null;

  const launch = async () => {
    broker = spawnBroker([...jvmArgs, 'kafka.Kafka', configFile], logFile);
    await waitUntilReady(brokers, broker, readyTimeoutMs, logFile);
  };
  const terminate = async (signal) => {
    const current = broker;
    broker = null;
    if (current) await current.terminate(signal);
  };

  try {
    await runJava([...jvmArgs, 'kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', configFile], logFile);
    await launch();
  } catch (error) {
    await terminate('SIGKILL');
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
  log(`Kafka ${version} ready at ${brokers} (log: ${logFile})`);

  return {
    brokers,
    logFile,
    get pid() {
      return broker?.child.pid;
    },
    /** Clean shutdown (SIGKILL after 20 s), then the data dir is removed. */
    async stop() {
      await terminate('SIGTERM');
      await rm(workDir, { recursive: true, force: true });
    },
    /** Crash the broker (SIGKILL); data stays for restart(). */
    async kill() {
      await terminate('SIGKILL');
    },
    /** Start again on the same ports and data dir (after kill() or a crash). */
    async restart() {
      await terminate('SIGTERM');
      await launch();
    },
  };
}

/** Fetches the broker's jars once into .cache/kafka/<version>/libs. */
export async function resolveBrokerJars(version = KAFKA_VERSION, log = () => {}) {
  const versionDir = join(repoRoot, '.cache/kafka', version);
  const libs = join(versionDir, 'libs');
  // The marker is written last, so a download cut short is redone, not used.
  if (existsSync(join(libs, '.complete'))) return libs;
  await mkdir(versionDir, { recursive: true });
  const staging = await mkdtemp(join(versionDir, 'libs-partial-'));
  log(`Fetching Kafka ${version} jars with Maven (first run only)...`);
  const started = Date.now();
  const args = ['-B', '-q', '-Dstyle.color=never', '-f', pomFile, `-Dkafka.version=${version}`, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`];
  const code = await new Promise((done, fail) => {
    // Maven's output goes to stderr: stdout carries only the broker's address, for scripts that read it.
    const mvn = spawn('mvn', args, { stdio: ['ignore', 2, 2] });
    mvn.on('error', fail);
    mvn.on('exit', (exitCode) => done(exitCode));
  });
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`mvn ${args.join(' ')} exited with ${code}`);
  }
  await writeFile(join(staging, '.complete'), `${new Date().toISOString()}\n`);
  // Another process may have finished first; its copy is as good as ours.
  await rename(staging, libs).catch(() => rm(staging, { recursive: true, force: true }));
  log(`Fetched Kafka ${version} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libs;
}

function serverProperties({ port, controllerPort, dataDir, partitions }) {
  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${controllerPort}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    // One node: internal topics cannot have more replicas, or groups never form.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Tests join groups often; the default 3 s delay would slow every one.
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    `num.partitions=${partitions}`,
    'default.replication.factor=1',
    'min.insync.replicas=1',
    // Compaction checks run soon enough for a test to see them.
    'log.cleaner.backoff.ms=1000',
  ].join('\n')}\n`;
}

function log4jProperties() {
  // Broker output goes to stdout, which is the log file; INFO is enough to debug a failed start.
  return `${[
    'appender.out.type=Console',
    'appender.out.name=OUT',
    'appender.out.layout.type=PatternLayout',
    'appender.out.layout.pattern=[%d] %p %m (%c)%n',
    'rootLogger.level=INFO',
    'rootLogger.appenderRef.out.ref=OUT',
    'logger.kafka.name=kafka',
    'logger.kafka.level=INFO',
    'logger.state.name=state.change.logger',
    'logger.state.level=WARN',
  ].join('\n')}\n`;
}

/** Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. */
function newClusterId() {
  const id = randomBytes(16).toString('base64url');
  // StorageTool's argument parser would read a leading '-' as an option.
  return id.startsWith('-') ? newClusterId() : id;
}

function runJava(args, logFile) {
  return new Promise((done, fail) => {
    const out = openSync(logFile, 'a');
    const java = spawn('java', args, { stdio: ['ignore', out, out] });
    closeSync(out);
    java.on('error', fail);
    java.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.find((a) => a.startsWith('kafka.'))} exited with ${code}; see ${logFile}`))));
  });
}

function spawnBroker(args, logFile) {
  const out = openSync(logFile, 'a');
  const child = spawn('java', args, { stdio: ['ignore', out, out] });
  closeSync(out);
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let running = true;
  exited.then(() => (running = false));

  // If this Node process dies without stop() (SIGKILL, crash), the watchdog's
  // stdin closes and it kills the JVM, so no broker outlives its owner.
  const watchdog = spawn('sh', ['-c', `cat >/dev/null; kill -9 ${child.pid} 2>/dev/null`], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  watchdog.stdin.unref?.();
  watchdog.stdin.on('error', () => {});
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    child,
    exited,
    isRunning: () => running,
    async terminate(signal) {
      process.off('exit', killOnExit);
      watchdog.kill('SIGKILL');
      if (running) {
        child.kill(signal);
        const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(forced);
      }
    },
  };
}

async function waitUntilReady(brokers, broker, timeoutMs, logFile) {
  const deadline = Date.now() + timeoutMs;
  const [, port] = brokers.split(':');
  const fail = (why) => new Error(`Kafka broker at ${brokers} ${why}; see ${logFile}`);
  while (!(await portAccepts(Number(port)))) {
    if (!broker.isRunning()) throw fail('exited during start');
    if (Date.now() > deadline) throw fail(`not listening after ${timeoutMs} ms`);
    await sleep(200);
  }
  // Listening is not ready: metadata must list the broker before topics can be created.
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({ clientId: 'kafka-broker-ready-check', brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  try {
    for (;;) {
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length > 0 && cluster.controller !== null) return;
      } catch {
        // not ready yet
      }
      if (!broker.isRunning()) throw fail('exited during start');
      if (Date.now() > deadline) throw fail(`not answering metadata after ${timeoutMs} ms`);
      await sleep(250);
    }
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

function portAccepts(port) {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function findFreePort(avoid = []) {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => (avoid.includes(port) ? findFreePort(avoid).then(done, fail) : done(port)));
    });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// ---- command line ----------------------------------------------------------

function parseArgs(argv) {
  const options = { exec: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--exec') {
      const rest = argv.slice(i + 1);
      options.exec = rest[0] === '--' ? rest.slice(1) : rest;
      break;
    } else if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--version') options.version = argv[++i];
    else if (arg === '--heap') options.heap = argv[++i];
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (options.exec && options.exec.length === 0) throw new Error('--exec needs a command after it');
  return options;
}

const usage = `usage: node scripts/kafka-broker.mjs [--port N] [--version X] [--heap 512m] [--exec -- command...]`;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const log = (line) => console.error(`[kafka-broker] ${line}`);
  const started = Date.now();
  const broker = await startKafkaBroker({ ...options, log });
  log(`started in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let stopping = null;
  const stopBroker = () => (stopping ??= broker.stop());

  if (!options.exec) {
    console.log(broker.brokers);
    await new Promise((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    log('stopping');
    await stopBroker();
    return 0;
  }

  const [command, ...args] = options.exec;
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, KAFKA_BROKERS: broker.brokers } });
  // Ctrl-C reaches the whole process group already; SIGTERM is passed on by hand.
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', () => {});
  process.on('SIGTERM', forward('SIGTERM'));
  const exitCode = await new Promise((done) => {
    child.on('error', (error) => {
      log(`cannot run ${command}: ${error.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + signalNumber(signal)));
  });
  await stopBroker();
  return exitCode;
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1;
}

const invokedDirectly = process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
if (invokedDirectly) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[kafka-broker] ${error.message}`);
      process.exit(1);
    },
  );
}
