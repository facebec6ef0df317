import {
  StreamNotFoundError, UnreadableLogEventError, verifyStreamChain, verifyStreamChains,
  type ChainVerdict, type EventStore, type StreamChainVerdict,
} from '@app/event-store';
import { AGENT_STREAM_PREFIX, agentStreamId } from '@app/presence-domain';

/**
 * `npm run audit:verify [-- --agent <id>]`: checks the hash chain of every
 * agent stream (or one) in the configured store. The entry point opens the
 * store from configuration, calls runAuditVerify and exits with its code.
 */
export const AUDIT_VERIFY_USAGE = 'usage: npm run audit:verify [-- --agent <agent id>]';

export const AUDIT_EXIT = { intact: 0, broken: 1, usage: 2 } as const;

export type AuditTarget = { readonly kind: 'every-agent' } | { readonly kind: 'one-agent'; readonly agentId: string };

export interface AuditOutput {
  /** Findings and the summary. */
  readonly out: (line: string) => void;
  /** Usage problems. */
  readonly err: (line: string) => void;
}

/** The target named by the command line, or the problem with it. */
export const parseAuditArguments = (argv: readonly string[]): AuditTarget | { readonly problem: string } => {
  if (argv.length === 0) return { kind: 'every-agent' };
  const [flag, agentId, ...rest] = argv;
  if (flag !== '--agent') return { problem: `unknown argument ${JSON.stringify(flag)}` };
  if (agentId === undefined || agentId.trim() === '' || agentId.startsWith('--')) return { problem: '--agent needs an agent id' };
  if (rest.length > 0) return { problem: `unexpected argument ${JSON.stringify(rest[0])}` };
  return { kind: 'one-agent', agentId };
};

const describe = ({ streamId, verdict }: StreamChainVerdict): string => {
  if (!verdict.ok) return `BROKEN ${streamId} at revision ${verdict.brokenAt}: ${verdict.reason}`;
  const unchained = verdict.unchained > 0 ? `, of which the first ${verdict.unchained} predate chaining and are not covered` : '';
  return `ok ${streamId}: ${verdict.events} events${unchained}, head ${verdict.head ?? 'none'}`;
};

const verifyOneAgent = async (store: EventStore, agentId: string, output: AuditOutput): Promise<number> => {
  const streamId = agentStreamId(agentId);
  let verdict: ChainVerdict;
  try {
    verdict = await verifyStreamChain(store, streamId);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
    output.err(`no stream ${streamId}: agent ${agentId} is not registered in this store`);
    return AUDIT_EXIT.usage;
  }
  output.out(describe({ streamId, verdict }));
  return verdict.ok ? AUDIT_EXIT.intact : AUDIT_EXIT.broken;
};

const verifyEveryAgent = async (store: EventStore, output: AuditOutput): Promise<number> => {
  let verdicts: StreamChainVerdict[];
  try {
    verdicts = await verifyStreamChains(store, AGENT_STREAM_PREFIX);
  } catch (error) {
    if (!(error instanceof UnreadableLogEventError)) throw error;
    output.out(`BROKEN log: ${error.message} (run with --agent <id> to find its stream and revision)`);
    return AUDIT_EXIT.broken;
  }
  const broken = verdicts.filter(({ verdict }) => !verdict.ok);
  for (const finding of broken) output.out(describe(finding));
  const events = verdicts.reduce((sum, { verdict }) => sum + (verdict.ok ? verdict.events : 0), 0);
  const partly = verdicts.filter(({ verdict }) => verdict.ok && verdict.unchained > 0).length;
  const uncovered = partly > 0 ? `; ${partly} begin with events written before chaining, which the chain does not cover` : '';
  output.out(`${verdicts.length} agent streams checked, ${broken.length} broken, ${events} events in intact streams${uncovered}`);
  return broken.length === 0 ? AUDIT_EXIT.intact : AUDIT_EXIT.broken;
};

/** Runs the audit and answers the process exit code: 0 intact, 1 a broken chain (named on `out`), 2 a usage problem. */
export const runAuditVerify = async (store: EventStore, argv: readonly string[], output: AuditOutput): Promise<number> => {
  const target = parseAuditArguments(argv);
  if ('problem' in target) {
    output.err(`${target.problem}\n${AUDIT_VERIFY_USAGE}`);
    return AUDIT_EXIT.usage;
  }
  switch (target.kind) {
    case 'one-agent':
      return verifyOneAgent(store, target.agentId, output);
    case 'every-agent':
      return verifyEveryAgent(store, output);
    default: {
      const unhandled: never = target;
      throw new Error(`unhandled audit target ${JSON.stringify(unhandled)}`);
    }
  }
};
