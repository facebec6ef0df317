import { describe, expect, it } from '@jest/globals';
import { parseWhatIfArguments } from './what-if-arguments.js';

const parse = (line: string, env: Record<string, string> = {}) => parseWhatIfArguments(line.split(' ').filter(Boolean), env);

describe('what-if arguments', () => {
  it('read a range, a team, policies and --json', () =>
    expect(parse('--from 2026-11-24 --to 2026-11-24T12:00:00+01:00 --team sales --policy round-robin,least-loaded --json')).toMatchObject({
      kind: 'run',
      request: {
        from: Date.parse('2026-11-24T00:00:00Z'), to: Date.parse('2026-11-24T11:00:00Z'), team: 'sales', json: true, serviceLevelSeconds: 20,
        policies: [{ name: 'round-robin' }, { name: 'least-loaded' }],
      },
    }));

  it('compare every policy when none is named, and take --name=value too', () => {
    const parsed = parse('--from=2026-11-24 --to=2026-11-25');
    expect(parsed.kind === 'run' && parsed.request.policies.map((policy) => policy.name)).toEqual(['least-loaded', 'round-robin', 'longest-idle']);
  });

  it('take the service level from SERVICE_LEVEL_SECONDS', () =>
    expect(parse('--from 2026-11-24 --to 2026-11-25', { SERVICE_LEVEL_SECONDS: '45' })).toMatchObject({ request: { serviceLevelSeconds: 45 } }));

  it('answer --help whatever else is there', () => expect(parse('--bogus --help')).toEqual({ kind: 'help' }));

  it('list every problem at once: bad dates, a time without a zone, an unknown policy, an unknown option', () =>
    expect(parse('--from 2026-13-40 --to 2026-11-24T10:00 --policy fastest,round-robin --speed 3', { SERVICE_LEVEL_SECONDS: 'soon' })).toEqual({
      kind: 'invalid',
      problems: [
        '--speed: unknown option (see --help)',
        '3: unknown option (see --help)',
        '--from 2026-13-40: expected an ISO-8601 date (2026-11-24) or date-time with a zone (2026-11-24T09:00:00Z)',
        '--to 2026-11-24T10:00: expected an ISO-8601 date (2026-11-24) or date-time with a zone (2026-11-24T09:00:00Z)',
        '--policy fastest: unknown; expected some of least-loaded, round-robin, longest-idle',
        'SERVICE_LEVEL_SECONDS=soon: expected a number of seconds, 0 or more',
      ],
    }));

  it('require both ends of the range, in order', () => {
    expect(parse('--team sales')).toMatchObject({ kind: 'invalid', problems: [expect.stringMatching(/^--from is required/), expect.stringMatching(/^--to is required/)] });
    expect(parse('--from 2026-11-25 --to 2026-11-24')).toMatchObject({ kind: 'invalid', problems: ['--from 2026-11-25 is not before --to 2026-11-24'] });
  });

  it('say which option lacks its value', () =>
    expect(parse('--from 2026-11-24 --to 2026-11-25 --team --json')).toMatchObject({ kind: 'invalid', problems: ['--team needs a value'] }));
});
