/**
 * The test settings for mutation testing (stryker.config.json): the suite
 * without the fuzz test (10,000 searches per run) and the browser test,
 * which test whole-program properties, not the lines a mutant changes.
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, 'test/fuzz/**', 'test/playground/**', 'test/hostile/**'] } }));
