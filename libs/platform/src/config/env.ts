/** The process environment as settings readers see it. */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads settings and collects every bad one, so a start-up reports them all
 * at once, not just the first.
 */
export class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  text(name: string, fallback: string): string {
    return this.env[name] || fallback;
  }

  optionalText(name: string): string | undefined {
    return this.env[name] || undefined;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}=${raw}: expected one of ${allowed.join(', ')}`);
    return fallback;
  }

  flag(name: string, fallback: boolean): boolean {
    return this.oneOf(name, ['true', 'false'] as const, fallback ? 'true' : 'false') === 'true';
  }

  list(name: string): string[] {
    return (this.env[name] ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  /** The settings, or a ConfigError naming every problem found. */
  done<T>(settings: T): T {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
    return settings;
  }
}

/**
 * Reads each configuration at start; if any setting is bad, prints every
 * problem of every reader, one per line, without a stack trace, and exits 2.
 */
export const configurationOrExit = <T extends unknown[]>(...readers: { [K in keyof T]: () => T[K] }): T => {
  const problems: string[] = [];
  const configs = readers.map((read) => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  if (problems.length > 0) {
    process.stderr.write(`${new ConfigError(problems).message}\n`);
    process.exit(2);
  }
  return configs as T;
};
