// SpreadsheetApp: the entry to the active spreadsheet, the Ui, rule builders and the enums the add-on uses.
import { ConditionalFormatRuleBuilder } from './conditional-format';
import { Access, type EmulatorContext } from './context';
import { BooleanCriteria, DeveloperMetadataLocationType, DeveloperMetadataVisibility } from './enums';
import type { SpreadsheetModel } from './model';
import type { Range } from './range';
import { Sheet } from './sheet';
import { Spreadsheet } from './spreadsheet';
import { Ui } from './ui';

const R = Access.READ;

export class SpreadsheetApp {
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;
  readonly BooleanCriteria = BooleanCriteria;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly active: SpreadsheetModel,
    private readonly addonName: string,
  ) {}

  /** null when the emulator models an execution with no active document (see fireTrigger options). */
  getActiveSpreadsheet(): Spreadsheet | null {
    this.ctx.call('SpreadsheetApp.getActiveSpreadsheet', R);
    return this.ctx.activeSpreadsheetAvailable ? new Spreadsheet(this.ctx, this.active) : null;
  }

  getActive(): Spreadsheet | null {
    this.ctx.call('SpreadsheetApp.getActive', R);
    return this.ctx.activeSpreadsheetAvailable ? new Spreadsheet(this.ctx, this.active) : null;
  }

  getActiveSheet(): Sheet | null {
    this.ctx.call('SpreadsheetApp.getActiveSheet', R);
    if (!this.ctx.activeSpreadsheetAvailable) return null;
    return new Spreadsheet(this.ctx, this.active).getActiveSheet();
  }

  getActiveRange(): Range | null {
    this.ctx.call('SpreadsheetApp.getActiveRange', R);
    const sheet = this.getActiveSheetUncounted();
    return sheet === null ? null : sheet.rangeAt(1, 1, 1, 1);
  }

  /** openById works only for the emulated spreadsheet's id; it needs the broad spreadsheets scope (FULL here). */
  openById(id: string): Spreadsheet {
    this.ctx.call('SpreadsheetApp.openById', Access.TRIGGER);
    if (id !== this.active.id)
      throw this.ctx.error(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    return new Spreadsheet(this.ctx, this.active);
  }

  getUi(): Ui {
    this.ctx.call('SpreadsheetApp.getUi', Access.MENU);
    if (!this.ctx.uiAvailable) throw this.ctx.error('Cannot call SpreadsheetApp.getUi() from this context.');
    return new Ui(this.ctx, this.addonName);
  }

  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    this.ctx.call('SpreadsheetApp.newConditionalFormatRule', R);
    return new ConditionalFormatRuleBuilder(this.ctx);
  }

  /** Writes are applied immediately in the emulator, so flush only counts. */
  flush(): void {
    this.ctx.call('SpreadsheetApp.flush', R);
  }

  private getActiveSheetUncounted(): Sheet | null {
    if (!this.ctx.activeSpreadsheetAvailable) return null;
    const model = this.active.activeSheet ?? this.active.sheets[0];
    if (model === undefined) return null;
    return new Sheet(this.ctx, model);
  }
}
