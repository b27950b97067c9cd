/** One jest run for every server-side workspace; the tab's browser tests live in tab/test. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/bot', '<rootDir>/tab/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', isolatedModules: true, esModuleInterop: true, target: 'ES2022' }, diagnostics: false }],
  },
  globalSetup: '<rootDir>/test-support/global-setup.ts',
  testTimeout: 30000,
};
