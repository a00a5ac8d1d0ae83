// The service taxonomy as one request sees it: loaded once (a few dozen rows), then used for
// category fields, the category tree and every "this category or below" filter.
import type { DataSource } from 'typeorm';
import { hydrator } from '../db/rows';
import { badInput, notFound } from '../schema/errors';
import { ServiceCategory } from './service-category.entity';
import { readRows } from '../db/prepared';

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
        `${field} '${code}' is not a category code: use one such as FIN or FIN-LOAN (see serviceCategories)`,
        field,
      );
    }
    const category = this.byCode.get(trimmed);
    if (!category)
      throw notFound(
        `${field} '${trimmed}' names no service category: see serviceCategories for the codes`,
        field,
      );
    return category;
  }

  /** The row ids of a category and every category below it. */
  subtreeKeys(category: ServiceCategory): number[] {
    return [category.key, ...this.childrenOf(category).flatMap((child) => this.subtreeKeys(child))];
  }
}

export async function loadTaxonomy(dataSource: DataSource): Promise<Taxonomy> {
  const rows: Record<string, unknown>[] = await readRows(
    dataSource,
    'SELECT * FROM service_category ORDER BY parent_id NULLS FIRST, position, id',
  );
  return new Taxonomy(rows.map(hydrator(dataSource, ServiceCategory)));
}

/**
 * The row ids a category filter stands for (the category and everything below it), or null
 * without a filter; reads the taxonomy only when there is one.
 */
export async function categoryFilterKeys(
  code: string | null | undefined,
  field: string,
  taxonomy: () => Promise<Taxonomy>,
): Promise<number[] | null> {
  if (code === null || code === undefined) return null;
  const loaded = await taxonomy();
  return loaded.subtreeKeys(loaded.resolve(code, field));
}
