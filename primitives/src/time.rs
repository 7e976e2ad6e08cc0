//! Calendar arithmetic on block timestamps (Unix milliseconds, UTC), shared by the runtime (certificate
//! numbers carry the year and month) and the client (readable times).

/// Milliseconds in a day.
pub const MS_PER_DAY: u64 = 86_400_000;

/// The proleptic Gregorian (year, month, day) of `days` days after 1970-01-01 — H. Hinnant's
/// `civil_from_days`, for non-negative days since block times are after the epoch.
pub fn civil_from_days(days: u64) -> (u64, u8, u8) {
	let z = days + 719_468;
	let era = z / 146_097;
	let day_of_era = z - era * 146_097;
	let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
	let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	let mp = (5 * day_of_year + 2) / 153;
	let day = day_of_year - (153 * mp + 2) / 5 + 1;
	let month = if mp < 10 { mp + 3 } else { mp - 9 };
	let year = year_of_era + era * 400 + u64::from(month <= 2);
	(year, month as u8, day as u8)
}

/// `1796038212000` → `2026-11-30T11:30:12.000Z`.
pub fn format_millis_utc(millis: u64) -> alloc::string::String {
	let (year, month, day) = civil_from_days(millis / MS_PER_DAY);
	let second_of_day = millis % MS_PER_DAY / 1000;
	alloc::format!(
		"{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
		second_of_day / 3600,
		second_of_day / 60 % 60,
		second_of_day % 60,
		millis % 1000
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn known_instants() {
		assert_eq!(format_millis_utc(0), "1970-01-01T00:00:00.000Z");
		assert_eq!(format_millis_utc(951_782_400_123), "2000-02-29T00:00:00.123Z");
		assert_eq!(format_millis_utc(951_868_800_000), "2000-03-01T00:00:00.000Z");
		assert_eq!(format_millis_utc(1_796_038_212_000), "2026-11-30T11:30:12.000Z");
		assert_eq!(format_millis_utc(1_767_225_599_999), "2025-12-31T23:59:59.999Z");
	}
}
