// The service taxonomy: a few dozen categories that change only with migrations and the seed,
// read once per process (TaxonomyCatalog) and used for category fields, the category tree and
// every "this category or below" filter.
import { ReferenceCache } from '../db/reference-cache';
import type { Sql } from '../db/sql';
import { badInput, notFound, quote } from '../schema/errors';
import { ServiceCategory } from './service-category.entity';

const CATEGORY_CODE = /^[A-Z]{2,5}(-[A-Z]{2,8})?$/;

export class Taxonomy {
  readonly byKey: Map<number, ServiceCategory>;
  readonly byCode: Map<string, ServiceCategory>;
  readonly roots: ServiceCategory[];
  private readonly children = new Map<number, ServiceCategory[]>();

  constructor(categories: ServiceCategory[]) {
    this.byKey = new Map(categories.map((category) => [category.key, category]));
    this.byCode = new Map(categories.map((category) => [category.code, category]));
    this.roots = categories.filter((category) => category.parentId === null);
    for (const category of categories) {
      if (category.parentId === null) continue;
      const siblings = this.children.get(category.parentId) ?? [];
      siblings.push(category);
      this.children.set(category.parentId, siblings);
    }
  }

  childrenOf(category: ServiceCategory): ServiceCategory[] {
    return this.children.get(category.key) ?? [];
  }

  /** The category a filter names: BAD_USER_INPUT if malformed, NOT_FOUND if unknown. */
  resolve(code: string, field: string): ServiceCategory {
    const trimmed = code.trim();
    if (!CATEGORY_CODE.test(trimmed)) {
      throw badInput(
        `${field} ${quote(code)} is not a category code: use one such as FIN or FIN-LOAN (see serviceCategories)`,
        field,
      );
    }
    const category = this.byCode.get(trimmed);
    if (!category)
      throw notFound(
        `${field} ${quote(trimmed)} names no service category: see serviceCategories for the codes`,
        field,
      );
    return category;
  }

  /** The row ids of a category and every category below it. */
  subtreeKeys(category: ServiceCategory): number[] {
    return [category.key, ...this.childrenOf(category).flatMap((child) => this.subtreeKeys(child))];
  }
}

/** A seed run in another process shows up at the latest after this long. */
const MAX_AGE_MS = 5 * 60_000;

/** The process's copy of the taxonomy; the composition root creates one. */
export class TaxonomyCatalog {
  private readonly cache: ReferenceCache<Taxonomy>;

  constructor(sql: Sql, maxAgeMs = MAX_AGE_MS) {
    this.cache = new ReferenceCache(async () => {
      const rows = await sql.rows(
        'SELECT * FROM service_category ORDER BY parent_id NULLS FIRST, position, id',
      );
      return new Taxonomy(rows.map(sql.hydrator(ServiceCategory)));
    }, maxAgeMs);
  }

  current(): Promise<Taxonomy> {
    return this.cache.get();
  }

  /** The row ids of a category and everything below it, as a filter by `code` stands for. */
  async subtreeKeysOf(code: string, field: string): Promise<number[]> {
    const taxonomy = await this.current();
    return taxonomy.subtreeKeys(taxonomy.resolve(code, field));
  }

  /** The categories changed (a seed run): read them again on next use. */
  invalidate(): void {
    this.cache.invalidate();
  }
}
