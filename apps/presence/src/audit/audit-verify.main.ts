/**
 * `npm run audit:verify [-- --agent <id>]`: checks the hash chain of every
 * agent stream (or one) in the store the environment configures, as the
 * app would open it (DATA_DIR, EVENT_STORE, EVENTSTORE_CONNECTION_STRING),
 * reading only. Exit 0: intact; 1: a broken chain, named by stream and
 * revision on stdout; 2: bad arguments, settings, or a store that cannot be opened.
 */
import type { EventStore } from '@app/event-store';
import { appConfigFrom, configurationOrExit, createEventStore } from '@app/platform';
import { AUDIT_EXIT, runAuditVerify } from './audit-verify.js';

const [config] = configurationOrExit(() => appConfigFrom(process.env));
const output = { out: (line: string) => process.stdout.write(`${line}\n`), err: (line: string) => process.stderr.write(`${line}\n`) };

let store: EventStore;
try {
  store = await createEventStore(config, { readonly: true });
} catch (error) {
  output.err(`cannot open the ${config.eventStore} event store${config.eventStore === 'sqlite' ? ` in ${config.dataDir}` : ''}: ${(error as Error).message}`);
  process.exit(AUDIT_EXIT.usage);
}

let code: number;
try {
  code = await runAuditVerify(store, process.argv.slice(2), output);
} catch (error) {
  output.err(`the audit could not finish: ${(error as Error).message}`);
  code = AUDIT_EXIT.usage;
} finally {
  await store.close();
}
process.exit(code);
