// Jest: ts-jest transpiles each file on its own (isolatedModules in tsconfig); `npm run typecheck` checks types.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 60000,
  // Finds the browser for test/browser once (unpacking the packaged Chromium the first time) for every worker.
  globalSetup: '<rootDir>/test/browser/global-setup.ts',
};
