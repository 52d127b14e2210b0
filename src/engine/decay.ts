// Intent decay: how many points inactivity takes from a lead's intent score.
import type { Decay } from './model';

/**
 * Points (<= 0) removed from `intent` for a last activity `ageDays` old. Decay only wears intent
 * down: it never takes intent below zero, and a lead with no positive intent loses nothing.
 */
export function decayPoints(decay: Decay, intent: number, ageDays: number): number {
  if (intent <= 0 || ageDays <= 0) return 0;
  if (decay.mode === 'halfLife') {
    const kept = intent * 0.5 ** (ageDays / decay.halfLifeDays);
    return kept - intent;
  }
  let points = 0;
  // Steps are validated ascending by afterDays: the last one reached applies (they do not add up).
  for (const step of decay.steps) {
    if (ageDays >= step.afterDays) points = step.points;
  }
  return Math.max(points, -intent);
}
