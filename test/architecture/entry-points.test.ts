// Jest loads reflect-metadata before every test file (jest.config.ts), so a module that needs it
// and is not given it passes every test in-process and fails only when Node loads it on its own.
// `npm run bench` broke that way once: its harness reaches the seed, the seed reached the Node
// interface's decorators through the global-id helpers. Each entry here is loaded as Node loads it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Modules a command loads before anything imports reflect-metadata for them. */
const LOADED_ON_THEIR_OWN = ['bench/harness.ts', 'bench/operations.ts', 'src/seed/seed.ts'];

describe('modules that commands load on their own', () => {
  it.each(LOADED_ON_THEIR_OWN)('%s loads in a fresh Node process', (module) => {
    const loaded = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', `require(${JSON.stringify(`./${module}`)})`],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(loaded.stderr.split('\n').find((line) => /Error/.test(line)) ?? '').toBe('');
    expect(loaded.status).toBe(0);
  });
});
