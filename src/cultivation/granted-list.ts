// A published list checked row by row before anything is written, as an import's report checks a
// file: every problem of every row, by line (the list's 1-based position), field and message, so
// that the authority fixes the whole list at once. A list with any problem is granted not at all.
import type { Viewer } from '../auth/viewer';
import { isAdmin } from '../auth/permissions';
import { parseCreditCode } from '../referrals/credit-code';
import type { Region } from '../regions/region.entity';
import { DomainError, type ErrorCode } from '../schema/errors';
import { requiredText, shownText } from '../schema/input';
import type { EnterpriseScale } from '../services/eligibility';
import { DesignationKind } from './designation-enums';
import type { DesignatedEnterpriseInput } from './designation.inputs';
import { parseIndustryCode } from './industry-classification';

/** The most rows one list may hold (a province's yearly list; about 1 MB of GraphQL). */
export const MAX_GRANTED_ROWS = 5000;

/** Problems listed in one refusal; more are counted, not listed (a hostile list may have 25,000). */
export const MAX_LISTED_ROWS = 100;

/** One problem of one row: `line` is the row's 1-based position in the list. */
export interface RowProblem {
  line: number;
  field: string;
  message: string;
}

/** A row that passed its own checks, in canonical form. */
export interface GrantedRow {
  line: number;
  creditCode: string;
  name: string;
  regionCode: string;
  scale: EnterpriseScale;
  industryCode: string | null;
  /** The province it lies in, six digits: the granting province of a provincial rung. */
  provinceCode: string;
}

/** The refusal of a whole list: FORBIDDEN when any row lies outside the key's province. */
export function listRefused(problems: readonly RowProblem[], forbidden: boolean): DomainError {
  const listed = [...problems].sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_ROWS);
  const code: ErrorCode = forbidden ? 'FORBIDDEN' : 'BAD_USER_INPUT';
  const more = problems.length > listed.length ? ` (the first ${listed.length} are listed)` : '';
  return new DomainError(
    code,
    `the list was refused and nothing was granted: ${problems.length} problem${problems.length === 1 ? '' : 's'} in its rows${more}; see extensions.rows, fix them and send the whole list again`,
    'enterprises',
    { rows: listed, problemCount: problems.length },
  );
}

/** The message of a check that throws a DomainError; anything else is a bug and rethrown. */
function problemOf(check: () => void, line: number, field: string, problems: RowProblem[]) {
  try {
    check();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push({ line, field, message: error.message });
  }
}

/**
 * Every row's own checks (credit code and its check character, name, region, industry, a credit
 * code listed twice) and, for an AUTHORITY key, whether the row lies in its province. Rows that
 * pass come back in canonical form; `outside` tells that some row lay outside the key's province.
 */
export function checkGrantedRows(
  rows: readonly DesignatedEnterpriseInput[],
  regions: ReadonlyMap<string, Region>,
  viewer: Viewer,
): { granted: GrantedRow[]; problems: RowProblem[]; outside: boolean } {
  const problems: RowProblem[] = [];
  const granted: GrantedRow[] = [];
  const firstLine = new Map<string, number>();
  let outside = false;
  rows.forEach((row, index) => {
    const line = index + 1;
    const before = problems.length;
    let creditCode = '';
    let name = '';
    let regionCode = '';
    let industryCode: string | null = null;
    problemOf(
      () => (creditCode = parseCreditCode(row.creditCode, 'creditCode')),
      line,
      'creditCode',
      problems,
    );
    if (creditCode) {
      const seen = firstLine.get(creditCode);
      if (seen !== undefined) {
        problems.push({
          line,
          field: 'creditCode',
          message: `creditCode ${creditCode} is listed on line ${seen} too: list each enterprise once`,
        });
      } else firstLine.set(creditCode, line);
    }
    problemOf(
      () => (name = shownText(requiredText(row.name, 'name', 200), 'name')!),
      line,
      'name',
      problems,
    );
    const region = regions.get(row.regionCode.trim());
    if (!/^[0-9]{6}$/.test(row.regionCode.trim()) || !region) {
      problems.push({
        line,
        field: 'regionCode',
        message: `regionCode '${row.regionCode.slice(0, 12)}' names no GB/T 2260 division: write the six-digit code where the enterprise is registered, e.g. 440305`,
      });
    } else {
      regionCode = region.code;
      if (!isAdmin(viewer) && !regionCode.startsWith(viewer.regionCode!.slice(0, 2))) {
        outside = true;
        problems.push({
          line,
          field: 'regionCode',
          message: `the enterprise lies in ${regionCode}, outside this key's province ${viewer.regionCode}: only that province's AUTHORITY key or an ADMIN key may grant it`,
        });
      }
    }
    if (row.industryCode !== null && row.industryCode !== undefined) {
      problemOf(
        () => (industryCode = parseIndustryCode(row.industryCode!, 'industryCode')),
        line,
        'industryCode',
        problems,
      );
    }
    if (problems.length > before) return;
    granted.push({
      line,
      creditCode,
      name,
      regionCode,
      scale: row.scale,
      industryCode,
      provinceCode: `${regionCode.slice(0, 2)}0000`,
    });
  });
  return { granted, problems, outside };
}

/** Who may grant a kind: provinces the provincial rungs in their province, the nation (ADMIN) little giants. */
export function checkGrantor(viewer: Viewer, kind: DesignationKind): void {
  if (kind === DesignationKind.LITTLE_GIANT && !isAdmin(viewer)) {
    throw new DomainError(
      'FORBIDDEN',
      'only ADMIN keys grant LITTLE_GIANT (专精特新“小巨人”, recognised by the nation): a province grants INNOVATIVE_SME and SPECIALIZED_SME',
    );
  }
  requireProvinceKey(viewer, 'grant designations');
}

/** FORBIDDEN for an AUTHORITY key of a prefecture: designations are a province's. */
export function requireProvinceKey(viewer: Viewer, action: string): void {
  if (isAdmin(viewer) || viewer.regionCode?.endsWith('0000')) return;
  throw new DomainError(
    'FORBIDDEN',
    `may not ${action}: this AUTHORITY key governs ${viewer.regionCode}, a prefecture-level division, and designations are granted, reviewed and revoked by a province's AUTHORITY key (or an ADMIN key)`,
  );
}
