//! JSON form of the genesis `roles` list: `[[account, ["workstation", "holder"]], ...]`.
//!
//! `Role` implements serde only with the `std` feature of `iprchain-primitives`, but a runtime's
//! genesis config is (de)serialized inside the wasm runtime too. Writing roles by their names also
//! keeps chain specs in the same vocabulary as the CLI.

use alloc::{string::String, vec::Vec};
use iprchain_primitives::Role;
use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

/// Writes each role by [`Role::name`].
pub fn serialize<A: Serialize, S: Serializer>(
	entries: &[(A, Vec<Role>)],
	serializer: S,
) -> Result<S::Ok, S::Error> {
	serializer.collect_seq(
		entries.iter().map(|(who, roles)| (who, roles.iter().map(|r| r.name()).collect::<Vec<_>>())),
	)
}

/// Reads role names with [`Role::from_name`] (case-insensitive); an unknown name is an error.
pub fn deserialize<'de, A: Deserialize<'de>, D: Deserializer<'de>>(
	deserializer: D,
) -> Result<Vec<(A, Vec<Role>)>, D::Error> {
	let named = Vec::<(A, Vec<String>)>::deserialize(deserializer)?;
	named
		.into_iter()
		.map(|(who, names)| {
			let roles = names
				.iter()
				.map(|name| {
					Role::from_name(name)
						.ok_or_else(|| D::Error::custom(alloc::format!("unknown role `{name}`")))
				})
				.collect::<Result<Vec<_>, _>>()?;
			Ok((who, roles))
		})
		.collect()
}
