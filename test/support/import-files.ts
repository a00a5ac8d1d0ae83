// Import files for tests, row by row, and `npm run import` run as an operator runs it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { COLUMNS } from '../../src/network-import/csv-layout';

export type ImportValues = Partial<Record<(typeof COLUMNS)[number], string>>;

export const IMPORT_HEADER = COLUMNS.join(',');

/** A CSV row from the columns it fills. */
export function csvRow(values: ImportValues): string {
  return COLUMNS.map((column) => {
    const value = values[column] ?? '';
    return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }).join(',');
}

/** Row `n` of new MARKET agencies in Dongguan, coded from `M-441900-${first}`. */
export function dongguanAgency(n: number, first = 100, values: ImportValues = {}): ImportValues {
  return {
    record: 'institution',
    code: `M-441900-${first + n}`,
    name: `东莞市第${n}号企业服务有限公司`,
    name_en: `Dongguan Enterprise Services No. ${n} Co. Ltd.`,
    tier: 'MUNICIPAL',
    kind: 'MARKET',
    region_code: '441900',
    phone: '0769-22123456',
    email: `contact${n}@dgservices.com.cn`,
    address: '广东省东莞市南城街道鸿福路200号',
    ...values,
  };
}

/** `npm run import -- ...args` against the database at `databaseUrl`. */
export function importCommand(databaseUrl: string | undefined, ...args: string[]) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/app/cli/import.ts', ...args],
      {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
