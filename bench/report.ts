// What a benchmark run leaves: a table on stdout, every figure in JSON, and an SVG chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CpuPerRequest } from './cpu';
import type { LoadResult } from './load';
import { median } from './stats';

export type ApiResult = LoadResult & {
  statementsPerRequest: number;
  cpu?: CpuPerRequest;
  /** Bytes the API process allocated on its heap per request (NaN if it could not tell). */
  bytesPerRequest?: number;
};
export type PeerResult = LoadResult & { cpu?: CpuPerRequest };

export interface OperationResult {
  name: string;
  statementsPerRequest: number;
  /** For an operation with a peer: medians of the interleaved rounds. */
  api: Record<number, ApiResult>;
  raw: Record<number, LoadResult>;
  /** Operations without a peer: the API without DataLoader batching (the floor). */
  unbatched?: LoadResult & { statementsPerRequest: number; concurrency: number };
  /** Operations without a peer: the API as deployed, anonymous answers from the response cache. */
  cached?: LoadResult & { statementsPerRequest: number; concurrency: number };
  /** PostGraphile 4 on the equivalent query: medians of the interleaved rounds. */
  peer?: Record<number, PeerResult>;
  /** PostGraphile 5 on the equivalent query: medians of the interleaved rounds. */
  peer5?: Record<number, PeerResult>;
  /** Every interleaved round (API, PostGraphile 4, 5, raw, API, …) by number of clients. */
  rounds?: Record<
    number,
    { api: ApiResult[]; peer: PeerResult[]; peer5?: PeerResult[]; raw: LoadResult[] }
  >;
  /** The queries of an operation with peers. */
  queries?: { api: string; peer: string; peer5?: string };
}

export interface RunReport {
  date: string;
  seconds: number;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; postgres: string };
  /** The peers' packages (bench/peer, bench/peer/v5) and how many interleaved rounds each figure is a median of. */
  peer?: { postgraphile: string; graphql: string; rounds: number };
  peer5?: { postgraphile: string; graphql: string; node?: string; rounds: number };
  operations: OperationResult[];
}

/** The median of each figure over rounds (errors and requests summed). */
export function medianOf<
  T extends LoadResult & {
    statementsPerRequest?: number;
    cpu?: CpuPerRequest;
    bytesPerRequest?: number;
  },
>(rounds: T[]): T {
  const of = (pick: (round: T) => number | undefined) =>
    median(rounds.map((round) => pick(round) ?? NaN));
  const result: LoadResult & {
    statementsPerRequest?: number;
    cpu?: CpuPerRequest;
    bytesPerRequest?: number;
  } = {
    requests: rounds.reduce((sum, round) => sum + round.requests, 0),
    requestsPerSecond: of((round) => round.requestsPerSecond),
    p50: of((round) => round.p50),
    p95: of((round) => round.p95),
    p99: of((round) => round.p99),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
  };
  if (rounds.some((round) => round.statementsPerRequest !== undefined)) {
    result.statementsPerRequest = of((round) => round.statementsPerRequest);
  }
  if (rounds.some((round) => round.bytesPerRequest !== undefined)) {
    result.bytesPerRequest = of((round) => round.bytesPerRequest);
  }
  if (rounds.every((round) => round.cpu)) {
    result.cpu = {
      server: of((round) => round.cpu?.server),
      database: of((round) => round.cpu?.database),
    };
  }
  return result as T;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

export function table(report: RunReport, levels: number[]): string {
  const rows = [
    [
      'operation',
      'clients',
      'API req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'errors',
      'SQL/req',
      'raw req/s',
      'raw p99',
      'API÷raw',
      'PG4 req/s',
      'PG4 p99',
      'API÷PG4',
      'PG5 req/s',
      'PG5 p99',
      'API÷PG5',
    ],
  ];
  const againstPeer = (api: LoadResult, peer: LoadResult | undefined) =>
    peer
      ? [
          fixed(peer.requestsPerSecond),
          fixed(peer.p99),
          fixed(api.requestsPerSecond / peer.requestsPerSecond, 2),
        ]
      : ['', '', ''];
  for (const op of report.operations) {
    for (const level of levels) {
      const api = op.api[level];
      const raw = op.raw[level];
      if (!api || !raw) continue;
      rows.push([
        op.name,
        String(level),
        fixed(api.requestsPerSecond),
        fixed(api.p50),
        fixed(api.p95),
        fixed(api.p99),
        String(api.errors),
        fixed(api.statementsPerRequest, 2),
        fixed(raw.requestsPerSecond),
        fixed(raw.p99),
        fixed(api.requestsPerSecond / raw.requestsPerSecond, 2),
        ...againstPeer(api, op.peer?.[level]),
        ...againstPeer(api, op.peer5?.[level]),
      ]);
    }
    const extras = [
      ['unbatched', op.unbatched],
      ['cache on', op.cached],
    ] as const;
    for (const [label, extra] of extras) {
      if (!extra) continue;
      rows.push([
        `${op.name} ${label}`,
        String(extra.concurrency),
        fixed(extra.requestsPerSecond),
        fixed(extra.p50),
        fixed(extra.p95),
        fixed(extra.p99),
        String(extra.errors),
        fixed(extra.statementsPerRequest, 2),
        ...Array<string>(9).fill(''),
      ]);
    }
  }
  return markdown(rows);
}

/**
 * What one request costs at `level` clients, for every operation: CPU of the server process and of
 * PostgreSQL, bytes allocated on the API's heap, and each peer's CPU where there are peers.
 */
export function cpuTable(report: RunReport, level: number): string {
  const rows = [
    [
      'operation',
      'API ms CPU/req',
      'its PostgreSQL ms',
      'API KB allocated/req',
      'PG4 ms CPU/req',
      'its PostgreSQL ms',
      'API÷PG4 CPU',
      'PG5 ms CPU/req',
      'its PostgreSQL ms',
      'API÷PG5 CPU',
    ],
  ];
  for (const op of report.operations) {
    const api = op.api[level];
    if (!api) continue;
    const againstPeer = (peer: CpuPerRequest | undefined) =>
      peer
        ? [
            fixed(peer.server, 2),
            fixed(peer.database, 2),
            api.cpu
              ? fixed((api.cpu.server + api.cpu.database) / (peer.server + peer.database), 2)
              : '',
          ]
        : ['', '', ''];
    rows.push([
      op.name,
      api.cpu ? fixed(api.cpu.server, 2) : '-',
      api.cpu ? fixed(api.cpu.database, 2) : '-',
      fixed((api.bytesPerRequest ?? NaN) / 1024, 0),
      ...againstPeer(op.peer?.[level]?.cpu),
      ...againstPeer(op.peer5?.[level]?.cpu),
    ]);
  }
  return markdown(rows);
}

function markdown(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/**
 * Grouped bars: requests/s at 10 clients for API, raw pg, the API without batching and the peers
 * (PostGraphile 4 and 5), each operation with the bars it has.
 */
export function chart(report: RunReport, level: number): string {
  const series: { label: string; color: string; value(op: OperationResult): number | undefined }[] =
    [
      { label: 'API', color: '#2b6cb0', value: (op) => op.api[level]?.requestsPerSecond },
      {
        label: 'raw pg (limit)',
        color: '#38a169',
        value: (op) => op.raw[level]?.requestsPerSecond,
      },
      {
        label: 'API unbatched (floor)',
        color: '#c53030',
        value: (op) => op.unbatched?.requestsPerSecond,
      },
      {
        label: 'PostGraphile 4',
        color: '#d69e2e',
        value: (op) => op.peer?.[level]?.requestsPerSecond,
      },
      {
        label: 'PostGraphile 5',
        color: '#805ad5',
        value: (op) => op.peer5?.[level]?.requestsPerSecond,
      },
    ];
  const present = (op: OperationResult) =>
    series.filter((s) => Number.isFinite(s.value(op) ?? NaN));
  const max = Math.max(
    1,
    ...report.operations.flatMap((op) => present(op).map((s) => s.value(op)!)),
  );
  const left = 70;
  const width = Math.max(760, left + 20 + report.operations.length * 130);
  const height = 360;
  const bottom = 300;
  const group = (width - left - 20) / report.operations.length;
  const bar = (group - 30) / Math.max(1, ...report.operations.map((op) => present(op).length));
  const scale = (value: number) => (value / max) * (bottom - 50);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">Requests per second at ${level} concurrent clients (${report.date}, ${report.machine.cores} cores)</text>`,
    `<line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#333"/>`,
  ];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max / 4) * tick;
    const y = bottom - scale(value);
    parts.push(`<line x1="${left - 4}" y1="${y}" x2="${width - 10}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end">${Math.round(value)}</text>`);
  }
  report.operations.forEach((op, index) => {
    const bars = present(op);
    const centre = left + index * group + group / 2;
    const x0 = centre - (bars.length * bar) / 2;
    bars.forEach((s, i) => {
      const value = s.value(op)!;
      const x = x0 + i * bar;
      parts.push(
        `<rect x="${x}" y="${bottom - scale(value)}" width="${bar - 4}" height="${scale(value)}" fill="${s.color}"/>`,
      );
      parts.push(
        `<text x="${x + (bar - 4) / 2}" y="${bottom - scale(value) - 4}" text-anchor="middle" font-size="10">${Math.round(value)}</text>`,
      );
    });
    parts.push(`<text x="${centre}" y="${bottom + 18}" text-anchor="middle">${op.name}</text>`);
  });
  series.forEach((s, i) => {
    parts.push(
      `<rect x="${left + i * 160}" y="${bottom + 35}" width="12" height="12" fill="${s.color}"/>`,
    );
    parts.push(`<text x="${left + i * 160 + 18}" y="${bottom + 46}">${s.label}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function writeReport(
  directory: string,
  report: RunReport,
  svg: string,
): { json: string; svg: string } {
  mkdirSync(directory, { recursive: true });
  const stamp = report.date.slice(0, 10);
  const files = {
    json: path.join(directory, `${stamp}.json`),
    svg: path.join(directory, `${stamp}.svg`),
  };
  writeFileSync(files.json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(files.svg, svg);
  writeFileSync(path.join(directory, 'latest.svg'), svg);
  return files;
}
