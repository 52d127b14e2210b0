// The Schedule section: whether the refresh trigger runs, and how often.

import type { App } from './app';
import { button, field, h, section, select } from './dom';
import { call } from './rpc';

/** Apps Script's everyHours accepts only these; add-ons may not run more often than hourly. */
// The add-on's offered intervals (src/gas/triggers.ts SCHEDULE_INTERVALS): hourly is the add-on minimum.
const INTERVALS = [1, 2, 4, 6, 12, 24];

export function scheduleSection(app: App): HTMLElement {
  const { schedule } = app.state;
  let every = schedule.installed ? (schedule.everyHours ?? 1) : 0;
  const picker = select(
    [
      { value: '0', text: 'Off' },
      ...INTERVALS.map((hours) => ({
        value: String(hours),
        text: hours === 1 ? 'Every hour' : `Every ${hours} hours`,
      })),
    ],
    String(every),
    (value) => {
      every = Number(value);
    },
    'schedule:every',
  );
  const status = h('p', {
    className: 'hint',
    text: schedule.summary,
    attrs: { 'data-testid': 'schedule-status' },
  });
  const save = button(
    'Save schedule',
    () => {
      void app.run('Saving the schedule…', async () => {
        const next = await call('sidebarSetSchedule', { everyHours: every });
        app.replaceState({ ...app.state, schedule: next });
        app.notify(next.summary);
      });
    },
    { key: 'schedule:save' },
  );
  return section(
    'schedule',
    'Schedule',
    app.openKeys,
    status,
    field('Refresh', picker),
    h('div', { className: 'actions' }, save),
  );
}
