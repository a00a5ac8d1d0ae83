// What a benchmark run leaves: a table on stdout, every figure in JSON, and an SVG chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load';

export interface OperationResult {
  name: string;
  statementsPerRequest: number;
  api: Record<number, LoadResult & { statementsPerRequest: number }>;
  raw: Record<number, LoadResult>;
  unbatched: LoadResult & { statementsPerRequest: number; concurrency: number };
  /** The API as deployed: anonymous answers reused from the response cache. */
  cached: LoadResult & { statementsPerRequest: number; concurrency: number };
}

export interface RunReport {
  date: string;
  seconds: number;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; postgres: string };
  operations: OperationResult[];
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
    ],
  ];
  for (const op of report.operations) {
    for (const level of levels) {
      const api = op.api[level];
      const raw = op.raw[level];
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
      ]);
    }
    const extras = [
      ['unbatched', op.unbatched],
      ['cache on', op.cached],
    ] as const;
    for (const [label, extra] of extras) {
      rows.push([
        `${op.name} ${label}`,
        String(extra.concurrency),
        fixed(extra.requestsPerSecond),
        fixed(extra.p50),
        fixed(extra.p95),
        fixed(extra.p99),
        String(extra.errors),
        fixed(extra.statementsPerRequest, 2),
        '',
        '',
        '',
      ]);
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** Grouped bars: requests/s at 10 clients for API, raw pg and the API without batching. */
export function chart(report: RunReport, level: number): string {
  const series = [
    {
      label: 'API',
      color: '#2b6cb0',
      value: (op: OperationResult) => op.api[level].requestsPerSecond,
    },
    {
      label: 'raw pg (limit)',
      color: '#38a169',
      value: (op: OperationResult) => op.raw[level].requestsPerSecond,
    },
    {
      label: 'API unbatched (floor)',
      color: '#c53030',
      value: (op: OperationResult) => op.unbatched.requestsPerSecond,
    },
  ];
  const max = Math.max(...report.operations.flatMap((op) => series.map((s) => s.value(op))));
  const width = 760;
  const height = 360;
  const left = 70;
  const bottom = 300;
  const group = (width - left - 20) / report.operations.length;
  const bar = (group - 30) / series.length;
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
    const x0 = left + index * group + 15;
    series.forEach((s, i) => {
      const value = s.value(op);
      const x = x0 + i * bar;
      parts.push(
        `<rect x="${x}" y="${bottom - scale(value)}" width="${bar - 4}" height="${scale(value)}" fill="${s.color}"/>`,
      );
      parts.push(
        `<text x="${x + (bar - 4) / 2}" y="${bottom - scale(value) - 4}" text-anchor="middle" font-size="10">${Math.round(value)}</text>`,
      );
    });
    parts.push(
      `<text x="${x0 + (group - 30) / 2}" y="${bottom + 18}" text-anchor="middle">${op.name}</text>`,
    );
  });
  series.forEach((s, i) => {
    parts.push(
      `<rect x="${left + i * 190}" y="${bottom + 35}" width="12" height="12" fill="${s.color}"/>`,
    );
    parts.push(`<text x="${left + i * 190 + 18}" y="${bottom + 46}">${s.label}</text>`);
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
