// What an import would do, decided from the checked rows and the network as it stands: which
// institutions and services to create, which to change (and how, field by field), which are
// already as the file says; and every problem that needs the other rows or the database — a code
// twice in the file, a service of an unknown institution, a second PUBLIC centre for a region, a
// parent the tree rules do not prescribe. Parents follow the tree rules against the network as it
// will be after the import (a municipal centre created by the file becomes its counties' parent).
import { fieldChanges, type AuditChanges } from '../db/audit-trail';
import { INSTITUTION_AUDIT_FIELDS } from '../institutions/institution.commands';
import { InstitutionKind, InstitutionTier } from '../institutions/institution-enums';
import { prescribedParentCode } from '../institutions/institution-rules';
import { parentPlace } from '../institutions/tree-rules';
import { regionChain } from '../regions/region-chain';
import type { Region } from '../regions/region.entity';
import { DomainError } from '../schema/errors';
import { SERVICE_AUDIT_FIELDS } from '../services/service.commands';
import type { ImportProblem } from './csv-layout';
import type { ExistingInstitution, ExistingService, PublicCentre } from './network-import.queries';
import type {
  InstitutionDraft,
  InstitutionValues,
  ServiceDraft,
  ServiceValues,
} from './row-checks';
import type { TimeSlices } from './time-slices';

/**
 * An empty optional column leaves an existing institution's value as it is (a province's sheet
 * may lack columns the network already knows); the location goes as a pair.
 */
function keepWhereEmpty(
  values: InstitutionValues,
  draft: InstitutionDraft,
  current: ExistingInstitution['audited'],
): void {
  for (const field of ['nameEn', 'phone', 'email', 'website', 'address'] as const)
    values[field] = draft[field] ?? current[field];
  if (draft.latitude === null) {
    values.latitude = current.latitude;
    values.longitude = current.longitude;
  }
  values.active = draft.active ?? current.active;
}

export interface Change<T> {
  line: number;
  code: string;
  values: T;
  changes: AuditChanges;
}

export interface ImportPlan {
  problems: ImportProblem[];
  institutions: { create: Change<InstitutionValues>[]; update: Change<InstitutionValues>[] };
  services: {
    create: Change<ServiceValues & { categoryKey: number }>[];
    update: Change<ServiceValues & { categoryKey: number }>[];
  };
  unchanged: number;
}

export interface NetworkState {
  regions: ReadonlyMap<string, Region>;
  institutions: ReadonlyMap<string, ExistingInstitution>;
  services: ReadonlyMap<string, ExistingService>;
  /** Every PUBLIC centre, the national one included (region null). */
  centres: readonly PublicCentre[];
}

const NATIONAL = 'NATIONAL';

export async function planImport(
  institutionDrafts: readonly InstitutionDraft[],
  serviceDrafts: readonly ServiceDraft[],
  state: NetworkState,
  slices: TimeSlices,
): Promise<ImportPlan> {
  const problems: ImportProblem[] = [];
  const problem = (line: number, field: string | null, message: string) =>
    problems.push({ line, field, message });
  const plan: ImportPlan = {
    problems,
    institutions: { create: [], update: [] },
    services: { create: [], update: [] },
    unchanged: 0,
  };

  // A code twice in the file: the later rows are refused.
  const firstLine = new Map<string, number>();
  const once = <T extends { line: number; code: string }>(drafts: readonly T[], kind: string) =>
    drafts.filter((draft) => {
      const key = `${kind}:${draft.code}`;
      const first = firstLine.get(key);
      if (first === undefined) {
        firstLine.set(key, draft.line);
        return true;
      }
      problem(
        draft.line,
        'code',
        `${kind} code ${draft.code} appears already on line ${first}: each code once per file`,
      );
      return false;
    });
  const institutions = once(institutionDrafts, 'institution');
  const services = once(serviceDrafts, 'service');

  // The PUBLIC centre of each region after the import ('NATIONAL' for the national one).
  const centreOf = new Map<string, { code: string; line?: number }>();
  for (const centre of state.centres)
    centreOf.set(centre.regionCode ?? NATIONAL, { code: centre.code });
  for (const draft of institutions) {
    await slices.pause();
    const existing = state.institutions.get(draft.code);
    if (existing) {
      for (const [field, was, is] of [
        ['tier', existing.tier, draft.tier],
        ['kind', existing.kind, draft.kind],
        ['region_code', existing.regionCode, draft.regionCode],
      ] as const) {
        if (was !== is)
          problem(
            draft.line,
            field,
            `${draft.code} is ${was ?? 'without region'} in the network: an import does not change an institution's ${field}; retire it (active false) and create a new code`,
          );
      }
      continue;
    }
    if (draft.kind !== InstitutionKind.PUBLIC) continue;
    const place = draft.regionCode ?? NATIONAL;
    const holder = centreOf.get(place);
    if (holder) {
      problem(
        draft.line,
        draft.regionCode ? 'region_code' : 'tier',
        draft.regionCode
          ? `region ${draft.regionCode} has a PUBLIC centre already (${holder.code}${holder.line ? `, line ${holder.line}` : ''}): at most one per region; make this one MARKET or update ${holder.code}`
          : `the network has a national centre already (${holder.code}): at most one`,
      );
    } else centreOf.set(place, { code: draft.code, line: draft.line });
  }

  const inFile = new Map(institutions.map((draft) => [draft.code, draft]));
  for (const draft of institutions) {
    await slices.pause();
    const existing = state.institutions.get(draft.code);
    let parentCode: string | null = null;
    if (draft.tier !== InstitutionTier.NATIONAL && draft.regionCode) {
      const chain = regionChain(draft.regionCode, state.regions);
      const place = parentPlace(chain, draft.kind, (code) => {
        const holder = centreOf.get(code);
        return holder !== undefined && holder.code !== draft.code;
      });
      const prescribed = centreOf.get(place === NATIONAL ? NATIONAL : place.regionCode);
      if (!prescribed) {
        problem(
          draft.line,
          'parent_code',
          'the network has no national centre: import it (tier NATIONAL) first or in the same file',
        );
        continue;
      }
      try {
        parentCode = prescribedParentCode(
          draft.parentCode,
          prescribed,
          { kind: draft.kind, tier: draft.tier, regionCode: draft.regionCode },
          'parent_code',
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problem(draft.line, 'parent_code', error.message);
        continue;
      }
    }
    const { line, code, parentCode: _written, ...rest } = draft;
    void _written;
    const values: InstitutionValues = { ...rest, parentCode, active: draft.active ?? true };
    if (existing) keepWhereEmpty(values, draft, existing.audited);
    const changes = fieldChanges(
      existing ? existing.audited : null,
      values,
      INSTITUTION_AUDIT_FIELDS,
    );
    if (!existing) plan.institutions.create.push({ line, code, values, changes });
    else if (Object.keys(changes).length > 0)
      plan.institutions.update.push({ line, code, values, changes });
    else plan.unchanged++;
  }

  for (const draft of services) {
    await slices.pause();
    const existing = state.services.get(draft.code);
    if (!inFile.has(draft.institutionCode) && !state.institutions.has(draft.institutionCode)) {
      problem(
        draft.line,
        'institution_code',
        `institution_code ${draft.institutionCode} names no institution of the network or of this file`,
      );
      continue;
    }
    if (existing && existing.audited.institutionCode !== draft.institutionCode) {
      problem(
        draft.line,
        'institution_code',
        `service ${draft.code} belongs to ${existing.audited.institutionCode}: an import does not move services between institutions; use a new code`,
      );
      continue;
    }
    const { line, code, categoryKey, ...given } = draft;
    const values: ServiceValues = { ...given, active: given.active ?? true };
    if (existing) {
      values.nameEn = given.nameEn ?? existing.audited.nameEn;
      values.description = given.description ?? existing.audited.description;
      values.active = given.active ?? existing.audited.active;
    }
    const changes = fieldChanges(existing ? existing.audited : null, values, SERVICE_AUDIT_FIELDS);
    const change = { line, code, values: { ...values, categoryKey }, changes };
    if (!existing) plan.services.create.push(change);
    else if (Object.keys(changes).length > 0) plan.services.update.push(change);
    else plan.unchanged++;
  }
  return plan;
}
