// The global setup of a run that needs only the PostgreSQL server, not a seeded database of its
// own: the full seed's (jest.full-seed.config.ts), which seeds a database of its own.
import 'reflect-metadata';
import { createLogger } from '../../src/logger';
import { startTestServer } from './global-setup';

export default async function serverSetup(): Promise<void> {
  globalThis.testRun = await startTestServer(createLogger('warn'));
}
