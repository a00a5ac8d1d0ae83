// How a pilot city subsidises an accepted project, as data on the city (pilot_city.subsidy_rule):
// the subsidy is min(sharePercent % of the project cost, the cap of the level reached), computed
// in PostgreSQL's numeric at acceptance. The default is the national rule; a city may differ later
// without a change of code.

export interface SubsidyRule {
  /** Share of the project cost paid, percent. */
  sharePercent: number;
  /** The cap in yuan for each digital level reached, levels 1 to 4 in order (level 1: nothing). */
  capYuanByLevel: [number, number, number, number];
}

/**
 * The default rule (the MIIT and MOF notice on pilot cities): half the project cost, at most
 * ¥300,000 for an enterprise that reaches level 2, ¥600,000 for level 3, ¥1,000,000 for level 4,
 * nothing for level 1.
 */
export const DEFAULT_SUBSIDY_RULE: SubsidyRule = {
  sharePercent: 50,
  capYuanByLevel: [0, 300_000, 600_000, 1_000_000],
};

/**
 * The subsidy, in yuan (numeric), of a project costing `cost` that reached `level`, under the
 * rule `rule` (SQL expressions). The share is counted in whole fen, rounded down: half of ¥0.01
 * is not paid (the pool is never overspent by rounding up). Documented in the README.
 */
export const subsidySql = (rule: string, cost: string, level: string) =>
  `least(floor(${cost} * (${rule}->>'sharePercent')::numeric) / 100,
         (${rule}->'capYuanByLevel'->>((${level}) - 1))::numeric)`;
