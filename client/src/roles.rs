//! Right-holder registration (权利人登记) by a workstation: `roles.register_holder` with the digest of
//! the organisation's unified social credit code (统一社会信用代码, USCC), which itself never leaves the
//! workstation.

use crate::{asset::Included, chain::Client, error::ClientError, finance::submit_expecting, signer::Signer};
use iprchain_primitives::{rpc::to_hex, Digest, HashAlgo};
use iprchain_runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent};
use serde::Serialize;

type RolesCall = pallet_roles::Call<Runtime>;
type RolesEvent = pallet_roles::Event<Runtime>;

/// The 31 characters of a USCC (GB 32100-2015): digits and capitals without I, O, Z, S and V.
const USCC_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Reads an 18-character USCC and checks its check character (GB 32100-2015: weights 3^i mod 31),
/// so a mistyped code is refused before anything is sent. Lower case is accepted and upper-cased.
pub fn parse_uscc(text: &str) -> Result<String, ClientError> {
	let code = text.trim().to_ascii_uppercase();
	let bad = |why: String| ClientError::Input(format!("USCC `{}`: {why}", text.trim()));
	if code.len() != 18 {
		return Err(bad(format!("{} characters; a unified social credit code has 18", code.chars().count())));
	}
	let mut values = Vec::with_capacity(18);
	for (position, byte) in code.bytes().enumerate() {
		let value = USCC_CHARS.iter().position(|c| *c == byte).ok_or_else(|| {
			bad(format!(
				"character {} (`{}`) is not one of 0-9 A-Z without I O Z S V",
				position + 1,
				byte as char
			))
		})?;
		values.push(value);
	}
	let mut weight = 1;
	let mut sum = 0;
	for value in &values[..17] {
		sum += value * weight;
		weight = weight * 3 % 31;
	}
	let expected = (31 - sum % 31) % 31;
	if values[17] != expected {
		return Err(bad(format!(
			"wrong check character `{}` (expected `{}`); is the code mistyped?",
			code.as_bytes()[17] as char,
			USCC_CHARS[expected] as char
		)));
	}
	Ok(code)
}

/// The digest the chain keeps of a USCC: SHA-256 of its 18 upper-case characters.
pub fn uscc_digest(code: &str) -> Digest {
	HashAlgo::Sha256.digest(code.as_bytes())
}

/// What `register_holder` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HolderRegistered {
	/// The new holder.
	pub holder: AccountId,
	/// Digest of its USCC, `0x`-hex.
	pub uscc_digest: String,
	/// The registering workstation.
	pub by: AccountId,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// Registers `holder` as a right holder with the digest of its USCC (a workstation, after checking
/// the organisation's papers off chain).
pub async fn register_holder(
	client: &Client,
	signer: &Signer,
	holder: AccountId,
	uscc: &str,
) -> Result<HolderRegistered, ClientError> {
	let digest = uscc_digest(&parse_uscc(uscc)?);
	let call = RuntimeCall::Roles(RolesCall::register_holder { who: holder.clone(), uscc_digest: digest });
	let (by, included) =
		submit_expecting(client, signer, call, "Roles.HolderRegistered", |event| match event {
			RuntimeEvent::Roles(RolesEvent::HolderRegistered { who, by, .. }) if *who == holder => {
				Some(by.clone())
			}
			_ => None,
		})
		.await?;
	Ok(HolderRegistered { holder, uscc_digest: to_hex(&digest), by, included })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn uscc_check_character_is_verified() {
		// The specimen code of GB 32100-2015's annex, and one computed by hand from its rule.
		assert_eq!(parse_uscc("91350100M000100Y43").unwrap(), "91350100M000100Y43");
		assert_eq!(parse_uscc(" 91350100m000100y43 ").unwrap(), "91350100M000100Y43");
		let wrong = parse_uscc("91350100M000100Y44").unwrap_err().to_string();
		assert!(wrong.contains("wrong check character `4` (expected `3`)"), "{wrong}");
		assert!(parse_uscc("91350100M000100Y4").unwrap_err().to_string().contains("17 characters"));
		let letter = parse_uscc("91350100I000100Y43").unwrap_err().to_string();
		assert!(letter.contains("character 9 (`I`)"), "{letter}");
	}

	#[test]
	fn uscc_digest_is_sha256_of_the_upper_case_code() {
		let code = parse_uscc("91350100m000100y43").unwrap();
		assert_eq!(
			to_hex(&uscc_digest(&code)),
			"0x18e746db4fe8b8bd027e02ef4cdc036a5d2574fd488b8a10c7f80caa99921ab0"
		);
		assert!(crate::asset::error_doc("Roles.UsccAlreadyRegistered").is_some());
	}
}
