// When an enterprise belongs to a cluster, in SQL: located in one of the cluster's county-level
// divisions, with an industry code that starts with one of the cluster's GB/T 4754-2017 codes
// (a code's digits extend its parent's, so "under" is a plain starts-with). Nothing is stored:
// an enterprise that moves or changes industry changes clusters with it.

/**
 * SQL: the enterprise aliased `e` belongs to the cluster aliased `c` through its region row
 * aliased `r` (a cluster_region row of `c`).
 */
export const clusterMember = (c: string, r: string, e: string) =>
  `(${r}.region_code = ${e}.region_code
    AND EXISTS (SELECT FROM unnest(${c}.industry_codes) AS prefix WHERE starts_with(${e}.industry_code, prefix)))`;
