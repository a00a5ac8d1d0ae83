// `npm start` as a separate process (ts-node on src/app/main.ts), for tests of several processes
// over one database: its JSON log lines, its port, and a way to stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** The JSON log records written so far. */
  records(): Record<string, any>[];
  exit: Promise<number | null>;
  waitFor(text: string, ms?: number): Promise<void>;
  stop(): Promise<number | null>;
}

export function startApiProcess(port: number, env: Record<string, string>): ApiProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/app/main.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const records = () =>
    output.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
  return {
    child,
    url: `http://127.0.0.1:${port}/graphql`,
    output: () => output,
    records,
    exit,
    async waitFor(text, ms = 90_000) {
      const deadline = Date.now() + ms;
      while (!output.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`did not see "${text}"; output:\n${output.slice(-3000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}

/** POSTs a GraphQL document to a process, the way clients do. */
export async function post(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}
