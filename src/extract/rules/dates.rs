//! Calendar dates named in a message, for `eventStartDate` and `eventEndDate`, read relative
//! to the message's own date ("tomorrow", "next Friday", "on May 3rd" in the message's year).

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use time::{Date, Duration, Month, Weekday};

/// What a message says about when something happens, and where it says it, so that the
/// description can leave the date out (the dates carry it).
#[derive(Debug, PartialEq, Eq)]
pub struct When {
    pub start: Date,
    pub end: Option<Date>,
    pub span: Range<usize>,
}

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// The first date expression in `text`, read against `today`.
pub fn find(text: &str, today: Date) -> Option<When> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:on\s+)?(\d{4})-(\d{2})-(\d{2})(?:\s*(?:-|to|until|through|thru)\s*(\d{4})-(\d{2})-(\d{2}))?\b")
            .expect("iso pattern")
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b(?:(?:on|from|between)\s+)?{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?(?:\s*(?:-|to|until|through|thru|and)\s*(?:{MONTH}\s+)?(\d{{1,2}})(?:st|nd|rd|th)?)?\b"
        ))
        .expect("month-day pattern")
    });
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b(?:on\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+(\d{{4}}))?\b"
        ))
        .expect("day-month pattern")
    });
    static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:the day after tomorrow|tomorrow|today|tonight|yesterday|(this|next|on|this coming|coming)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|week|month)\b)(?:\s+(?:night|morning|afternoon|evening))?",
        )
        .expect("relative pattern")
    });

    let mut found: Vec<When> = Vec::new();
    if let Some(c) = ISO.captures(text) {
        found.extend(iso(&c));
    }
    if let Some(c) = MONTH_DAY.captures(text) {
        found.extend(month_day(&c, today));
    }
    if let Some(c) = DAY_MONTH.captures(text) {
        found.extend(day_month(&c, today));
    }
    if let Some(c) = RELATIVE.captures(text) {
        found.extend(relative(&c, today));
    }
    found.into_iter().min_by_key(|w| w.span.start)
}

fn span(c: &Captures) -> Range<usize> {
    c.get(0).map(|m| m.range()).unwrap_or(0..0)
}

fn num(c: &Captures, i: usize) -> Option<i32> {
    c.get(i)?.as_str().parse().ok()
}

fn date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

fn ordered(start: Date, end: Option<Date>) -> Option<Date> {
    end.filter(|e| *e >= start)
}

fn iso(c: &Captures) -> Option<When> {
    let start = date(num(c, 1)?, num(c, 2)? as u8, num(c, 3)? as u8)?;
    let end = match (num(c, 4), num(c, 5), num(c, 6)) {
        (Some(y), Some(m), Some(d)) => date(y, m as u8, d as u8),
        _ => None,
    };
    Some(When {
        start,
        end: ordered(start, end),
        span: span(c),
    })
}

fn month_number(name: &str) -> Option<u8> {
    let n = name.to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as u8 + 1)
}

fn month_day(c: &Captures, today: Date) -> Option<When> {
    let month = month_number(c.get(1)?.as_str())?;
    let year = num(c, 3).unwrap_or(today.year());
    let start = date(year, month, u8::try_from(num(c, 2)?).ok()?)?;
    let end_month = c
        .get(4)
        .and_then(|m| month_number(m.as_str()))
        .unwrap_or(month);
    let end = num(c, 5)
        .and_then(|d| u8::try_from(d).ok())
        .and_then(|d| date(year, end_month, d));
    Some(When {
        start,
        end: ordered(start, end),
        span: span(c),
    })
}

fn day_month(c: &Captures, today: Date) -> Option<When> {
    let month = month_number(c.get(2)?.as_str())?;
    let year = num(c, 3).unwrap_or(today.year());
    let start = date(year, month, u8::try_from(num(c, 1)?).ok()?)?;
    Some(When {
        start,
        end: None,
        span: span(c),
    })
}

fn plus(d: Date, days: i64) -> Option<Date> {
    d.checked_add(Duration::days(days))
}

/// The next `weekday` on or after `from`.
fn on_or_after(from: Date, weekday: Weekday) -> Option<Date> {
    let ahead = (i64::from(weekday.number_days_from_monday())
        - i64::from(from.weekday().number_days_from_monday()))
    .rem_euclid(7);
    plus(from, ahead)
}

/// Monday of the calendar week after `today`'s.
fn next_monday(today: Date) -> Option<Date> {
    plus(
        today,
        7 - i64::from(today.weekday().number_days_from_monday()),
    )
}

fn relative(c: &Captures, today: Date) -> Option<When> {
    let whole = c.get(0)?.as_str().to_lowercase();
    let (start, end) = if whole.starts_with("the day after tomorrow") {
        (plus(today, 2)?, None)
    } else if whole.starts_with("tomorrow") {
        (plus(today, 1)?, None)
    } else if whole.starts_with("today") || whole.starts_with("tonight") {
        (today, None)
    } else if whole.starts_with("yesterday") {
        (plus(today, -1)?, None)
    } else {
        let next = c.get(1)?.as_str().eq_ignore_ascii_case("next");
        let what = c.get(2)?.as_str().to_lowercase();
        match what.as_str() {
            "week" if next => {
                let monday = next_monday(today)?;
                (monday, Some(plus(monday, 6)?))
            }
            "month" if next => {
                let (y, m) = match today.month() {
                    Month::December => (today.year() + 1, Month::January),
                    m => (today.year(), m.next()),
                };
                let first = Date::from_calendar_date(y, m, 1).ok()?;
                let last = Date::from_calendar_date(y, m, time::util::days_in_month(m, y)).ok()?;
                (first, Some(last))
            }
            "week" | "month" => return None,
            "weekend" => {
                let from = if next { next_monday(today)? } else { today };
                let saturday = on_or_after(from, Weekday::Saturday)?;
                (saturday, Some(plus(saturday, 1)?))
            }
            day => {
                let weekday = weekday(day)?;
                let from = if next { next_monday(today)? } else { today };
                (on_or_after(from, weekday)?, None)
            }
        }
    };
    Some(When {
        start,
        end,
        span: span(c),
    })
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    // A Wednesday.
    const TODAY: Date = date!(2026 - 04 - 15);

    fn start_end(text: &str) -> Option<(String, Option<String>)> {
        find(text, TODAY).map(|w| (w.start.to_string(), w.end.map(|e| e.to_string())))
    }

    #[test]
    fn explicit_dates_use_the_message_year_unless_one_is_given() {
        assert_eq!(start_end("on May 3rd").unwrap().0, "2026-05-03");
        assert_eq!(start_end("the 3rd of May 2027").unwrap().0, "2027-05-03");
        assert_eq!(start_end("on 2026-06-01").unwrap().0, "2026-06-01");
        assert_eq!(
            start_end("from June 5 to June 9"),
            Some(("2026-06-05".into(), Some("2026-06-09".into())))
        );
        assert_eq!(start_end("on February 30"), None);
    }

    #[test]
    fn relative_dates_count_from_the_message_date() {
        assert_eq!(start_end("tomorrow").unwrap().0, "2026-04-16");
        assert_eq!(start_end("this Friday").unwrap().0, "2026-04-17");
        assert_eq!(start_end("next Friday").unwrap().0, "2026-04-24");
        assert_eq!(
            start_end("next week"),
            Some(("2026-04-20".into(), Some("2026-04-26".into())))
        );
        assert_eq!(
            start_end("this weekend"),
            Some(("2026-04-18".into(), Some("2026-04-19".into())))
        );
        assert_eq!(start_end("I love Fridays"), None);
    }
}
