//! Kebab-case names of the pallet's enums, as the CLI takes them and the RPC answers them.

use crate::types::{Action, DataSourceType, HolderType, LicenceKind, UpdateFrequency};

/// An enum written by name on the command line and in RPC answers.
pub trait Named: Sized + Copy + 'static {
	/// Every value, in declaration order.
	const ALL: &'static [Self];

	/// The value's kebab-case name.
	fn name(self) -> &'static str;

	/// The value named `name`, if any.
	fn from_name(name: &str) -> Option<Self> {
		Self::ALL.iter().copied().find(|value| value.name() == name)
	}
}

impl Named for DataSourceType {
	const ALL: &'static [Self] = &[
		DataSourceType::OwnCollection,
		DataSourceType::Licensed,
		DataSourceType::Purchased,
		DataSourceType::Public,
	];

	fn name(self) -> &'static str {
		match self {
			DataSourceType::OwnCollection => "own-collection",
			DataSourceType::Licensed => "licensed",
			DataSourceType::Purchased => "purchased",
			DataSourceType::Public => "public",
		}
	}
}

impl Named for HolderType {
	const ALL: &'static [Self] =
		&[HolderType::LegalPerson, HolderType::NaturalPerson, HolderType::OtherOrganisation];

	fn name(self) -> &'static str {
		match self {
			HolderType::LegalPerson => "legal-person",
			HolderType::NaturalPerson => "natural-person",
			HolderType::OtherOrganisation => "other-organisation",
		}
	}
}

impl Named for UpdateFrequency {
	const ALL: &'static [Self] = &[
		UpdateFrequency::Static,
		UpdateFrequency::RealTime,
		UpdateFrequency::Daily,
		UpdateFrequency::Weekly,
		UpdateFrequency::Monthly,
		UpdateFrequency::Quarterly,
		UpdateFrequency::Yearly,
		UpdateFrequency::Irregular,
	];

	fn name(self) -> &'static str {
		match self {
			UpdateFrequency::Static => "static",
			UpdateFrequency::RealTime => "real-time",
			UpdateFrequency::Daily => "daily",
			UpdateFrequency::Weekly => "weekly",
			UpdateFrequency::Monthly => "monthly",
			UpdateFrequency::Quarterly => "quarterly",
			UpdateFrequency::Yearly => "yearly",
			UpdateFrequency::Irregular => "irregular",
		}
	}
}

impl Named for LicenceKind {
	const ALL: &'static [Self] = &[LicenceKind::Exclusive, LicenceKind::Sole, LicenceKind::NonExclusive];

	fn name(self) -> &'static str {
		match self {
			LicenceKind::Exclusive => "exclusive",
			LicenceKind::Sole => "sole",
			LicenceKind::NonExclusive => "non-exclusive",
		}
	}
}

impl<AccountId> Action<AccountId> {
	/// The action's kebab-case name.
	pub fn name(&self) -> &'static str {
		match self {
			Action::Applied { .. } => "applied",
			Action::Objected { .. } => "objected",
			Action::ObjectionUpheld => "objection-upheld",
			Action::ObjectionDismissed => "objection-dismissed",
			Action::Registered { .. } => "registered",
			Action::Changed { .. } => "changed",
			Action::Transferred { .. } => "transferred",
			Action::Enforced { .. } => "enforced",
			Action::Licensed { .. } => "licensed",
			Action::Renewed { .. } => "renewed",
			Action::Withdrawn => "withdrawn",
			Action::Cancelled => "cancelled",
			Action::Revoked { .. } => "revoked",
			Action::Frozen { .. } => "frozen",
			Action::Unfrozen { .. } => "unfrozen",
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn round_trips<T: Named + PartialEq + core::fmt::Debug>() {
		for value in T::ALL {
			assert_eq!(T::from_name(value.name()), Some(*value));
		}
		assert_eq!(T::from_name("no-such-name"), None);
	}

	#[test]
	fn every_name_parses_back() {
		round_trips::<DataSourceType>();
		round_trips::<HolderType>();
		round_trips::<UpdateFrequency>();
		round_trips::<LicenceKind>();
	}
}
