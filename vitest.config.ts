import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests never depend on the machine's zone: every test that needs one sets it explicitly.
    env: { TZ: 'UTC' },
    reporters: ['default', './test/support/closing-line-reporter.ts'],
  },
});
