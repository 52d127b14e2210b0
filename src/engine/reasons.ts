// The short reason text a salesperson reads in ten seconds: "+25 Demo requested · +15 VP title · -10 Personal email".

export const REASON_SEPARATOR = ' · ';

/** Points as people write them: "+25", "-10", "+2.5". */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 100) / 100;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** One contribution as the reasons name it: "+25 Demo requested". */
export function reasonPiece(points: number, label: string): string {
  return `${formatPoints(points)} ${label}`;
}

/** A contribution as the reason text sees it; the pieces are worked out once per rule and cell value. */
export interface ReasonPart {
  /** Absolute points: heavier parts come first. */
  readonly weight: number;
  readonly piece: string;
}

/**
 * The three heaviest of `parts[0..count)` (ties keep the earlier part; zero weights say nothing and
 * are left out), then decay. Runs once per scored row, so it keeps the top three in variables, not a sort.
 */
export function formatReasons(parts: readonly ReasonPart[], count: number, decay: number): string {
  let first: ReasonPart | null = null;
  let second: ReasonPart | null = null;
  let third: ReasonPart | null = null;
  for (let i = 0; i < count; i++) {
    const part = parts[i] as ReasonPart;
    const weight = part.weight;
    if (weight === 0 || (third !== null && weight <= third.weight)) continue;
    if (first === null || weight > first.weight) {
      third = second;
      second = first;
      first = part;
    } else if (second === null || weight > second.weight) {
      third = second;
      second = part;
    } else {
      third = part;
    }
  }
  let text = first === null ? '' : first.piece;
  if (second !== null) text += REASON_SEPARATOR + second.piece;
  if (third !== null) text += REASON_SEPARATOR + third.piece;
  if (decay < 0) text += `${text ? REASON_SEPARATOR : ''}${formatPoints(decay)} inactivity`;
  return text;
}
