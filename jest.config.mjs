import nextJest from 'next/jest.js';

const createJestConfig = nextJest({ dir: './' });

// Two projects: fast jsdom tests for components, node tests for everything else.
// Integration tests find PostgreSQL and s3rver through the env that tests/setup/global.ts sets.
const shared = {
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/$1',
    // arquero's package entry is an ES module build that Jest's CommonJS runtime cannot load.
    '^arquero$': '<rootDir>/node_modules/arquero/dist/arquero.js',
  },
  testPathIgnorePatterns: ['/node_modules/', '/.next/', '/tests/e2e/', '/data/'],
};

const config = {
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  projects: [
    await createJestConfig({
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/**/*.test.ts'],
    })(),
    await createJestConfig({
      ...shared,
      displayName: 'dom',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/tests/setup/dom.ts'],
    })(),
  ],
};

export default config;
