import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', NO_COLOR: '1' },
    testTimeout: 60_000,
  },
});
