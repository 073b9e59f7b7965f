/**
 * Jest projects: `unit` (pure logic, no servers, *.spec.ts beside the code),
 * `integration` (test/integration/*.int-spec.ts, real servers) and
 * `e2e` (apps/<app>/test/*.e2e-spec.ts and test/e2e, real servers and built services).
 * Servers are started once per run by the global setup of the server-backed projects.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const moduleNameMapper = {
  '^@sluice/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@sluice/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const base = { rootDir: __dirname, transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts,test/unit}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/test/setup/long-timeout.js'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/test/setup/long-timeout.js'],
    },
  ],
};
