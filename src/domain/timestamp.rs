//! The two wire formats of time in the spec: `timestamp` (RFC 3339 UTC, whole seconds, `Z`) and
//! the calendar dates of events (`YYYY-MM-DD`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

/// A moment in UTC with whole seconds, written `2026-04-10T14:30:00Z`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    pub fn now() -> Self {
        Self::from(OffsetDateTime::now_utc())
    }

    /// Parses any RFC 3339 time and normalises it to UTC whole seconds, the only form we write.
    /// In UTC it must still fall in the years 0000 to 9999, which RFC 3339 can write (an offset
    /// can push the first and last hours out of them).
    pub fn parse(text: &str) -> Result<Self, String> {
        let parsed = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| {
            format!("{text:?} is not an RFC 3339 date-time such as \"2026-04-10T14:30:00Z\"")
        })?;
        parsed
            .checked_to_offset(UtcOffset::UTC)
            .filter(|utc| (0..=9999).contains(&utc.year()))
            .map(Self::from)
            .ok_or_else(|| format!("{text:?} falls outside the years 0000 to 9999 in UTC"))
    }

    pub fn unix_seconds(self) -> i64 {
        self.0.unix_timestamp()
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(t: OffsetDateTime) -> Self {
        Self(
            t.to_offset(UtcOffset::UTC)
                .replace_nanosecond(0)
                .expect("0 is a valid nanosecond"),
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
        let text = self.0.format(&format).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A calendar date written `YYYY-MM-DD`, for `eventStartDate` and `eventEndDate`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventDate(Date);

impl EventDate {
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a date of the form YYYY-MM-DD");
        // Exactly four digits of year: the parser alone would take a sign ("+2024", "-0001").
        if text.len() != 10 || !text.as_bytes()[0].is_ascii_digit() {
            return Err(bad());
        }
        Date::parse(text, format_description!("[year]-[month]-[day]"))
            .map(Self)
            .map_err(|_| bad())
    }

    pub fn from_date(date: Date) -> Self {
        Self(date)
    }

    pub fn date(self) -> Date {
        self.0
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self
            .0
            .format(format_description!("[year]-[month]-[day]"))
            .map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl fmt::Debug for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_written_in_utc_whole_seconds() {
        let t = Timestamp::parse("2026-04-10T16:30:00.987+02:00").unwrap();
        assert_eq!(t.to_string(), "2026-04-10T14:30:00Z");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2026-04-10T14:30:00Z\""
        );
    }

    #[test]
    fn times_that_leave_years_0000_to_9999_in_utc_are_refused_not_stored() {
        assert!(Timestamp::parse("0000-01-01T00:00:00+01:00").is_err());
        assert!(Timestamp::parse("9999-12-31T23:59:59-01:00").is_err());
        let first = Timestamp::parse("0000-01-01T00:00:00Z").unwrap();
        assert_eq!(Timestamp::parse(&first.to_string()), Ok(first));
        let last = Timestamp::parse("9999-12-31T23:59:59Z").unwrap();
        assert_eq!(Timestamp::parse(&last.to_string()), Ok(last));
    }

    #[test]
    fn malformed_timestamps_and_dates_are_refused() {
        assert!(EventDate::parse("+2024-02-01").is_err());
        assert!(EventDate::parse("-0001-01-01").is_err());
        assert!(Timestamp::parse("2026-04-10 14:30").is_err());
        assert!(Timestamp::parse("yesterday").is_err());
        assert!(EventDate::parse("2026-02-30").is_err());
        assert!(EventDate::parse("2026-4-1").is_err());
        assert!(EventDate::parse("2026-04-01T00:00:00Z").is_err());
        assert_eq!(
            EventDate::parse("2026-04-01").unwrap().to_string(),
            "2026-04-01"
        );
    }
}

/// Milliseconds since the Unix epoch: the clock of events and attempts, which happen at
/// millisecond intervals in tests and need more than whole seconds to be told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnixMillis(pub i64);

impl UnixMillis {
    pub fn now() -> Self {
        Self((OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64)
    }

    pub fn plus(self, d: std::time::Duration) -> Self {
        Self(
            self.0
                .saturating_add(d.as_millis().min(i64::MAX as u128) as i64),
        )
    }

    /// RFC 3339 in UTC with milliseconds, e.g. `2026-04-10T14:30:00.123Z`.
    pub fn to_rfc3339(self) -> String {
        let format = format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        );
        OffsetDateTime::from_unix_timestamp_nanos(self.0 as i128 * 1_000_000)
            .ok()
            .and_then(|t| t.format(&format).ok())
            .unwrap_or_default()
    }
}
