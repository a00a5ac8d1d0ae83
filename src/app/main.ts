// The entry of `npm start` (and of the container): one process serving the API, or — with
// WEB_CONCURRENCY > 1 — a primary that prepares the database and keeps that many workers serving
// one port.
import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfig, type Config } from '../config';
import { createLogger, type Logger } from '../logger';
import { runApiProcess } from './api-process';
import { runPrimary } from './primary';

function main(): void {
  let config: Config;
  let log: Logger;
  try {
    config = loadConfig();
    log = createLogger(config.logLevel, undefined, config.logFormat);
  } catch (error) {
    console.error(`configuration error: ${(error as Error).message}`);
    process.exit(1);
  }
  if (config.workers > 1 && cluster.isPrimary) runPrimary(config, log);
  else runApiProcess(config, log);
}

main();
