// The names Apps Script can see, and nothing else: each export becomes a top-level function in dist/Code.js.

// Add-on lifecycle and menu.
export { onInstall, onOpen } from './gas/menu';
