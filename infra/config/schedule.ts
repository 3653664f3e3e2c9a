// Secrets Manager rotation schedules: whether an expression is one Secrets Manager accepts, and
// how long a rotation window it leaves.
//
// Rules (Secrets Manager's own): rate(N hours) or rate(N days) between 4 hours and 999 days;
// cron(Minutes Hours Day-of-month Month Day-of-week Year) with minutes 0, year *, exactly one
// of day-of-month and day-of-week `?`, and no more often than every 4 hours. All times UTC.

const MIN_HOURS = 4;
const MAX_DAYS = 999;

export const SCHEDULE_ALLOWED =
  'rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)"';

/**
 * What is allowed, for a refused expression: the fault first when it is one of the common ones
 * (field count, minutes, year, the two day fields, too short an interval), then the whole rule.
 * Undefined for an expression Secrets Manager accepts.
 */
export function scheduleAllowed(expression: string): string | undefined {
  if (checkScheduleExpression(expression)) {
    return undefined;
  }
  const fault = rateFault(expression) ?? cronFault(expression);
  return fault === undefined ? SCHEDULE_ALLOWED : `${fault}. Secrets Manager accepts ${SCHEDULE_ALLOWED}`;
}

function rateFault(expression: string): string | undefined {
  const rate = /^rate\((\d+) (hour|day)s?\)$/.exec(expression);
  if (!rate) {
    return undefined;
  }
  const [n, unit] = [Number(rate[1]), rate[2]];
  const hours = unit === "hour" ? n : n * 24;
  if (hours < MIN_HOURS) {
    return `a rate of at least ${MIN_HOURS} hours, not ${n} ${unit}${n === 1 ? "" : "s"}`;
  }
  if (hours > MAX_DAYS * 24) {
    return `a rate of at most ${MAX_DAYS} days, not ${n} ${unit}s`;
  }
  return `rate(${n} ${unit}${n === 1 ? "" : "s"}), with the unit in the ${n === 1 ? "singular" : "plural"}`;
}

function cronFault(expression: string): string | undefined {
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) {
    return undefined;
  }
  const fields = cron[1].split(" ");
  if (fields.length !== 6) {
    return `6 cron fields (minutes, hours, day-of-month, month, day-of-week, year), not ${fields.length}`;
  }
  const [minutes, hours, dom, dow, year] = [fields[0], fields[1], fields[2], fields[4], fields[5]];
  if (minutes !== "0") {
    return `minutes 0, not ${minutes}: rotations start on the hour`;
  }
  if (year !== "*") {
    return `year *, not ${year}`;
  }
  if (dom === "?" && dow === "?") {
    return `days in one of day-of-month and day-of-week, not "?" in both`;
  }
  if (dom !== "?" && dow !== "?") {
    const both = dom === "*" && dow === "*" ? "* in both" : `${dom} and ${dow}`;
    return `"?" in one of day-of-month and day-of-week, since only one may choose the days, not ${both}`;
  }
  return hoursFault(hours);
}

/** Hours that start rotations less than 4 hours apart: every hour, every 2 hours, 1,3, … */
function hoursFault(field: string): string | undefined {
  if (field === "*") {
    return `at least ${MIN_HOURS} hours between rotations, not every hour (hours *)`;
  }
  const step = /^(\*|\d{1,2})\/(\d{1,2})$/.exec(field);
  if (step && Number(step[2]) < MIN_HOURS) {
    return `at least ${MIN_HOURS} hours between rotations, not every ${step[2]} hours (hours ${field})`;
  }
  if (!step && /^[\d,-]+$/.test(field) && checkList(field, 0, 23, [], false) && !checkHours(field)) {
    return `at least ${MIN_HOURS} hours between rotations, not hours ${expandList(field).join(", ")}`;
  }
  return undefined;
}

export function checkScheduleExpression(expression: string): boolean {
  const rate = /^rate\((\d+) (hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    return checkRate(Number(rate[1]), rate[2]);
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    return checkCron(cron[1].split(" "));
  }
  return false;
}

/**
 * The longest rotation window (`rotation.duration`, in hours) the schedule allows: a window may
 * not run into the next UTC day or into the next scheduled start. Call with a valid expression.
 */
export function maxRotationWindowHours(expression: string): number {
  const rate = /^rate\((\d+) (hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    // A rate() window starts at midnight UTC.
    return rate[2].startsWith("hour") ? Math.min(Number(rate[1]), 24) : 24;
  }
  const hours = startHours(expression.slice("cron(".length, -1).split(" ")[1]);
  return Math.min(...hours.map((h, i) => Math.min(24 - h, i + 1 < hours.length ? hours[i + 1] - h : 24)));
}

/** The hours of the day a cron hours field starts rotations at, ascending. */
function startHours(field: string): number[] {
  const step = /^(\*|\d{1,2})\/(\d{1,2})$/.exec(field);
  if (step) {
    const out: number[] = [];
    for (let h = step[1] === "*" ? 0 : Number(step[1]); h <= 23; h += Number(step[2])) {
      out.push(h);
    }
    return out;
  }
  return expandList(field);
}

function checkRate(n: number, unit: string): boolean {
  const singular = unit === "hour" || unit === "day";
  if (singular !== (n === 1)) {
    return false; // AWS wants "1 day" and "2 days"
  }
  const hours = unit.startsWith("hour") ? n : n * 24;
  return hours >= MIN_HOURS && hours <= MAX_DAYS * 24;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function checkCron(fields: string[]): boolean {
  if (fields.length !== 6) {
    return false;
  }
  const [minutes, hours, dom, month, dow, year] = fields;
  if (minutes !== "0" || year !== "*") {
    return false;
  }
  if ((dom === "?") === (dow === "?")) {
    return false;
  }
  return (
    checkHours(hours) &&
    (dom === "?" || checkDayOfMonth(dom)) &&
    checkList(month, 1, 12, MONTHS) &&
    (dow === "?" || checkDayOfWeek(dow))
  );
}

/** Hours: a number, a list or a range of 0–23, or a step of at least 4 (e.g. 0/6). */
function checkHours(field: string): boolean {
  const step = /^(\*|\d{1,2})\/(\d{1,2})$/.exec(field);
  if (step) {
    const start = step[1] === "*" ? 0 : Number(step[1]);
    return start <= 23 && Number(step[2]) >= MIN_HOURS && Number(step[2]) <= 23;
  }
  if (!checkList(field, 0, 23, [], false)) {
    return false;
  }
  const hours = expandList(field);
  // Several hours a day must stay 4 hours apart, across midnight too.
  for (let i = 0; i < hours.length; i++) {
    const next = i + 1 < hours.length ? hours[i + 1] : hours[0] + 24;
    if (hours.length > 1 && next - hours[i] < MIN_HOURS) {
      return false;
    }
  }
  return true;
}

function expandList(field: string): number[] {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [a, b] = part.split("-").map(Number);
    for (let h = a; h <= (b ?? a); h++) {
      out.add(h);
    }
  }
  return [...out].sort((x, y) => x - y);
}

function checkDayOfMonth(field: string): boolean {
  return field === "L" || /^([1-9]|[12]\d|3[01])W$/.test(field) || checkList(field, 1, 31, []);
}

function checkDayOfWeek(field: string): boolean {
  const nth = /^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)#([1-5])$/.exec(field);
  if (nth) {
    return true;
  }
  if (/^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)?L$/.test(field)) {
    return true;
  }
  return checkList(field, 1, 7, DAYS);
}

/** `*`, or a comma list of values and ranges within [min, max], numbers or names. */
function checkList(field: string, min: number, max: number, names: string[], star = true): boolean {
  if (field === "*") {
    return star;
  }
  const value = (token: string): number | undefined => {
    if (/^\d{1,2}$/.test(token)) {
      const n = Number(token);
      return n >= min && n <= max ? n : undefined;
    }
    const i = names.indexOf(token);
    return i >= 0 ? i + min : undefined;
  };
  return field.split(",").every((part) => {
    const range = part.split("-");
    if (range.length > 2) {
      return false;
    }
    const values = range.map(value);
    if (values.some((v) => v === undefined)) {
      return false;
    }
    return values.length === 1 || (values[0] as number) <= (values[1] as number);
  });
}
