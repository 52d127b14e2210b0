// Row colours by band: conditional-format rules the add-on owns, found again by a marker in their formula.
// Rules follow the Band cell's value, so colours stay right when users sort or filter.
import { columnLetter } from '../engine/columns';
import type { BandStyle, ScoringModel } from '../engine/model';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** A no-op term that marks our rules (format rules have no id or metadata of their own). */
export const RULE_MARKER = 'N("leadscore-band")=0';

export function isOwnRule(rule: Rule): boolean {
  const values = rule.getBooleanCondition()?.getCriteriaValues() ?? [];
  return values.some((value) => typeof value === 'string' && value.includes(RULE_MARKER));
}

/** Every style a lead can end up in: score bands, then the disqualified and needs-review bands. */
export function bandStyles(model: ScoringModel): BandStyle[] {
  const styles: BandStyle[] = [...model.bands, model.disqualifiedBand];
  if (model.missingData) styles.push(model.missingData.band);
  return styles;
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Replaces the add-on's rules with one rule per band over the whole data rows below the header, keeping
 * the user's own rules unchanged and first (they win where both set a colour). One read, one write.
 */
export function applyBandColours(
  sheet: Sheet,
  model: ScoringModel,
  bandColumn: number,
  headerRow: number,
): void {
  const kept = sheet.getConditionalFormatRules().filter((rule) => !isOwnRule(rule));
  const firstRow = headerRow + 1;
  const rows = Math.max(1, sheet.getMaxRows() - headerRow);
  const range = sheet.getRange(firstRow, 1, rows, sheet.getMaxColumns());
  const cell = `$${columnLetter(bandColumn - 1)}${firstRow}`;
  const ours = bandStyles(model).map((style) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(${cell}=${quoted(style.name)},${RULE_MARKER})`)
      .setBackground(style.colour)
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules([...kept, ...ours]);
}
