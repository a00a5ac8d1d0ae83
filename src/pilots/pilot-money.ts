// A pilot city's money as its fields show it: exact numeric text turned into whole fen (BigInt)
// for the arithmetic of the pool, so no binary fraction decides how much is left.
import type { PilotCity } from './pilot-city.entity';

/** '1234.5' → 123450n. */
export function fenOf(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

const yuanOfFen = (fen: bigint) => Number(fen) / 100;

/** The SME pool: what the public-services reserve leaves of the funds, in whole fen (rounded down). */
export function smePoolFen(city: PilotCity): bigint {
  return (fenOf(city.fundsAllocatedYuan) * BigInt(100 - city.reservePercent)) / 100n;
}

export const smePoolYuan = (city: PilotCity) => yuanOfFen(smePoolFen(city));

export const smePoolLeftYuan = (city: PilotCity) =>
  yuanOfFen(smePoolFen(city) - fenOf(city.subsidyPaidYuan));
