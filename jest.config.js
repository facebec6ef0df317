// jest 30 in ESM mode (Nest 12 is ESM only); @swc/jest reads .swcrc, so tests
// are compiled exactly like the build.
const aliases = {
  '^@app/kernel$': '<rootDir>/libs/kernel/src/index.ts',
  '^@app/kernel/testing$': '<rootDir>/libs/kernel/src/testing/index.ts',
  '^@app/platform$': '<rootDir>/libs/platform/src/index.ts',
  '^@app/presence-domain$': '<rootDir>/libs/presence-domain/src/index.ts',
  '^@app/routing-domain$': '<rootDir>/libs/routing-domain/src/index.ts',
  '^@app/event-store$': '<rootDir>/libs/event-store/src/index.ts',
  '^@app/event-store/eventstoredb$': '<rootDir>/libs/event-store/src/eventstoredb/index.ts',
  '^@app/messaging$': '<rootDir>/libs/messaging/src/index.ts',
  '^@app/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^@app/what-if$': '<rootDir>/libs/what-if/src/index.ts',
};

const base = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  // e2e tests start real servers, brokers and processes on a 2-core machine: a hook or test may wait on a busy CPU.
  // (testTimeout is a global option: jest ignores it inside a project.)
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts', '<rootDir>/test/**/*.contract.spec.ts'],
      // One real Kafka broker for the run (skipped when KAFKA_BROKERS is set); the unit project never needs one.
      globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
    },
  ],
};
