// The README's walk-throughs are shell a newcomer pastes into a terminal: here each one runs as
// written (bash, curl, node, npm run keys) against a server on a database of its own, and every
// answer it prints is checked.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seededScratchDatabase } from '../support/seeded-scratch';
import { startTestApi, type TestApi } from '../support/test-api';

const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The first ```sh block under a heading of the README. */
function walkThrough(heading: string): string {
  const section = README.slice(README.indexOf(`### ${heading}\n`));
  const block = /```sh\n([\s\S]+?)```/.exec(section);
  if (!block) throw new Error(`README has no sh block under "### ${heading}"`);
  return block[1];
}

/** Runs a block as a reader's shell would, stopping at the first failing command. */
function run(script: string, env: Record<string, string>) {
  return new Promise<{ status: number; answers: any[]; stderr: string }>((resolve) => {
    execFile(
      'bash',
      ['-c', `set -eo pipefail\n${script}`],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 110_000 },
      (error, _stdout, stderr) => {
        // `gql` writes every answer of the API to stderr, one line each.
        const answers = [...stderr.matchAll(/^\{"(?:data|errors)".*$/gm)].map((line) =>
          JSON.parse(line[0]),
        );
        resolve({ status: error ? Number(error.code ?? 1) : 0, answers, stderr });
      },
    );
  });
}

let scratch: Awaited<ReturnType<typeof seededScratchDatabase>>;
let api: TestApi;
let env: Record<string, string>;

beforeAll(async () => {
  scratch = await seededScratchDatabase('readme_walk');
  api = await startTestApi({ databaseUrl: scratch.url });
  env = { API: api.origin, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn' };
}, 120_000);
afterAll(async () => {
  await api.close();
  await scratch.drop();
});

describe('the README walk-throughs, run as written', () => {
  it('refers an enterprise to a service and works the referral', async () => {
    const { status, answers, stderr } = await run(walkThrough('A worked example'), env);
    if (status !== 0) throw new Error(`the walk-through stopped:\n${stderr.slice(-2000)}`);
    expect(stderr).not.toMatch(/"errors"/);
    expect(answers.map((answer) => Object.keys(answer.data)[0])).toEqual([
      'institution',
      'createReferral',
      'updateReferralStatus',
      'updateReferralStatus',
      'referrals',
    ]);
    expect(answers[4].data.referrals.nodes[0].history.map((entry: any) => entry.status)).toEqual([
      'SUBMITTED',
      'ACCEPTED',
      'IN_PROGRESS',
    ]);
  }, 120_000);

  it('plans an event, fills its one seat from the waitlist, and records who came', async () => {
    const { status, answers, stderr } = await run(walkThrough('An event from start to end'), {
      ...env,
      // The event starts this long after step 1; steps 2 and 3 must run before it starts.
      START_IN: '15',
    });
    if (status !== 0) throw new Error(`the walk-through stopped:\n${stderr.slice(-2000)}`);
    expect(stderr).not.toMatch(/"errors"/);
    const [planned, first, second, cancelled, event, attended, outcome] = answers.map(
      (answer) => Object.values(answer.data)[0] as any,
    );
    expect(planned.event).toMatchObject({ status: 'SCHEDULED', seatsLeft: 1 });
    expect(first.registration).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
    expect(second.registration).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect(cancelled.registration.status).toBe('CANCELLED');
    expect(event).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
    expect(attended.registration.status).toBe('ATTENDED');
    expect(outcome.event.outcomes).toEqual([
      { kind: 'FINANCING', counterpart: '中国工商银行东莞分行', amountYuan: 3000000 },
    ]);
  }, 120_000);
});
