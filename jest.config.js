/**
 * Tests run the TypeScript sources directly (ts-jest); the sandbox starts in-process. The suites live in test/
 * (the package) and sandbox/test/ (the simulators and their data).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/sandbox'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
