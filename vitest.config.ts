/**
 * Test settings. Several tests start the CLI (`node dist/cli/main.js`) or
 * read generated inputs of 10,000 events; on a loaded machine (both CPUs
 * busy) one of them can take well over vitest's 5 s default, so every test
 * and hook gets 60 s: a test that hangs still fails, a slow machine does not.
 */
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // npm run mutate copies the project into .stryker-tmp/: its tests are not ours to run
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
  },
});
