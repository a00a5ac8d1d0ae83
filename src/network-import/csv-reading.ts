// Reads an import file into rows by column: UTF-8 with or without a BOM, LF or CRLF line ends,
// RFC 4180 quoting (a quoted field may hold commas and line breaks). Problems of the file itself
// — text that was not UTF-8, a wrong header, a row with the wrong number of fields, an unclosed
// quote — are reported by line like any other, never thrown. The text is parsed a slice at a
// time (time-slices.ts): a file of 25 MB takes seconds of CPU that other requests must not wait
// for.
import { Parser } from 'csv-parse';
import { finished } from 'node:stream/promises';
import {
  COLUMNS,
  HEADER_HELP,
  MAX_ROWS,
  type Column,
  type CsvRow,
  type ImportProblem,
} from './csv-layout';
import type { TimeSlices } from './time-slices';

export interface CsvReading {
  rows: CsvRow[];
  problems: ImportProblem[];
}

interface ParsedRecord {
  fields: string[];
  /** The line the record ends on. */
  lines: number;
}

/** Characters handed to the parser at once: about a millisecond of its work. */
const CHUNK_LENGTH = 8 * 1024;

/**
 * A header may name a column twice or one unknown; one far wider than the layout is not a
 * header of this layout at all, and is refused as a whole rather than column by column.
 */
const MAX_HEADER_COLUMNS = 2 * COLUMNS.length;

/** U+FFFD is what a decoder leaves for bytes it could not read: the file was not UTF-8. */
export function notUtf8Problem(text: string): ImportProblem | null {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return null;
  const line = text.slice(0, at).split('\n').length;
  return {
    line,
    field: null,
    message: `the file is not UTF-8 text: it holds U+FFFD (first on line ${line}), the mark of bytes read with the wrong encoding — a CSV saved by Excel or WPS on a Chinese system is GBK (GB18030) and was read as UTF-8 before it was sent, losing its Chinese text. Save it as "CSV UTF-8", or import the file itself with npm run import, which reads GB18030`,
  };
}

async function parseRecords(text: string, slices: TimeSlices): Promise<ParsedRecord[]> {
  const records: ParsedRecord[] = [];
  const parser = new Parser({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Collected here rather than pushed through the stream: no object per record in its buffer.
    on_record: (fields: string[], info) => {
      records.push({ fields, lines: info.lines });
      return null;
    },
  });
  const done = finished(parser.resume());
  // Awaited below; until then a parse error must not count as an unhandled rejection.
  done.catch(() => undefined);
  for (let start = 0; start < text.length && !parser.destroyed;) {
    let end = start + CHUNK_LENGTH;
    // Never between the two halves of a surrogate pair: each chunk is encoded on its own.
    if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end++;
    parser.write(text.slice(start, end));
    start = end;
    await slices.pause();
  }
  parser.end();
  await done;
  return records;
}

function headerProblems(header: string[]): ImportProblem[] {
  if (header.length > MAX_HEADER_COLUMNS)
    return [
      {
        line: 1,
        field: null,
        message: `the header has ${header.length} columns where the layout has ${COLUMNS.length}: ${HEADER_HELP}`,
      },
    ];
  const known = new Set<string>(COLUMNS);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const name of header) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
    if (!known.has(name))
      problems.push({ line: 1, field: name, message: `unknown column '${name}': ${HEADER_HELP}` });
  }
  for (const name of COLUMNS)
    if (!seen.has(name))
      problems.push({
        line: 1,
        field: name,
        message: `column '${name}' is missing: ${HEADER_HELP}`,
      });
  for (const name of repeated)
    problems.push({
      line: 1,
      field: name,
      message: `column '${name}' appears twice: ${HEADER_HELP}`,
    });
  return problems;
}

export async function readCsv(text: string, slices: TimeSlices): Promise<CsvReading> {
  const notUtf8 = notUtf8Problem(text);
  if (notUtf8) return { rows: [], problems: [notUtf8] };
  let records: ParsedRecord[];
  try {
    records = await parseRecords(text, slices);
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
  const startLine = ({ fields, lines }: ParsedRecord) =>
    lines - fields.reduce((breaks, field) => breaks + (field.match(/\n/g)?.length ?? 0), 0);

  if (records.length === 0) {
    return {
      rows: [],
      problems: [{ line: 1, field: null, message: `the file is empty: ${HEADER_HELP}` }],
    };
  }
  const [head, ...body] = records;
  const header = head.fields.map((name) => name.trim().toLowerCase());
  const problems = headerProblems(header);
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
    await slices.pause();
    const line = startLine(parsed);
    if (parsed.fields.length !== header.length) {
      problems.push({
        line,
        field: null,
        message: `the row has ${parsed.fields.length} fields where the header has ${header.length}: quote fields that hold commas`,
      });
      continue;
    }
    const values = {} as Record<Column, string>;
    header.forEach((name, index) => (values[name as Column] = parsed.fields[index].trim()));
    rows.push({ line, values });
  }
  return { rows, problems };
}
