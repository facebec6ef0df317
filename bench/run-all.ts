import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figure.js';
import { formatTable } from './table.js';

/**
 * Runs every benchmark group in its own process, one after the other (they
 * would skew each other on a small machine), prints one table and writes it
 * as JSON to bench/results/<timestamp>.json and bench/results/latest.json.
 * `node dist/bench/run-all.js [group ...]` runs only the named groups.
 */
const GROUPS = [
  'status-commands-sqlite', 'status-commands-eventstoredb', 'presence-processes', 'runner-latency', 'audit-replay', 'routing-decisions', 'routing-offer-decisions', 'memory-per-agent',
  'ack-to-routing-latency', 'offer-accept-latency', 'connection-tracking', 'agent-sessions', 'what-if', 'reports',
];
const HERE = fileURLToPath(new URL('.', import.meta.url));
const RESULTS = join(process.cwd(), 'bench', 'results');

const runGroup = (group: string, out: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', join(HERE, `${group}.js`), out], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${group} exited with ${code ?? signal}`))));
  });

const machine = () => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  totalMemoryBytes: totalmem(),
  platform: `${platform()} ${release()}`,
  node: process.version,
  loadAverageAtStart: loadavg(),
});

const selected = process.argv.slice(2);
const unknown = selected.filter((group) => !GROUPS.includes(group));
if (unknown.length > 0) throw new Error(`unknown groups ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
const groups = selected.length > 0 ? selected : GROUPS;

const started = new Date();
const host = machine();
const scratch = mkdtempSync(join(tmpdir(), 'bench-results-'));
const figures: Figure[] = [];
const failures: string[] = [];
try {
  for (const group of groups) {
    const out = join(scratch, `${group}.json`);
    try {
      await runGroup(group, out);
      figures.push(...(JSON.parse(readFileSync(out, 'utf8')) as Figure[]));
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const report = {
  startedAt: started.toISOString(),
  seconds: (Date.now() - started.getTime()) / 1000,
  quick: process.env.BENCH_QUICK === '1',
  machine: { ...host, loadAverageAtEnd: loadavg() },
  figures,
  failures,
};
mkdirSync(RESULTS, { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
writeFileSync(join(RESULTS, `${started.toISOString().replace(/[:.]/g, '-')}.json`), json);
writeFileSync(join(RESULTS, 'latest.json'), json);

process.stdout.write(`\n${formatTable(figures)}\n\n`);
process.stdout.write(`${host.cpus} x ${host.cpuModel}, node ${host.node}, load average ${host.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')} at start; `
  + `figures are medians of the runs in bench/results/latest.json; ${report.seconds.toFixed(0)} s\n`);
if (failures.length > 0) {
  process.stderr.write(`failed: ${failures.join('; ')}\n`);
  process.exitCode = 1;
}
