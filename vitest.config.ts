import { defineConfig } from 'vitest/config';

// Three suites, one command (`npm test`):
//  - unit:    the core and the Preact components in jsdom
//  - browser: the built dist/consentgate.js and the demo in real Chromium (playwright-core)
//  - service: the consent log service against SQLite and a real PostgreSQL
//  - scanner: consentgate-scan against fixture sites and the demo in real Chromium
//  - packages: each package packed, installed into an empty folder and run
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'jsdom', include: ['test/unit/**/*.test.{ts,tsx}', 'test/ui/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'service',
          environment: 'node',
          include: ['test/service/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'scanner',
          environment: 'node',
          include: ['test/scanner/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'packages',
          environment: 'node',
          include: ['test/packages/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
