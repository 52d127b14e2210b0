// Logger: records each message in the emulator instead of printing, so tests stay quiet and can assert on logs.
import { format } from 'node:util';
import { Access, type EmulatorContext } from './context';

export class Logger {
  constructor(private readonly ctx: EmulatorContext) {}

  /** log(data) or log(format, ...values) with %s-style placeholders. */
  log(data: unknown, ...values: unknown[]): Logger {
    this.ctx.call('Logger.log', Access.FREE);
    const text =
      values.length > 0
        ? format(String(data), ...values)
        : typeof data === 'string'
          ? data
          : format('%o', data);
    this.ctx.recorder.logs.push(text);
    return this;
  }

  getLog(): string {
    this.ctx.call('Logger.getLog', Access.FREE);
    return this.ctx.recorder.logs.join('\n');
  }

  clear(): void {
    this.ctx.call('Logger.clear', Access.FREE);
    this.ctx.recorder.logs.length = 0;
  }
}
