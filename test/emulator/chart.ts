// Embedded charts: the builder the add-on uses (newChart → asColumnChart → addRange/setPosition/setOption → build).
import { Access, type EmulatorContext } from './context';
import type { Range } from './range';

const R = Access.READ;
const W = Access.WRITE;

export interface ChartModel {
  id: number;
  type: string;
  /** A1 notations (with sheet names) of the data ranges. */
  ranges: string[];
  options: Record<string, unknown>;
  position: { row: number; column: number };
}

let nextChartId = 1;

export class EmbeddedChart {
  constructor(
    private readonly ctx: EmulatorContext,
    readonly model: ChartModel,
  ) {}

  getChartId(): number {
    this.ctx.call('EmbeddedChart.getChartId', R);
    return this.model.id;
  }

  getType(): string {
    this.ctx.call('EmbeddedChart.getType', R);
    return this.model.type;
  }

  getRanges(): string[] {
    this.ctx.call('EmbeddedChart.getRanges', R);
    return [...this.model.ranges];
  }

  getOptions(): { get(option: string): unknown } {
    this.ctx.call('EmbeddedChart.getOptions', R);
    const options = { ...this.model.options };
    return { get: (option: string) => options[option] ?? null };
  }
}

/** One builder for every chart type; as*Chart() only sets the type, as in Apps Script's typed builders. */
export class EmbeddedChartBuilder {
  private readonly model: ChartModel = {
    id: 0,
    type: 'COLUMN',
    ranges: [],
    options: {},
    position: { row: 1, column: 1 },
  };

  constructor(private readonly ctx: EmulatorContext) {}

  private typed(type: string): EmbeddedChartBuilder {
    this.ctx.call(`EmbeddedChartBuilder.as${type[0]}${type.slice(1).toLowerCase()}Chart`, W);
    this.model.type = type;
    return this;
  }

  asColumnChart(): EmbeddedChartBuilder {
    return this.typed('COLUMN');
  }

  asBarChart(): EmbeddedChartBuilder {
    return this.typed('BAR');
  }

  asLineChart(): EmbeddedChartBuilder {
    return this.typed('LINE');
  }

  addRange(range: Range): EmbeddedChartBuilder {
    this.ctx.call('EmbeddedChartBuilder.addRange', W);
    this.model.ranges.push(`${range.getSheet().getName()}!${range.getA1Notation()}`);
    return this;
  }

  setPosition(
    anchorRow: number,
    anchorColumn: number,
    _offsetX: number,
    _offsetY: number,
  ): EmbeddedChartBuilder {
    this.ctx.call('EmbeddedChartBuilder.setPosition', W);
    this.model.position = { row: anchorRow, column: anchorColumn };
    return this;
  }

  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.ctx.call('EmbeddedChartBuilder.setOption', W);
    this.model.options[option] = value;
    return this;
  }

  build(): EmbeddedChart {
    this.ctx.call('EmbeddedChartBuilder.build', W);
    if (this.model.ranges.length === 0)
      throw this.ctx.error('A chart needs at least one data range (addRange).');
    return new EmbeddedChart(this.ctx, {
      ...this.model,
      id: nextChartId++,
      ranges: [...this.model.ranges],
      options: { ...this.model.options },
    });
  }
}
