import { ROUTING_POLICIES, type RoutingPolicy } from '@app/routing-domain';

export interface WhatIfRequest {
  readonly from: number;
  readonly to: number;
  readonly team: string | undefined;
  readonly policies: readonly RoutingPolicy[];
  readonly json: boolean;
  readonly serviceLevelSeconds: number;
}

export type ParsedArguments =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly request: WhatIfRequest }
  /** Every problem found, each on its own line; the caller exits 2. */
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

export const USAGE = `Usage: npm run -s what-if -- --from <ISO> --to <ISO> [--team <team>] [--policy a,b,c] [--json]

Re-runs the conversations that arrived in [from, to) through each routing policy,
in simulated time, from the log of the configured event store, and compares waits.

  --from, --to   ISO-8601 date (2026-11-24, midnight UTC) or date-time with a zone
                 (2026-11-24T09:00:00Z, 2026-11-24T09:00:00+01:00)
  --team         only this team's conversations, queue and members in the figures
                 (every team is still simulated: agents work in several)
  --policy       comma-separated, of: ${Object.keys(ROUTING_POLICIES).join(', ')} (default: all)
  --json         one JSON document on stdout instead of the table
  --help         this text

Settings (environment): EVENT_STORE=sqlite (default, reads DATA_DIR/events.sqlite,
DATA_DIR default ./data, read-only) or eventstoredb (EVENTSTORE_CONNECTION_STRING);
SERVICE_LEVEL_SECONDS (default ${DEFAULT_SERVICE_LEVEL_SECONDS}) for "waited over service level".
Exit status: 0 done, 2 bad arguments or settings, 1 the store could not be read.`;

const ISO_DATE_OR_ZONED_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const parseInstant = (flag: string, text: string | undefined, problems: string[]): number => {
  if (text === undefined) { problems.push(`${flag} is required (an ISO-8601 date or date-time)`); return Number.NaN; }
  const parsed = ISO_DATE_OR_ZONED_TIME.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(parsed)) problems.push(`${flag} ${text}: expected an ISO-8601 date (2026-11-24) or date-time with a zone (2026-11-24T09:00:00Z)`);
  return parsed;
};

const parsePolicies = (text: string | undefined, problems: string[]): RoutingPolicy[] => {
  if (text === undefined) return Object.values(ROUTING_POLICIES);
  const names = text.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  const unknown = names.filter((name) => !(name in ROUTING_POLICIES));
  if (unknown.length > 0) problems.push(`--policy ${unknown.join(', ')}: unknown; expected some of ${Object.keys(ROUTING_POLICIES).join(', ')}`);
  else if (names.length === 0) problems.push(`--policy is empty; expected some of ${Object.keys(ROUTING_POLICIES).join(', ')}`);
  return [...new Set(names)].filter((name) => name in ROUTING_POLICIES).map((name) => ROUTING_POLICIES[name]);
};

const parseServiceLevel = (text: string | undefined, problems: string[]): number => {
  if (text === undefined || text === '') return DEFAULT_SERVICE_LEVEL_SECONDS;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) problems.push(`SERVICE_LEVEL_SECONDS=${text}: expected a number of seconds, 0 or more`);
  return value;
};

const VALUED = new Set(['--from', '--to', '--team', '--policy']);
const FLAGS = new Set(['--json', '--help', '-h']);

/** Splits argv into flags and `--name value` (or `--name=value`) pairs; unknown or valueless options are problems. */
const readOptions = (argv: readonly string[], problems: string[]): { values: Map<string, string>; flags: Set<string> } => {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const equals = argument.startsWith('--') ? argument.indexOf('=') : -1;
    const name = equals > 0 ? argument.slice(0, equals) : argument;
    if (FLAGS.has(name) && equals < 0) { flags.add(name); continue; }
    if (!VALUED.has(name)) { problems.push(`${argument}: unknown option (see --help)`); continue; }
    const value = equals > 0 ? argument.slice(equals + 1) : argv[index + 1];
    if (value === undefined || (equals < 0 && value.startsWith('--'))) { problems.push(`${name} needs a value`); continue; }
    if (equals < 0) index++;
    values.set(name, value);
  }
  return { values, flags };
};

export const parseWhatIfArguments = (argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArguments => {
  const problems: string[] = [];
  const { values, flags } = readOptions(argv, problems);
  if (flags.has('--help') || flags.has('-h')) return { kind: 'help' };
  const from = parseInstant('--from', values.get('--from'), problems);
  const to = parseInstant('--to', values.get('--to'), problems);
  if (!Number.isNaN(from) && !Number.isNaN(to) && from >= to) problems.push(`--from ${values.get('--from')} is not before --to ${values.get('--to')}`);
  const policies = parsePolicies(values.get('--policy'), problems);
  const serviceLevelSeconds = parseServiceLevel(env.SERVICE_LEVEL_SECONDS, problems);
  const team = values.get('--team');
  if (team !== undefined && team.trim() === '') problems.push('--team is empty');
  if (problems.length > 0) return { kind: 'invalid', problems };
  return { kind: 'run', request: { from, to, team, policies, json: flags.has('--json'), serviceLevelSeconds } };
};
