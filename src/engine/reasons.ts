// The short reason text a salesperson reads in ten seconds: "+25 Demo requested · +15 VP title · -10 Personal email".
import type { Contribution } from './model';

export const REASON_SEPARATOR = ' · ';

/** Points as people write them: "+25", "-10", "+2.5". */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 100) / 100;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/**
 * The `limit` largest contributions by absolute points (ties keep rule order), then decay. Zero-point
 * contributions say nothing and are left out.
 */
export function formatReasons(contributions: readonly Contribution[], decay: number, limit: number): string {
  const shown = contributions
    .filter((contribution) => contribution.points !== 0)
    .map((contribution, order) => ({ contribution, order }))
    .sort((a, b) => Math.abs(b.contribution.points) - Math.abs(a.contribution.points) || a.order - b.order)
    .slice(0, limit)
    .map(({ contribution }) => `${formatPoints(contribution.points)} ${contribution.label}`);
  if (decay < 0) shown.push(`${formatPoints(decay)} inactivity`);
  return shown.join(REASON_SEPARATOR);
}
