// The short reason text a salesperson reads in ten seconds: "+25 Demo requested · +15 VP title · -10 Personal email".
import type { Contribution } from './model';

export const REASON_SEPARATOR = ' · ';

/** Points as people write them: "+25", "-10", "+2.5". */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 100) / 100;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** Fixed-points rules share one frozen contribution object, so its text is worth keeping. */
const PIECES = new WeakMap<Contribution, string>();

function reasonPiece(contribution: Contribution): string {
  const known = PIECES.get(contribution);
  if (known !== undefined) return known;
  const piece = `${formatPoints(contribution.points)} ${contribution.label}`;
  if (Object.isFrozen(contribution)) PIECES.set(contribution, piece);
  return piece;
}

/**
 * The `limit` largest contributions by absolute points (ties keep rule order), then decay. Zero-point
 * contributions say nothing and are left out. Runs once per scored row, so it selects without sorting.
 */
export function formatReasons(contributions: readonly Contribution[], decay: number, limit: number): string {
  const top: Contribution[] = [];
  for (const contribution of contributions) {
    const weight = Math.abs(contribution.points);
    if (weight === 0) continue;
    let at = top.length;
    while (at > 0 && Math.abs((top[at - 1] as Contribution).points) < weight) at--;
    if (at >= limit) continue;
    top.splice(at, 0, contribution);
    if (top.length > limit) top.pop();
  }
  let text = '';
  for (const contribution of top) {
    if (text) text += REASON_SEPARATOR;
    text += reasonPiece(contribution);
  }
  if (decay < 0) text += `${text ? REASON_SEPARATOR : ''}${formatPoints(decay)} inactivity`;
  return text;
}
