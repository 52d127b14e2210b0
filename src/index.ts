// The names Apps Script can see, and nothing else: each export becomes a top-level function in dist/Code.js.

// Custom functions (upper case; metadata in src/functions/catalog.ts).
export { LEADSCORE } from './functions/lead-score';

// Add-on lifecycle and menu.
export { onInstall, onOpen } from './gas/menu';
