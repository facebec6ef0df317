/**
 * `npm run -s what-if -- --from <ISO> --to <ISO> [--team <t>] [--policy a,b,c] [--json]`:
 * the recorded range re-run through each policy in simulated time, compared
 * side by side. See what-if-arguments.ts for the usage text.
 */
import type { EventStore } from '@app/event-store';
import { simulate, summarize } from '@app/what-if';
import { eventStoreFromEnv, WhatIfSettingError } from './event-store-from-env.js';
import { ProgressBar } from './progress-bar.js';
import { readRecordedDay } from './recorded-log-reader.js';
import { parseWhatIfArguments, USAGE, type WhatIfRequest } from './what-if-arguments.js';
import { formatReport, reportOf } from './what-if-report.js';

/** Ranges longer than this get a progress bar (on a terminal). */
const LONG_RANGE_MS = 3600_000;

const run = async (request: WhatIfRequest, store: EventStore): Promise<void> => {
  const bar = ProgressBar.for(process.stderr, request.to - request.from > LONG_RANGE_MS);
  const { day, events } = await readRecordedDay(store, request, ({ done, events: read }) => bar.update(`reading the log (${read.toLocaleString('en-US')} events)`, done));
  const summaries = request.policies.map((policy) => {
    bar.next();
    const outcome = simulate(day, policy, { onProgress: (done) => bar.update(`simulating ${policy.name}`, done) });
    return summarize(outcome, { serviceLevelSeconds: request.serviceLevelSeconds, team: request.team });
  });
  bar.clear();
  const carriedOver = day.conversations.filter((conversation) => conversation.start.kind !== 'arrives').length;
  const report = reportOf(request, events, carriedOver, summaries);
  process.stdout.write(request.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
};

const main = async (): Promise<number> => {
  const parsed = parseWhatIfArguments(process.argv.slice(2), process.env);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'invalid':
      process.stderr.write(`${parsed.problems.map((problem) => `what-if: ${problem}`).join('\n')}\n`);
      return 2;
    case 'run':
      break;
    default: {
      const unhandled: never = parsed;
      throw new Error(`unhandled arguments ${JSON.stringify(unhandled)}`);
    }
  }
  let opened: { store: EventStore } | undefined;
  try {
    opened = await eventStoreFromEnv(process.env);
    await run(parsed.request, opened.store);
    return 0;
  } catch (error) {
    if (error instanceof WhatIfSettingError) { process.stderr.write(`what-if: ${error.message}\n`); return 2; }
    process.stderr.write(`what-if: could not read the log: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await opened?.store.close();
  }
};

process.exitCode = await main();
