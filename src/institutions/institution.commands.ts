// Keeping the network up to date: admins create and re-parent institutions, staff keep their
// own institution's contact details current. The tree rules of tree-rules.ts hold afterwards;
// what the database enforces as well (one PUBLIC per region, unique codes) it enforces again.
import { isAdmin, requireAdminOrStaffOf } from '../auth/permissions';
import { fieldChanges, recordAudit } from '../db/audit-trail';
import { updateAudited, type ColumnChange } from '../db/audited-update';
import type { SqlRunner } from '../db/sql';
import { isUniqueViolation } from '../db/unique-violation';
import { normalizeRegionCode } from '../regions/region-code';
import { badInput, conflict, forbidden, notFound, quote } from '../schema/errors';
import { publicCode } from '../schema/input';
import type { InstitutionContext } from './institution.context';
import { InstitutionKind, InstitutionTier } from './institution-enums';
import {
  CONTACT_FIELDS,
  type CreateInstitutionInput,
  type MoveInstitutionInput,
  type UpdateInstitutionInput,
} from './institution.inputs';
import { Institution } from './institution.entity';
import { institutionByCode, publicCentres } from './institution.queries';
import {
  institutionAddress,
  institutionContact,
  institutionEmail,
  institutionName,
  institutionNameEn,
  institutionPhone,
  institutionWebsite,
  nationalCentreProblems,
  prescribedParentCode,
  tierFitsRegion,
} from './institution-rules';
import { parentPlace } from './tree-rules';

/** The fields of an institution the audit trail compares, named as the API names them. */
export const INSTITUTION_AUDIT_FIELDS = [
  'name',
  'nameEn',
  'tier',
  'kind',
  'regionCode',
  'parentCode',
  'phone',
  'email',
  'website',
  'address',
  'latitude',
  'longitude',
  'active',
] as const;

export type AuditedInstitution = Pick<
  Institution,
  Exclude<(typeof INSTITUTION_AUDIT_FIELDS)[number], 'parentCode'>
> & { parentCode?: string | null };

/** The institution as the audit trail shows it (its parent by code, when known). */
export function auditedInstitution(
  institution: Institution,
  parentCode?: string | null,
): AuditedInstitution {
  const { name, nameEn, tier, kind, regionCode, phone, email, website, address } = institution;
  const { latitude, longitude, active } = institution;
  return {
    name,
    nameEn,
    tier,
    kind,
    regionCode,
    ...(parentCode === undefined ? {} : { parentCode }),
    phone,
    email,
    website,
    address,
    latitude,
    longitude,
    active,
  };
}

/** The institution the tree rules make the parent of a `kind` institution in `regionCode`. */
async function prescribedParent(
  { sql, regions }: { sql: SqlRunner; regions: InstitutionContext['regions'] },
  regionCode: string,
  kind: InstitutionKind,
): Promise<Institution> {
  const chain = await regions.chain(regionCode);
  const byRegion = await publicCentres(
    sql,
    chain.map((region) => region.code),
  );
  const place = parentPlace(chain, kind, (code) => byRegion.has(code));
  const parent = byRegion.get(place === 'NATIONAL' ? 'NATIONAL' : place.regionCode);
  if (!parent) throw conflict('the network has no national centre yet: create it first');
  return parent;
}

export async function createInstitution(
  context: InstitutionContext,
  input: CreateInstitutionInput,
): Promise<Institution> {
  const { sql, viewer, regions } = context;
  const code = publicCode(input.code);
  const name = institutionName(input.name);
  const nameEn = institutionNameEn(input.nameEn);
  const contact = institutionContact(input.contact ?? {}, CONTACT_FIELDS);
  let regionCode: string | null = null;
  let parentId: number | null = null;
  let parentCode: string | null = null;

  if (input.tier === InstitutionTier.NATIONAL) {
    const [problem] = nationalCentreProblems(
      {
        kind: input.kind,
        regionCode: input.regionCode ?? null,
        parentCode: input.parentCode ?? null,
      },
      { kind: 'kind', regionCode: 'regionCode', parentCode: 'parentCode' },
    );
    if (problem) throw badInput(problem.message, problem.field);
  } else {
    if (!input.regionCode)
      throw badInput(`regionCode is required for a ${input.tier} institution`, 'regionCode');
    regionCode = normalizeRegionCode(input.regionCode, 'regionCode');
    const region = await regions.byCode(regionCode);
    if (!region)
      throw notFound(
        `regionCode ${quote(input.regionCode)} names no GB/T 2260 division`,
        'regionCode',
      );
    tierFitsRegion(input.tier, region);
    const parent = await prescribedParent(context, regionCode, input.kind);
    parentCode = prescribedParentCode(input.parentCode, parent, {
      kind: input.kind,
      tier: input.tier,
      regionCode,
    });
    parentId = parent.key;
  }

  try {
    return await sql.transaction(async (transaction) => {
      const [row] = await transaction.rows(
        `INSERT INTO institution (code, name, name_en, tier, kind, region_code, parent_id, phone, email, website, address, latitude, longitude)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
        [
          code,
          name,
          nameEn,
          input.tier,
          input.kind,
          regionCode,
          parentId,
          contact.phone,
          contact.email,
          contact.website,
          contact.address,
          input.location?.latitude ?? null,
          input.location?.longitude ?? null,
        ],
      );
      const created = sql.hydrator(Institution)(row);
      await recordAudit(transaction, viewer, [
        {
          action: 'institution.create',
          entityType: 'institution',
          entityCode: created.code,
          changes: fieldChanges(
            null,
            auditedInstitution(created, parentCode),
            INSTITUTION_AUDIT_FIELDS,
          ),
        },
      ]);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'institution_code_key'))
      throw conflict(`an institution with code ${code} exists already`);
    if (isUniqueViolation(error, 'institution_public_region_idx'))
      throw conflict(`region ${regionCode} has a PUBLIC centre already: at most one per region`);
    if (isUniqueViolation(error, 'institution_single_national_idx'))
      throw conflict('the network has a national centre already');
    throw error;
  }
}

/** The columns an update sets, checked. */
function columnChanges(input: UpdateInstitutionInput): ColumnChange[] {
  const changes: ColumnChange[] = [];
  if (input.name !== undefined && input.name !== null)
    changes.push(['name', institutionName(input.name)]);
  if (input.nameEn !== undefined) changes.push(['name_en', institutionNameEn(input.nameEn)]);
  if (input.active !== undefined && input.active !== null) changes.push(['active', input.active]);
  if (input.location)
    changes.push(['latitude', input.location.latitude], ['longitude', input.location.longitude]);
  const contact = input.contact;
  if (contact) {
    if (contact.phone !== undefined)
      changes.push(['phone', institutionPhone(contact.phone, CONTACT_FIELDS.phone)]);
    if (contact.email !== undefined)
      changes.push(['email', institutionEmail(contact.email, CONTACT_FIELDS.email)]);
    if (contact.website !== undefined)
      changes.push(['website', institutionWebsite(contact.website, CONTACT_FIELDS.website)]);
    if (contact.address !== undefined)
      changes.push(['address', institutionAddress(contact.address, CONTACT_FIELDS.address)]);
  }
  return changes;
}

export async function updateInstitution(
  context: InstitutionContext,
  input: UpdateInstitutionInput,
): Promise<Institution> {
  const { sql, viewer } = context;
  const adminOnly = (['name', 'nameEn', 'location', 'active'] as const).filter(
    (field) => input[field] !== undefined && input[field] !== null,
  );
  return sql.transaction(async (transaction) => {
    // Locked, so that the audit trail's "before" is what this change replaced.
    const institution = await institutionByCode(transaction, input.code.trim(), 'code', true);
    requireAdminOrStaffOf(viewer, institution.key, 'change an institution', {
      who: 'ADMIN keys, or staff of the institution for its contact details,',
    });
    if (!isAdmin(viewer) && adminOnly.length > 0) {
      throw forbidden(`staff may change contact details only, not ${adminOnly.join(', ')}`);
    }
    return updateAudited(transaction, viewer, institution, {
      table: 'institution',
      entity: Institution,
      changes: columnChanges(input),
      audited: auditedInstitution,
      fields: INSTITUTION_AUDIT_FIELDS,
    });
  });
}

export async function moveInstitution(
  context: InstitutionContext,
  input: MoveInstitutionInput,
): Promise<Institution> {
  const { sql, viewer } = context;
  return sql.transaction(async (transaction) => {
    const institution = await institutionByCode(transaction, input.code.trim(), 'code', true);
    if (institution.tier === InstitutionTier.NATIONAL)
      throw badInput('the national centre has no parent to change', 'code');
    const newParent = await institutionByCode(
      transaction,
      input.newParentCode.trim(),
      'newParentCode',
    );
    const prescribed = await prescribedParent(
      { ...context, sql: transaction },
      institution.regionCode!,
      institution.kind,
    );
    if (newParent.key !== prescribed.key) {
      throw badInput(
        `newParentCode must be ${prescribed.code} (${prescribed.name}): the tree rules hang a ${institution.kind} ${institution.tier} institution of ${institution.regionCode} there`,
        'newParentCode',
      );
    }
    if (newParent.key === institution.parentId) return institution;
    const [row] = await transaction.rows<Record<string, unknown> & { old_parent: string | null }>(
      `UPDATE institution SET parent_id = $2, updated_at = now() WHERE id = $1
       RETURNING *, (SELECT code FROM institution WHERE id = $3) AS old_parent`,
      [institution.key, newParent.key, institution.parentId],
    );
    await recordAudit(transaction, viewer, [
      {
        action: 'institution.move',
        entityType: 'institution',
        entityCode: institution.code,
        changes: { parentCode: { before: row.old_parent, after: newParent.code } },
      },
    ]);
    return sql.hydrator(Institution)(row);
  });
}
