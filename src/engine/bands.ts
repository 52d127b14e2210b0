// Placing a score on the model's scales: band by score, letter grade by fit, quadrant by fit x intent.
import type { Band, Grade, QuadrantSettings } from './model';

/** The last band whose minimum the score reaches; scores below the first band's min get the first band. */
export function bandIndexFor(bands: readonly Band[], score: number): number {
  let index = 0;
  for (let i = 1; i < bands.length; i++) {
    const band = bands[i];
    if (band && score >= band.min) index = i;
  }
  return index;
}

/** Grades are ordered by descending `minFit`; a fit below every grade gets no grade (''). */
export function gradeFor(grades: readonly Grade[] | undefined, fit: number): string {
  if (!grades) return '';
  for (const grade of grades) if (fit >= grade.minFit) return grade.grade;
  return '';
}

export function quadrantFor(settings: QuadrantSettings | undefined, fit: number, intent: number): string {
  if (!settings) return '';
  const highFit = fit >= settings.fitThreshold;
  const highIntent = intent >= settings.intentThreshold;
  const { labels } = settings;
  if (highFit) return highIntent ? labels.highFitHighIntent : labels.highFitLowIntent;
  return highIntent ? labels.lowFitHighIntent : labels.lowFitLowIntent;
}
