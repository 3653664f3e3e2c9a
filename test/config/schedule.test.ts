import { expect } from "chai";
import { checkScheduleExpression, maxRotationWindowHours, scheduleAllowed } from "../../infra/config/schedule";

// Secrets Manager's rules: rate between 4 hours and 999 days with AWS's singular/plural units;
// cron with minutes 0, year *, exactly one "?" among day-of-month and day-of-week, and at least
// 4 hours between rotations.
const VALID = [
  "rate(4 hours)",
  "rate(23976 hours)",
  "rate(1 day)",
  "rate(2 days)",
  "rate(999 days)",
  "cron(0 16 ? * SUN *)",
  "cron(0 0 1 * ? *)",
  "cron(0 0/4 * * ? *)",
  "cron(0 */6 ? * MON-FRI *)",
  "cron(0 1,5,9 * * ? *)",
  "cron(0 12 ? * MON,WED,FRI *)",
  "cron(0 0 L * ? *)",
  "cron(0 0 15W * ? *)",
  "cron(0 0 ? * 2#1 *)",
  "cron(0 0 ? * 6L *)",
  "cron(0 0 1 JAN,JUL ? *)",
  "cron(0 0 1 1-6 ? *)",
];

const INVALID: readonly (readonly [string, string])[] = [
  ["rate(3 hours)", "more often than every 4 hours"],
  ["rate(23977 hours)", "longer than 999 days"],
  ["rate(1000 days)", "longer than 999 days"],
  ["rate(0 days)", "zero"],
  ["rate(1 hours)", "plural with 1"],
  ["rate(1 days)", "plural with 1"],
  ["rate(2 day)", "singular with 2"],
  ["rate(5 minutes)", "minutes"],
  ["rate(2 weeks)", "weeks"],
  ["rate(30days)", "no space"],
  ["rate(-1 days)", "negative"],
  ["cron(15 16 ? * SUN *)", "minutes other than 0"],
  ["cron(0 16 ? * SUN 2030)", "a year"],
  ["cron(0 16 ? * SUN)", "five fields"],
  ["cron(0  16 ? * SUN *)", "two spaces"],
  ["cron(0 16 * * SUN *)", "both days set"],
  ["cron(0 16 ? * ? *)", "neither day set"],
  ["cron(0 0/2 * * ? *)", "every 2 hours"],
  ["cron(0 0/3 * * ? *)", "every 3 hours"],
  ["cron(0 * * * ? *)", "every hour"],
  ["cron(0 1,3 * * ? *)", "2 hours apart"],
  ["cron(0 22,1 * * ? *)", "3 hours apart across midnight"],
  ["cron(0 1-3,20 * * ? *)", "a range of hours"],
  ["cron(0 24 * * ? *)", "hour 24"],
  ["cron(0 16 0 * ? *)", "day 0"],
  ["cron(0 16 32 * ? *)", "day 32"],
  ["cron(0 16 1 13 ? *)", "month 13"],
  ["cron(0 16 ? * 0 *)", "weekday 0"],
  ["cron(0 16 ? * 8 *)", "weekday 8"],
  ["cron(0 16 ? * MON-SUN *)", "a backward range"],
  ["cron(0 16 ? * sun *)", "a lower-case day"],
  ["cron(0 16 ? * SUN#6 *)", "a sixth Sunday"],
  ["cron(0 0/4/2 * * ? *)", "two steps"],
  ["CRON(0 16 ? * SUN *)", "upper-case cron"],
  ["cron(0 16 ? * SUN *) ", "a trailing space"],
  ["every sunday", "words"],
  ["", "nothing"],
];

describe("schedule expressions", () => {
  for (const expression of VALID) {
    it(`accepts ${expression}`, () => {
      expect(checkScheduleExpression(expression)).to.equal(true);
    });
  }
  for (const [expression, why] of INVALID) {
    it(`refuses ${JSON.stringify(expression)}: ${why}`, () => {
      expect(checkScheduleExpression(expression)).to.equal(false);
    });
  }
});

describe("the longest rotation window a schedule allows", () => {
  const cases: [string, number][] = [
    ["rate(4 hours)", 4],
    ["rate(30 hours)", 24],
    ["rate(1 day)", 24],
    ["rate(30 days)", 24],
    ["cron(0 16 ? * SUN *)", 8],
    ["cron(0 0 1 * ? *)", 24],
    ["cron(0 0/6 * * ? *)", 6],
    ["cron(0 2,14 * * ? *)", 10],
    ["cron(0 1/8 ? * MON *)", 7],
  ];
  for (const [expression, hours] of cases) {
    it(`${expression} → ${hours}h`, () => {
      expect(maxRotationWindowHours(expression)).to.equal(hours);
    });
  }
});

describe("what a refused schedule is told: the fault first, then the whole rule", () => {
  const RULE =
    'Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)"';
  const cases: [string, string][] = [
    ["cron(0 16 ? * SUN)", "6 cron fields (minutes, hours, day-of-month, month, day-of-week, year), not 5"],
    ["cron(0 16 ? * SUN * *)", "6 cron fields (minutes, hours, day-of-month, month, day-of-week, year), not 7"],
    ["cron(15 16 ? * SUN *)", "minutes 0, not 15: rotations start on the hour"],
    ["cron(*/30 16 ? * SUN *)", "minutes 0, not */30: rotations start on the hour"],
    ["rate(3 hours)", "a rate of at least 4 hours, not 3 hours"],
    ["rate(1 hour)", "a rate of at least 4 hours, not 1 hour"],
    ["rate(1000 days)", "a rate of at most 999 days, not 1000 days"],
    ["rate(1 days)", "rate(1 day), with the unit in the singular"],
    ["rate(2 day)", "rate(2 days), with the unit in the plural"],
    ["cron(0 * ? * MON *)", "at least 4 hours between rotations, not every hour (hours *)"],
    ["cron(0 0/2 * * ? *)", "at least 4 hours between rotations, not every 2 hours (hours 0/2)"],
    ["cron(0 1,3 * * ? *)", "at least 4 hours between rotations, not hours 1, 3"],
    [
      "cron(0 16 * * * *)",
      '"?" in one of day-of-month and day-of-week, since only one may choose the days, not * in both',
    ],
    [
      "cron(0 16 1 * SUN *)",
      '"?" in one of day-of-month and day-of-week, since only one may choose the days, not 1 and SUN',
    ],
    ["cron(0 16 ? * ? *)", 'days in one of day-of-month and day-of-week, not "?" in both'],
    ["cron(0 16 ? * SUN 2030)", "year *, not 2030"],
  ];
  for (const [expression, fault] of cases) {
    it(`GIVEN ${expression} THEN: ${fault}`, () => {
      expect(scheduleAllowed(expression)).to.equal(`${fault}. ${RULE}`);
    });
  }

  it("GIVEN a schedule without a common fault THEN the whole rule alone", () => {
    for (const expression of ["every sunday", "cron(0 25 * * ? *)", "rate(5 minutes)"]) {
      expect(scheduleAllowed(expression), expression).to.equal(RULE.slice("Secrets Manager accepts ".length));
    }
  });

  it("GIVEN a valid schedule THEN nothing", () => {
    for (const expression of VALID) {
      expect(scheduleAllowed(expression), expression).to.equal(undefined);
    }
  });
});
