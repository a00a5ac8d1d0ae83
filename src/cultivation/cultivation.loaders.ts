// The batched reads of clusters and of the enterprise directory a request shares.
import type { Viewer } from '../auth/viewer';
import { newLoader, type LoaderSettings } from '../db/loaders';
import type { Sql } from '../db/sql';
import type { Enterprise } from '../referrals/enterprise.entity';
import type { Cluster } from './cluster.entity';
import { clustersByCode, clustersByEnterprise, regionCodesByCluster } from './cluster.queries';
import { visibleEnterprisesByCreditCode } from './enterprise-directory.queries';

export function createCultivationLoaders(sql: Sql, viewer: Viewer, settings: LoaderSettings) {
  const clusterByCode = newLoader<string, Cluster | null>(settings, async (codes) => {
    const found = new Map((await clustersByCode(sql, codes)).map((c) => [c.code, c]));
    return codes.map((code) => found.get(code) ?? null);
  });
  return {
    clusterByCode,
    /** Remembers clusters a list already read. */
    primeClusters(clusters: Cluster[]) {
      for (const cluster of clusters) clusterByCode.prime(cluster.code, cluster);
    },
    /** An enterprise by credit code, null unless the viewer sees it. */
    visibleEnterpriseByCreditCode: newLoader<string, Enterprise | null>(settings, async (codes) => {
      const found = await visibleEnterprisesByCreditCode(sql, viewer, codes);
      const byCode = new Map(found.map((enterprise) => [enterprise.creditCode, enterprise]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    clusterRegionCodes: newLoader<number, string[]>(settings, async (keys) => {
      const byCluster = await regionCodesByCluster(sql, keys);
      return keys.map((key) => byCluster.get(key) ?? []);
    }),
    enterpriseClusters: newLoader<number, Cluster[]>(settings, async (keys) => {
      const byEnterprise = await clustersByEnterprise(sql, keys);
      return keys.map((key) => byEnterprise.get(key) ?? []);
    }),
  };
}

export type CultivationLoaders = ReturnType<typeof createCultivationLoaders>;
