// The CSV layout of a network import (README, "Importing the real directory"): ONE file holding
// institutions and their services, told apart by the `record` column, so that a province's
// directory travels as one file and a service can name an institution created by the same file.
// Each record type uses its own columns; the other type's columns stay empty.

const HEAD = ['record', 'code', 'name', 'name_en'] as const;
const INSTITUTION_COLUMNS = [
  'tier',
  'kind',
  'region_code',
  'parent_code',
  'phone',
  'email',
  'website',
  'address',
  'latitude',
  'longitude',
] as const;
const SERVICE_COLUMNS = [
  'institution_code',
  'category_code',
  'delivery_mode',
  'fee',
  'eligible_scales',
  'min_specialization',
  'description',
] as const;
const TAIL = ['active'] as const;

/** Every column of the header, in the documented order (any order is accepted). */
export const COLUMNS = [...HEAD, ...INSTITUTION_COLUMNS, ...SERVICE_COLUMNS, ...TAIL] as const;

export type Column = (typeof COLUMNS)[number];

export enum RecordType {
  INSTITUTION = 'institution',
  SERVICE = 'service',
}

/** The columns each record type may fill (the rest must be empty). */
export const COLUMNS_OF: Record<RecordType, readonly Column[]> = {
  [RecordType.INSTITUTION]: [...HEAD, ...INSTITUTION_COLUMNS, ...TAIL],
  [RecordType.SERVICE]: [...HEAD, ...SERVICE_COLUMNS, ...TAIL],
};

/** Separates the scales of `eligible_scales` (e.g. MICRO|SMALL). */
export const LIST_SEPARATOR = '|';

/** At most this many data rows per file: a whole province's directory is a few thousand. */
export const MAX_ROWS = 100_000;

/** One row of the file, by column, with the line it starts on (the header is line 1). */
export interface CsvRow {
  line: number;
  values: Record<Column, string>;
}

export interface ImportProblem {
  line: number;
  field: string | null;
  message: string;
}

export const HEADER_HELP = `the header must name these columns (in any order): ${COLUMNS.join(',')}`;
