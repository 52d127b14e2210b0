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
  /** REASON_SEPARATOR + piece, made once: the reason text is built for every row. */
  readonly laterPiece: string;
}

/**
 * Picks the three heaviest parts offered for one row (ties keep the earlier part; zero weights say nothing
 * and are left out) and writes them, then decay. One picker serves every row of a scorer: it runs once
 * per scored row, so the top three live in fields rather than in a sorted list.
 */
export class ReasonPicker {
  private first: ReasonPart | null = null;
  private second: ReasonPart | null = null;
  private third: ReasonPart | null = null;

  reset(): void {
    this.first = null;
    this.second = null;
    this.third = null;
  }

  offer(part: ReasonPart): void {
    const weight = part.weight;
    if (weight === 0) return;
    const { first, second, third } = this;
    if (third !== null && weight <= third.weight) return;
    if (first === null || weight > first.weight) {
      this.third = second;
      this.second = first;
      this.first = part;
    } else if (second === null || weight > second.weight) {
      this.third = second;
      this.second = part;
    } else {
      this.third = part;
    }
  }

  /** "+25 Demo requested · +15 VP title · -10 inactivity"; decay (<= 0) is named last when it took points. */
  text(decay: number): string {
    const { first, second, third } = this;
    let text = first === null ? '' : first.piece;
    if (second !== null) text += second.laterPiece;
    if (third !== null) text += third.laterPiece;
    if (decay < 0) text += `${text ? REASON_SEPARATOR : ''}${formatPoints(decay)} inactivity`;
    return text;
  }
}
