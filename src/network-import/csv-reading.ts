// Reads an import file into rows by column: UTF-8 with or without a BOM, LF or CRLF line ends,
// RFC 4180 quoting (a quoted field may hold commas and line breaks). Problems of the file itself
// — a wrong header, a row with the wrong number of fields, an unclosed quote — are reported by
// line like any other, never thrown.
import { parse } from 'csv-parse/sync';
import {
  COLUMNS,
  HEADER_HELP,
  MAX_ROWS,
  type Column,
  type CsvRow,
  type ImportProblem,
} from './csv-layout';

export interface CsvReading {
  rows: CsvRow[];
  problems: ImportProblem[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; error?: unknown };
}

export function readCsv(text: string): CsvReading {
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const { lines, message } = error as { lines?: number; message?: string };
    return {
      rows: [],
      problems: [
        {
          line: lines ?? 1,
          field: null,
          message: `the file is not valid CSV (${message ?? 'unreadable'}): save it as CSV, UTF-8, with fields holding commas, quotes or line breaks in double quotes`,
        },
      ],
    };
  }
  // A record ends on `lines`; it starts that many line breaks (inside quoted fields) earlier.
  const startLine = ({ record, info }: ParsedRecord) =>
    info.lines - record.reduce((breaks, field) => breaks + (field.match(/\n/g)?.length ?? 0), 0);

  if (records.length === 0) {
    return {
      rows: [],
      problems: [{ line: 1, field: null, message: `the file is empty: ${HEADER_HELP}` }],
    };
  }
  const [head, ...body] = records;
  const header = head.record.map((name) => name.trim().toLowerCase());
  const problems: ImportProblem[] = [];
  const unknown = header.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  const missing = COLUMNS.filter((name) => !header.includes(name));
  const repeated = header.filter((name, index) => header.indexOf(name) !== index);
  for (const name of unknown)
    problems.push({ line: 1, field: name, message: `unknown column '${name}': ${HEADER_HELP}` });
  for (const name of missing)
    problems.push({ line: 1, field: name, message: `column '${name}' is missing: ${HEADER_HELP}` });
  for (const name of new Set(repeated))
    problems.push({
      line: 1,
      field: name,
      message: `column '${name}' appears twice: ${HEADER_HELP}`,
    });
  if (problems.length > 0) return { rows: [], problems };

  if (body.length > MAX_ROWS) {
    return {
      rows: [],
      problems: [
        {
          line: startLine(body[MAX_ROWS]),
          field: null,
          message: `the file has ${body.length} rows: import at most ${MAX_ROWS} at once (split it by province)`,
        },
      ],
    };
  }
  const rows: CsvRow[] = [];
  for (const parsed of body) {
    const line = startLine(parsed);
    if (parsed.record.length !== header.length) {
      problems.push({
        line,
        field: null,
        message: `the row has ${parsed.record.length} fields where the header has ${header.length}: quote fields that hold commas`,
      });
      continue;
    }
    const values = {} as Record<Column, string>;
    header.forEach((name, index) => (values[name as Column] = parsed.record[index].trim()));
    rows.push({ line, values });
  }
  return { rows, problems };
}
