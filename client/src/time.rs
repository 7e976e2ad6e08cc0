//! Block timestamps for people: Unix milliseconds as ISO 8601 UTC.

/// `1796038212000` → `2026-11-30T11:30:12.000Z`.
pub fn format_millis_utc(millis: u64) -> String {
	let seconds = millis / 1000;
	let (days, second_of_day) = (seconds / 86_400, seconds % 86_400);
	let (year, month, day) = civil_from_days(days as i64);
	format!(
		"{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
		second_of_day / 3600,
		second_of_day / 60 % 60,
		second_of_day % 60,
		millis % 1000
	)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
	let z = days + 719_468;
	let era = z.div_euclid(146_097);
	let day_of_era = z.rem_euclid(146_097);
	let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
	let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	let mp = (5 * day_of_year + 2) / 153;
	let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
	let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
	let year = year_of_era + era * 400 + i64::from(month <= 2);
	(year, month, day)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn known_instants() {
		assert_eq!(format_millis_utc(0), "1970-01-01T00:00:00.000Z");
		assert_eq!(format_millis_utc(951_782_400_123), "2000-02-29T00:00:00.123Z");
		assert_eq!(format_millis_utc(1_796_038_212_000), "2026-11-30T11:30:12.000Z");
	}
}
