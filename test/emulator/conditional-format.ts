// Conditional-format rules: the builder, the built rule and its boolean condition (formula text is kept, never evaluated).
import { Access, type EmulatorContext } from './context';
import { BooleanCriteria } from './enums';
import type { Area, RuleFormat, RuleModel, SheetModel } from './model';
import { Range } from './range';

const FREE = Access.FREE;

export function areaOf(range: unknown): Area {
  if (!(range instanceof Range)) throw new TypeError('setRanges expects Range objects from this emulator');
  const a = range as unknown as {
    model: SheetModel;
    row: number;
    column: number;
    numRows: number;
    numColumns: number;
  };
  return {
    sheet: a.model,
    rows: { start: a.row, count: a.numRows },
    columns: { start: a.column, count: a.numColumns },
  };
}

function rangesOf(ctx: EmulatorContext, areas: readonly Area[]): Range[] {
  return areas.map(
    (area) =>
      new Range(ctx, area.sheet, area.rows.start, area.columns.start, area.rows.count, area.columns.count),
  );
}

export function cloneRule(rule: RuleModel): RuleModel {
  return {
    criteria: rule.criteria,
    criteriaValues: [...rule.criteriaValues],
    format: { ...rule.format },
    ranges: rule.ranges.map((area) => ({ ...area, rows: { ...area.rows }, columns: { ...area.columns } })),
  };
}

export class BooleanCondition {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly rule: RuleModel,
  ) {}

  getCriteriaType(): unknown {
    this.ctx.call('BooleanCondition.getCriteriaType', FREE);
    return BooleanCriteria[this.rule.criteria as keyof typeof BooleanCriteria];
  }

  getCriteriaValues(): unknown[] {
    this.ctx.call('BooleanCondition.getCriteriaValues', FREE);
    return [...this.rule.criteriaValues];
  }

  getBackground(): string | null {
    this.ctx.call('BooleanCondition.getBackground', FREE);
    return this.rule.format.background ?? null;
  }

  getFontColor(): string | null {
    this.ctx.call('BooleanCondition.getFontColor', FREE);
    return this.rule.format.fontColor ?? null;
  }

  getBold(): boolean | null {
    this.ctx.call('BooleanCondition.getBold', FREE);
    return this.rule.format.bold ?? null;
  }

  getItalic(): boolean | null {
    this.ctx.call('BooleanCondition.getItalic', FREE);
    return this.rule.format.italic ?? null;
  }
}

export class ConditionalFormatRule {
  constructor(
    private readonly ctx: EmulatorContext,
    readonly model: RuleModel,
  ) {}

  getBooleanCondition(): BooleanCondition {
    this.ctx.call('ConditionalFormatRule.getBooleanCondition', FREE);
    return new BooleanCondition(this.ctx, this.model);
  }

  /** Only boolean rules are emulated. */
  getGradientCondition(): null {
    this.ctx.call('ConditionalFormatRule.getGradientCondition', FREE);
    return null;
  }

  getRanges(): Range[] {
    this.ctx.call('ConditionalFormatRule.getRanges', FREE);
    return rangesOf(this.ctx, this.model.ranges);
  }

  copy(): ConditionalFormatRuleBuilder {
    this.ctx.call('ConditionalFormatRule.copy', FREE);
    return new ConditionalFormatRuleBuilder(this.ctx, cloneRule(this.model));
  }
}

export class ConditionalFormatRuleBuilder {
  private readonly rule: RuleModel;

  constructor(
    private readonly ctx: EmulatorContext,
    rule?: RuleModel,
  ) {
    this.rule = rule ?? { criteria: '', criteriaValues: [], format: {}, ranges: [] };
  }

  private when(method: string, criteria: keyof typeof BooleanCriteria, values: unknown[]): this {
    this.ctx.call(`ConditionalFormatRuleBuilder.${method}`, FREE);
    this.rule.criteria = criteria;
    this.rule.criteriaValues = values;
    return this;
  }

  private style(method: string, format: RuleFormat): this {
    this.ctx.call(`ConditionalFormatRuleBuilder.${method}`, FREE);
    Object.assign(this.rule.format, format);
    return this;
  }

  whenFormulaSatisfied(formula: string): this {
    return this.when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [String(formula)]);
  }

  whenTextEqualTo(text: string): this {
    return this.when('whenTextEqualTo', 'TEXT_EQUAL_TO', [text]);
  }

  whenTextContains(text: string): this {
    return this.when('whenTextContains', 'TEXT_CONTAINS', [text]);
  }

  whenTextStartsWith(text: string): this {
    return this.when('whenTextStartsWith', 'TEXT_STARTS_WITH', [text]);
  }

  whenNumberGreaterThan(n: number): this {
    return this.when('whenNumberGreaterThan', 'NUMBER_GREATER_THAN', [n]);
  }

  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this.when('whenNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }

  whenNumberLessThan(n: number): this {
    return this.when('whenNumberLessThan', 'NUMBER_LESS_THAN', [n]);
  }

  whenNumberBetween(start: number, end: number): this {
    return this.when('whenNumberBetween', 'NUMBER_BETWEEN', [start, end]);
  }

  whenCellEmpty(): this {
    return this.when('whenCellEmpty', 'CELL_EMPTY', []);
  }

  whenCellNotEmpty(): this {
    return this.when('whenCellNotEmpty', 'CELL_NOT_EMPTY', []);
  }

  setBackground(color: string | null): this {
    return this.style('setBackground', { background: color });
  }

  setFontColor(color: string | null): this {
    return this.style('setFontColor', { fontColor: color });
  }

  setBold(bold: boolean | null): this {
    return this.style('setBold', { bold });
  }

  setItalic(italic: boolean | null): this {
    return this.style('setItalic', { italic });
  }

  setStrikethrough(strikethrough: boolean | null): this {
    return this.style('setStrikethrough', { strikethrough });
  }

  setUnderline(underline: boolean | null): this {
    return this.style('setUnderline', { underline });
  }

  setRanges(ranges: unknown[]): this {
    this.ctx.call('ConditionalFormatRuleBuilder.setRanges', FREE);
    if (!Array.isArray(ranges)) throw this.ctx.error('setRanges expects an array of ranges');
    this.rule.ranges = ranges.map(areaOf);
    return this;
  }

  getRanges(): Range[] {
    this.ctx.call('ConditionalFormatRuleBuilder.getRanges', FREE);
    return rangesOf(this.ctx, this.rule.ranges);
  }

  /** The built rule is a snapshot: later builder calls do not change it. */
  build(): ConditionalFormatRule {
    this.ctx.call('ConditionalFormatRuleBuilder.build', FREE);
    if (this.rule.criteria === '')
      throw this.ctx.error('Invalid argument: a conditional format rule needs a condition.');
    return new ConditionalFormatRule(this.ctx, cloneRule(this.rule));
  }
}
