/**
 * The test settings for mutation testing (stryker.config.json): the suite
 * without the fuzz test (10,000 searches per run) and the browser test,
 * which test whole-program properties, not the lines a mutant changes.
 * Instrumented code is slower, so a test gets 180 s instead of 60.
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(base, defineConfig({ test: { testTimeout: 180_000, hookTimeout: 180_000, exclude: [...configDefaults.exclude, 'test/fuzz/**', 'test/playground/**', 'test/hostile/**'] } }));
