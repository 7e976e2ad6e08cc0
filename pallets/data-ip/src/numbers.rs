//! Certificate and registration numbers. The scheme is documented in docs/registration.md.

use crate::types::{DataSourceType, HolderType};
use iprchain_primitives::time::{civil_from_days, MS_PER_DAY};

/// Length of a certificate number: `YYYYMM` + `4201` + a 7-digit serial.
pub const CERTIFICATE_NO_LEN: usize = 17;
/// Length of a registration number: `YYYY` + source code + holder-type code + a 9-digit sequence + a
/// check character.
pub const REGISTRATION_NO_LEN: usize = 16;

/// A certificate number, ASCII digits.
pub type CertificateNo = [u8; CERTIFICATE_NO_LEN];
/// A registration number, ASCII digits and possibly a final `X`.
pub type RegistrationNo = [u8; REGISTRATION_NO_LEN];

/// Largest certificate serial: seven digits.
pub const MAX_CERTIFICATE_SERIAL: u32 = 9_999_999;
/// Largest registration sequence: nine digits.
pub const MAX_REGISTRATION_SEQUENCE: u32 = 999_999_999;

/// The certificate number issued at `now_ms` with `serial`: `YYYYMM` (UTC) + `4201` + the serial in
/// seven digits. `serial` must not exceed [`MAX_CERTIFICATE_SERIAL`].
pub fn certificate_no(now_ms: u64, serial: u32) -> CertificateNo {
	let (year, month, _) = civil_from_days(now_ms / MS_PER_DAY);
	let mut out = [b'0'; CERTIFICATE_NO_LEN];
	// Years past 9999 are 8 000 years away; keep the format fixed-width rather than fail.
	write_digits(&mut out[0..4], year % 10_000);
	write_digits(&mut out[4..6], u64::from(month));
	// 4201: the Wuhan region code the registrar issues under.
	out[6..10].copy_from_slice(b"4201");
	write_digits(&mut out[10..17], u64::from(serial));
	out
}

/// The registration number issued at `now_ms` with `sequence`: `YYYY` (UTC) + source code + holder-type
/// code + the sequence in nine digits + an ISO 7064 MOD 11-2 check character over the first 15.
/// `sequence` must not exceed [`MAX_REGISTRATION_SEQUENCE`].
pub fn registration_no(
	now_ms: u64,
	source: DataSourceType,
	holder: HolderType,
	sequence: u32,
) -> RegistrationNo {
	let (year, _, _) = civil_from_days(now_ms / MS_PER_DAY);
	let mut out = [b'0'; REGISTRATION_NO_LEN];
	write_digits(&mut out[0..4], year % 10_000);
	out[4] = source.code();
	out[5] = holder.code();
	write_digits(&mut out[6..15], u64::from(sequence));
	out[15] = mod11_2_check(&out[0..15]);
	out
}

/// Whether `number` is a well-formed registration number: 15 digits and the right check character.
pub fn registration_no_is_valid(number: &[u8]) -> bool {
	number.len() == REGISTRATION_NO_LEN
		&& number[..15].iter().all(u8::is_ascii_digit)
		&& mod11_2_check(&number[..15]) == number[15]
}

/// The ISO 7064 MOD 11-2 check character of ASCII `digits` (the scheme of the resident identity card
/// number): `0`–`9` or `X` for ten.
fn mod11_2_check(digits: &[u8]) -> u8 {
	let remainder = digits.iter().fold(0u32, |acc, digit| ((acc + u32::from(digit - b'0')) * 2) % 11);
	match (12 - remainder) % 11 {
		10 => b'X',
		check => b'0' + check as u8,
	}
}

/// Writes the lowest `out.len()` decimal digits of `value`, zero-padded.
fn write_digits(out: &mut [u8], mut value: u64) {
	for byte in out.iter_mut().rev() {
		*byte = b'0' + (value % 10) as u8;
		value /= 10;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// 2026-11-15T00:00:00Z.
	const NOV_2026: u64 = 1_794_700_800_000;

	#[test]
	fn check_character_matches_a_published_identity_number() {
		// The specimen identity number of GB 11643-1999: its 18th character is the check over 17.
		assert_eq!(mod11_2_check(b"11010519491231002"), b'X');
		assert_eq!(mod11_2_check(b"44052418800101001"), b'4');
	}

	#[test]
	fn certificate_number_layout() {
		assert_eq!(&certificate_no(NOV_2026, 42), b"20261142010000042");
		assert_eq!(&certificate_no(NOV_2026, MAX_CERTIFICATE_SERIAL), b"20261142019999999");
	}

	#[test]
	fn registration_number_layout_and_check() {
		let number = registration_no(NOV_2026, DataSourceType::Purchased, HolderType::LegalPerson, 7);
		assert_eq!(&number[..15], b"202631000000007");
		assert!(registration_no_is_valid(&number));
		// Any single changed digit breaks the check.
		for position in 0..15 {
			let mut tampered = number;
			tampered[position] = if tampered[position] == b'9' { b'0' } else { tampered[position] + 1 };
			assert!(!registration_no_is_valid(&tampered), "digit {position} changed yet valid");
		}
		assert!(!registration_no_is_valid(&number[..15]));
	}

	#[test]
	fn every_source_and_holder_code_is_distinct() {
		let sources = [
			DataSourceType::OwnCollection,
			DataSourceType::Licensed,
			DataSourceType::Purchased,
			DataSourceType::Public,
		];
		let holders = [HolderType::LegalPerson, HolderType::NaturalPerson, HolderType::OtherOrganisation];
		let mut seen = alloc::collections::BTreeSet::new();
		for source in sources {
			for holder in holders {
				let number = registration_no(NOV_2026, source, holder, MAX_REGISTRATION_SEQUENCE);
				assert!(registration_no_is_valid(&number));
				assert!(seen.insert(number));
			}
		}
	}
}
