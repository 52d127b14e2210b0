// Promise-based, typed client for google.script.run, keyed by the server API's function names and types.
import type { SidebarApi, SidebarFunction } from '../shared/sidebar-rpc';

/** The slice of google.script.run the sidebar uses (the client-side types package is not a dependency). */
interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
}

interface GoogleClient {
  script?: { run?: ScriptRunner };
}

function runner(): ScriptRunner | undefined {
  const google: GoogleClient | undefined = Reflect.get(globalThis, 'google');
  return google?.script?.run;
}

/** Apps Script failures arrive as Error-like objects; the message is what the user should read. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message: unknown = Reflect.get(error, 'message');
    if (typeof message === 'string' && message.trim() !== '') return message.replace(/^Exception: /, '');
  }
  return 'The server did not answer. Try again, or reload the sidebar.';
}

/** Calls one sidebar API function on the server. Rejects with an Error whose message is readable. */
export function call<K extends SidebarFunction>(
  name: K,
  ...args: Parameters<SidebarApi[K]>
): Promise<ReturnType<SidebarApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = runner();
    if (!run) {
      reject(new Error('The sidebar must run inside Google Sheets (google.script.run is missing).'));
      return;
    }
    const chained = run
      // The server's return value is trusted to match SidebarApi: both sides compile from one contract.
      .withSuccessHandler((value) => resolve(value as ReturnType<SidebarApi[K]>))
      .withFailureHandler((error) => reject(new Error(errorMessage(error))));
    const fn: unknown = Reflect.get(chained, name);
    if (typeof fn !== 'function') {
      reject(new Error(`The server has no function ${name}; reload the sidebar after an update.`));
      return;
    }
    fn.apply(chained, args);
  });
}
