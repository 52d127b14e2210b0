// The real dist/Code.js loaded with gas-local into the Apps Script emulator: what google.script.run reaches in the browser tests.
import { createEmulator, type Emulator } from '../emulator';
import { loadBundle } from '../support/bundle';
import type { ServerCall } from './harness';

export interface EmulatedServer {
  emulator: Emulator;
  /** Calls a top-level bundle function as a new FULL-mode execution, like google.script.run does. */
  call: ServerCall;
}

export function emulatedServer(sheets: Record<string, unknown[][]>): EmulatedServer {
  const emulator = createEmulator({ sheets, startTime: Date.parse('2026-11-24T09:00:00Z') });
  loadBundle(emulator);
  return {
    emulator,
    call: (name, args) => {
      // google.script.run can only reach top-level functions; private names (trailing _) are invisible.
      if (name.endsWith('_')) throw new Error(`Script function not found: ${name}`);
      return emulator.invoke(name, args);
    },
  };
}
