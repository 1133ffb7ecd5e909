// Jest: TypeScript through ts-jest in transpile-only mode (tsconfig isolatedModules); `npm run typecheck` checks types.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // examples/ is a separate Jest project that a test runs as a user would.
  testPathIgnorePatterns: ['/node_modules/', '/examples/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  maxWorkers: 2,
};
