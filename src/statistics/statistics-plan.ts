// Reads ahead in a networkStatistics request: which figures are asked for at each level of
// `breakdown` (fragments included), so that the root resolver can ask the loaders for every area
// of every level at once — one statement per figure for the whole answer, however deep the
// breakdown goes, instead of one per figure and level.
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Region } from '../regions/region.entity';
import { fieldsOf } from '../schema/selection';
import { areasBelow } from './areas';
import { LOADER_OF_FIELD, type StatisticsLoaders } from './statistics.loaders';

/** The figures asked for at each level, root first. */
export function figuresByLevel(info: GraphQLResolveInfo): Set<keyof StatisticsLoaders>[] {
  const levels: Set<keyof StatisticsLoaders>[] = [];
  let nodes: readonly FieldNode[] = info.fieldNodes;
  while (nodes.length > 0) {
    const figures = new Set<keyof StatisticsLoaders>();
    const below: FieldNode[] = [];
    for (const field of nodes.flatMap((node) => fieldsOf(node.selectionSet, info))) {
      const loader = LOADER_OF_FIELD[field.name.value];
      if (loader) figures.add(loader);
      if (field.name.value === 'breakdown') below.push(field);
    }
    levels.push(figures);
    nodes = below;
  }
  return levels;
}

/**
 * Asks the loaders now for every figure of every area the answer will show, so that they batch
 * into one statement per figure; the field resolvers then find them loaded. Failures surface
 * where the fields read them.
 */
export function loadAhead(
  loaders: StatisticsLoaders,
  root: string,
  info: GraphQLResolveInfo,
  regions: ReadonlyMap<string, Region>,
): void {
  let areas = [root];
  for (const figures of figuresByLevel(info)) {
    for (const figure of figures) {
      for (const area of areas) loaders[figure].load(area).catch(() => undefined);
    }
    areas = areas.flatMap((area) => areasBelow(area, regions));
  }
}
