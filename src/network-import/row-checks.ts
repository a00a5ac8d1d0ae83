// The checks of one import row on its own: record type, the columns it may fill, texts (length,
// NUL bytes, lone surrogates, control and invisible characters, formulas), codes, enums, region
// codes and the tier they call for, service categories, phones, e-mails, web sites,
// coordinates. An institution's values go through the institution rule set
// (institutions/institution-rules.ts), the one createInstitution, updateInstitution and the seed
// use, so that the API and the import accept the same. Every problem of the row is collected
// with its column; a row with none becomes a draft. Checks that need the other rows or the
// database (duplicates, parents, one PUBLIC centre per region) are the plan's (import-plan.ts).
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import {
  institutionAddress,
  institutionEmail,
  institutionName,
  institutionNameEn,
  institutionPhone,
  institutionWebsite,
  nationalCentreProblems,
  tierFitsRegion,
} from '../institutions/institution-rules';
import { normalizeRegionCode } from '../regions/region-code';
import type { Region } from '../regions/region.entity';
import { DomainError } from '../schema/errors';
import { publicCode } from '../schema/input';
import { EnterpriseScale, SpecializationLevel } from '../services/eligibility';
import { DeliveryMode, FeeType } from '../services/service-enums';
import { serviceDescription, serviceName, serviceNameEn } from '../services/service-rules';
import type { Taxonomy } from '../services/taxonomy';
import {
  COLUMNS,
  COLUMNS_OF,
  LIST_SEPARATOR,
  RecordType,
  type Column,
  type CsvRow,
  type ImportProblem,
} from './csv-layout';
import { isUnstorable } from '../schema/text-hygiene';

export interface InstitutionDraft {
  line: number;
  code: string;
  name: string;
  nameEn: string | null;
  tier: InstitutionTier;
  kind: InstitutionKind;
  regionCode: string | null;
  /** As written; empty means "the parent the tree rules prescribe". */
  parentCode: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Null when the column is empty: true for a new institution, unchanged for an existing one. */
  active: boolean | null;
}

export interface ServiceDraft {
  line: number;
  code: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  institutionCode: string;
  categoryCode: string;
  categoryKey: number;
  deliveryMode: DeliveryMode;
  fee: FeeType;
  eligibleScales: EnterpriseScale[];
  minSpecialization: SpecializationLevel;
  /** Null when the column is empty: true for a new service, unchanged for an existing one. */
  active: boolean | null;
}

export interface RowContext {
  regions: ReadonlyMap<string, Region>;
  taxonomy: Taxonomy;
}

const NATIONAL_FIELDS = { kind: 'kind', regionCode: 'region_code', parentCode: 'parent_code' };

/** Collects the problems of one row; `check` turns a thrown DomainError into one. */
class RowProblems {
  readonly list: ImportProblem[] = [];
  constructor(private readonly line: number) {}

  add(field: Column | null, message: string): void {
    this.list.push({ line: this.line, field, message });
  }

  check<T>(field: Column, work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.add(field, error.message);
      return undefined;
    }
  }
}

function enumValue<T extends string>(
  problems: RowProblems,
  field: Column,
  value: string,
  values: Record<string, T>,
  fallback?: T,
): T | undefined {
  if (value === '' && fallback !== undefined) return fallback;
  const upper = value.toUpperCase();
  if ((Object.values(values) as string[]).includes(upper)) return upper as T;
  problems.add(
    field,
    value === ''
      ? `${field} is required: use one of ${Object.values(values).join(', ')}`
      : `${field} '${value}' is not one of ${Object.values(values).join(', ')}`,
  );
  return undefined;
}

function activeFlag(problems: RowProblems, value: string): boolean | null {
  const lower = value.toLowerCase();
  if (lower === '') return null;
  if (lower === 'true' || lower === 'yes' || lower === '1') return true;
  if (lower === 'false' || lower === 'no' || lower === '0') return false;
  problems.add(
    'active',
    `active '${value}' is not a yes/no value: use true or false (empty means true)`,
  );
  return true;
}

function coordinate(problems: RowProblems, field: 'latitude' | 'longitude', value: string) {
  if (value === '') return null;
  const number = Number(value);
  const limit = field === 'latitude' ? 90 : 180;
  if (!Number.isFinite(number) || Math.abs(number) > limit) {
    problems.add(
      field,
      `${field} '${value}' is not a number of degrees from -${limit} to ${limit}`,
    );
    return null;
  }
  return number;
}

function institutionDraft(row: CsvRow, problems: RowProblems, context: RowContext) {
  const v = row.values;
  const code = problems.check('code', () => publicCode(v.code));
  const name = problems.check('name', () => institutionName(v.name, 'name'));
  const nameEn = problems.check('name_en', () => institutionNameEn(v.name_en, 'name_en'));
  const tier = enumValue(problems, 'tier', v.tier, InstitutionTier);
  const kind = enumValue(problems, 'kind', v.kind, InstitutionKind);
  let regionCode: string | null = null;
  if (tier === InstitutionTier.NATIONAL) {
    const given = { kind: kind ?? null, regionCode: v.region_code, parentCode: v.parent_code };
    for (const { field, message } of nationalCentreProblems(given, NATIONAL_FIELDS))
      problems.add(field as Column, message);
  } else if (v.region_code === '') {
    problems.add('region_code', 'region_code is required below the national tier, e.g. 441900');
  } else {
    const normalized = problems.check('region_code', () =>
      normalizeRegionCode(v.region_code, 'region_code'),
    );
    const region = normalized ? context.regions.get(normalized) : undefined;
    if (normalized && !region) {
      problems.add('region_code', `region_code '${v.region_code}' names no GB/T 2260 division`);
    } else if (region && tier) {
      problems.check('tier', () => tierFitsRegion(tier, region, 'tier'));
    }
    regionCode = normalized ?? null;
  }
  const parentCode = v.parent_code
    ? (problems.check('parent_code', () => publicCode(v.parent_code, 'parent_code')) ?? null)
    : null;
  const phone = problems.check('phone', () => institutionPhone(v.phone, 'phone'));
  const email = problems.check('email', () => institutionEmail(v.email, 'email'));
  const website = problems.check('website', () => institutionWebsite(v.website, 'website'));
  const address = problems.check('address', () => institutionAddress(v.address, 'address'));
  const latitude = coordinate(problems, 'latitude', v.latitude);
  const longitude = coordinate(problems, 'longitude', v.longitude);
  if ((v.latitude === '') !== (v.longitude === ''))
    problems.add(
      v.latitude === '' ? 'latitude' : 'longitude',
      'give latitude and longitude together, or neither',
    );
  const active = activeFlag(problems, v.active);
  if (problems.list.length > 0) return null;
  return {
    line: row.line,
    code: code!,
    name: name!,
    nameEn: nameEn ?? null,
    tier: tier!,
    kind: kind!,
    regionCode,
    parentCode,
    phone: phone ?? null,
    email: email ?? null,
    website: website ?? null,
    address: address ?? null,
    latitude,
    longitude,
    active,
  } satisfies InstitutionDraft;
}

function serviceDraft(row: CsvRow, problems: RowProblems, context: RowContext) {
  const v = row.values;
  const code = problems.check('code', () => publicCode(v.code));
  const name = problems.check('name', () => serviceName(v.name));
  const nameEn = problems.check('name_en', () => serviceNameEn(v.name_en, 'name_en'));
  const description = problems.check('description', () => serviceDescription(v.description));
  if (!v.institution_code)
    problems.add(
      'institution_code',
      'institution_code is required: the code of the institution offering the service',
    );
  const institutionCode = v.institution_code
    ? problems.check('institution_code', () => publicCode(v.institution_code, 'institution_code'))
    : undefined;
  if (!v.category_code)
    problems.add(
      'category_code',
      'category_code is required, e.g. FIN-LOAN (see serviceCategories)',
    );
  const category = v.category_code
    ? problems.check('category_code', () =>
        context.taxonomy.resolve(v.category_code, 'category_code'),
      )
    : undefined;
  const deliveryMode = enumValue(problems, 'delivery_mode', v.delivery_mode, DeliveryMode);
  const fee = enumValue(problems, 'fee', v.fee, FeeType);
  const eligibleScales: EnterpriseScale[] = [];
  for (const scale of v.eligible_scales
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const value = enumValue(problems, 'eligible_scales', scale, EnterpriseScale);
    if (value && !eligibleScales.includes(value)) eligibleScales.push(value);
  }
  const minSpecialization = enumValue(
    problems,
    'min_specialization',
    v.min_specialization,
    SpecializationLevel,
    SpecializationLevel.NONE,
  );
  const active = activeFlag(problems, v.active);
  if (problems.list.length > 0) return null;
  return {
    line: row.line,
    code: code!,
    name: name!,
    nameEn: nameEn ?? null,
    description: description ?? null,
    institutionCode: institutionCode!,
    categoryCode: category!.code,
    categoryKey: category!.key,
    deliveryMode: deliveryMode!,
    fee: fee!,
    eligibleScales,
    minSpecialization: minSpecialization!,
    active,
  } satisfies ServiceDraft;
}

/** An institution as the import compares it: the audit trail's fields, named as the API names them. */
export type InstitutionValues = Omit<InstitutionDraft, 'line' | 'code' | 'active'> & {
  active: boolean;
};
/** A service as the import compares it (the audit trail's fields). */
export type ServiceValues = Omit<ServiceDraft, 'line' | 'code' | 'categoryKey' | 'active'> & {
  active: boolean;
};

export type RowDraft =
  | { type: RecordType.INSTITUTION; draft: InstitutionDraft }
  | { type: RecordType.SERVICE; draft: ServiceDraft };

/** The row as a draft, or every problem it has on its own. */
export function checkRow(
  row: CsvRow,
  context: RowContext,
): { draft: RowDraft | null; problems: ImportProblem[] } {
  const problems = new RowProblems(row.line);
  for (const column of COLUMNS) {
    if (isUnstorable(row.values[column]))
      problems.add(
        column,
        `${column} holds a NUL character or a lone UTF-16 surrogate, which is not text: save the file as UTF-8 text`,
      );
  }
  if (problems.list.length > 0) return { draft: null, problems: problems.list };
  const type = row.values.record.toLowerCase() as RecordType;
  if (!Object.values(RecordType).includes(type)) {
    problems.add(
      'record',
      `record '${row.values.record}' is not a record type: use institution or service`,
    );
    return { draft: null, problems: problems.list };
  }
  for (const column of COLUMNS) {
    if (row.values[column] !== '' && !COLUMNS_OF[type].includes(column))
      problems.add(column, `${column} does not apply to a ${type} row: leave it empty`);
  }
  if (type === RecordType.INSTITUTION) {
    const draft = institutionDraft(row, problems, context);
    return { draft: draft && { type, draft }, problems: problems.list };
  }
  const draft = serviceDraft(row, problems, context);
  return { draft: draft && { type, draft }, problems: problems.list };
}
