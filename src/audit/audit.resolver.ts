// The audit trail in GraphQL: auditLog (ADMIN only), newest first, and an entry's actor.
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Allow, isAdmin } from '../auth/permissions';
import { Role } from '../auth/role';
import type { Viewer } from '../auth/viewer';
import type { Sql } from '../db/sql';
import { connectionTypes, PageArgs, pageWindow, toConnection } from '../schema/pagination';
import { AuditActor, AuditEntry } from './audit-entry.entity';
import { AuditFilter } from './audit.inputs';
import { AUDIT_CURSOR, auditEntryByKey, listAuditEntries } from './audit.queries';

export const AuditEntryConnection = connectionTypes(AuditEntry, 'AuditEntry', 'audit entry');
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;

/** What the audit trail needs of a request. */
export interface AuditContext {
  sql: Sql;
  viewer: Viewer;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Allow([Role.ADMIN], 'read the audit trail')
  @Query(() => AuditEntryConnection, {
    description:
      'ADMIN. Every write to the network — who, when, what — newest first. Entries are never changed or removed.',
  })
  async auditLog(
    @Args() page: PageArgs,
    @Arg('filter', () => AuditFilter, {
      nullable: true,
      description: 'Narrows the trail; without it, every entry.',
    })
    filter: AuditFilter | null,
    @Ctx() { sql }: AuditContext,
  ): Promise<AuditEntryConnection> {
    const window = pageWindow(page, AUDIT_CURSOR, 'Query.auditLog');
    return toConnection(await listAuditEntries(sql, filter, window), window);
  }

  @FieldResolver(() => AuditActor, { description: 'Who made the change.' })
  actor(@Root() entry: AuditEntry): AuditActor {
    return { keyId: entry.actorKeyId, name: entry.actorName, role: entry.actorRole };
  }
}

/** Audit entries for `node(id)`: ADMIN only, null for anyone else. */
export const auditNodes = {
  AuditEntry: ({ sql, viewer }: AuditContext, key: string) =>
    isAdmin(viewer) ? auditEntryByKey(sql, Number(key)) : Promise.resolve(null),
};
