// Utilities.formatDate's SimpleDateFormat patterns, computed in a given IANA time zone with Intl.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'long',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: string;
  /** Minutes east of UTC. */
  offset: number;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function zonedFields(ms: number, timeZone: string): Fields {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  const fields = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: parts.weekday ?? '',
  };
  const asUtc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
  const offset = Math.round((asUtc - (ms - fields.millisecond)) / 60_000);
  return { ...fields, offset };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function token(letter: string, width: number, f: Fields): string {
  switch (letter) {
    case 'y':
      return width === 2 ? pad(f.year % 100, 2) : pad(f.year, width);
    case 'M':
      if (width >= 4) return MONTHS[f.month - 1] ?? '';
      if (width === 3) return (MONTHS[f.month - 1] ?? '').slice(0, 3);
      return pad(f.month, width);
    case 'd':
      return pad(f.day, width);
    case 'H':
      return pad(f.hour, width);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, width);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, width);
    case 'K':
      return pad(f.hour % 12, width);
    case 'm':
      return pad(f.minute, width);
    case 's':
      return pad(f.second, width);
    case 'S':
      return pad(f.millisecond, 3).slice(0, Math.max(width, 3));
    case 'E':
      return width >= 4 ? f.weekday : f.weekday.slice(0, 3);
    case 'u':
      return String(
        ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].indexOf(f.weekday) + 1,
      );
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'Z':
      return offsetText(f.offset, false);
    case 'X':
      if (f.offset === 0) return 'Z';
      return width === 1 ? offsetText(f.offset, false).slice(0, 3) : offsetText(f.offset, width >= 3);
    case 'z':
      return f.offset === 0 ? 'UTC' : `GMT${offsetText(f.offset, true)}`;
    default:
      return letter.repeat(width);
  }
}

/** Formats like java.text.SimpleDateFormat (what Utilities.formatDate uses) for the common letters. */
export function formatDate(ms: number, timeZone: string, pattern: string): string {
  const f = zonedFields(ms, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      // '' is a literal apostrophe; 'text' is quoted text.
      if (pattern.charAt(i + 1) === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const close = pattern.indexOf("'", i + 1);
      const end = close < 0 ? pattern.length : close;
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let width = 1;
      while (pattern.charAt(i + width) === ch) width++;
      out += token(ch, width, f);
      i += width;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
