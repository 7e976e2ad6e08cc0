//! Roles an account may hold. Only accounts holding at least one role may submit transactions.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// `InvalidTransaction::Custom` code with which the pool rejects a signed transaction whose signer holds
/// no role.
pub const INVALID_TX_NO_ROLE: u8 = 101;

/// `UnknownTransaction::Custom` code with which the pool refuses a signed transaction whose nonce is
/// further ahead of its account's current nonce than the account may queue (see
/// `pallet_roles::nonce_window`). Nothing is lost: the sender learns at once and may send the same bytes again
/// once the account's earlier transactions are included. "Unknown" rather than "invalid" validity,
/// because the pool bans the hash of an invalid transaction for half an hour, and this one becomes
/// valid as soon as the account catches up.
pub const TX_NONCE_TOO_FAR_AHEAD: u8 = 102;

/// `InvalidTransaction::Custom` code with which the pool refuses a signed transaction that would take its
/// account past the chain's daily transaction budget (`pallet_roles::DailyBudget`): counting the
/// transactions the account has had included today and those it has queued before this one. The
/// budget renews at the next day boundary (a fixed number of blocks); other accounts are unaffected.
pub const INVALID_TX_DAILY_BUDGET: u8 = 103;

/// `InvalidTransaction::Custom` code with which the pool refuses a workstation's `register_holder` once
/// it has registered as many holders today as the chain's daily budget allows.
pub const INVALID_TX_HOLDER_BUDGET: u8 = 104;

/// A role in the registry. An account may hold several.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum Role {
	/// An IP workstation (Donghu, Qiaokou, Jianghan): deposits evidence for clients.
	Workstation,
	/// The Wuhan Data Bureau: approves and revokes registrations.
	Registrar,
	/// A right holder (权利人).
	Holder,
	/// A valuation firm (评估机构).
	Appraiser,
	/// A lending bank (质权人).
	Bank,
	/// An insurer.
	Insurer,
	/// A court: freezes assets.
	Court,
}

impl Role {
	/// Every role, in declaration order.
	pub const ALL: [Role; 7] = [
		Role::Workstation,
		Role::Registrar,
		Role::Holder,
		Role::Appraiser,
		Role::Bank,
		Role::Insurer,
		Role::Court,
	];

	fn bit(self) -> u8 {
		1 << (self as u8)
	}

	/// Lower-case name used by the CLI.
	pub fn name(self) -> &'static str {
		match self {
			Role::Workstation => "workstation",
			Role::Registrar => "registrar",
			Role::Holder => "holder",
			Role::Appraiser => "appraiser",
			Role::Bank => "bank",
			Role::Insurer => "insurer",
			Role::Court => "court",
		}
	}

	/// Parses a name produced by [`Role::name`].
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|role| role.name().eq_ignore_ascii_case(name))
	}
}

/// The set of roles one account holds, one bit per [`Role`].
#[derive(
	Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct RoleSet(pub u8);

impl RoleSet {
	/// Whether `role` is in the set.
	pub fn contains(self, role: Role) -> bool {
		self.0 & role.bit() != 0
	}
	/// Adds `role`; returns whether it was absent.
	pub fn insert(&mut self, role: Role) -> bool {
		let absent = !self.contains(role);
		self.0 |= role.bit();
		absent
	}
	/// Removes `role`; returns whether it was present.
	pub fn remove(&mut self, role: Role) -> bool {
		let present = self.contains(role);
		self.0 &= !role.bit();
		present
	}
	/// Whether no role is held.
	pub fn is_empty(self) -> bool {
		self.0 == 0
	}
	/// The roles held, in declaration order.
	pub fn iter(self) -> impl Iterator<Item = Role> {
		Role::ALL.into_iter().filter(move |role| self.contains(*role))
	}
}

/// A right holder (权利人) as registered by a workstation after its off-chain KYC.
///
/// Only a digest of the holder's unified social credit code (统一社会信用代码, USCC) is kept: the code
/// identifies the organisation, and the chain only needs to recognise a second registration of the
/// same one. A plain hash of an 18-character code can be reversed by trying codes, so workstations
/// should derive the digest with a key they share (and from a normalised, upper-case code) if the code
/// is to stay off the public record.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct HolderInfo<AccountId, BlockNumber> {
	/// Digest of the holder's USCC; at most one holder is registered under each digest.
	pub uscc_digest: [u8; 32],
	/// The workstation account that did the KYC and signed the registration.
	pub registered_by: AccountId,
	/// Block in which the holder was registered.
	pub registered_at: BlockNumber,
}

/// Read access to role membership, so pallets can check roles without depending on pallet-roles.
pub trait RoleInspect<AccountId> {
	/// Whether `who` holds `role`.
	fn has_role(who: &AccountId, role: Role) -> bool;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn role_set_insert_remove() {
		let mut set = RoleSet::default();
		assert!(set.is_empty());
		assert!(set.insert(Role::Bank));
		assert!(!set.insert(Role::Bank));
		assert!(set.insert(Role::Court));
		assert_eq!(set.iter().collect::<Vec<_>>(), vec![Role::Bank, Role::Court]);
		assert!(set.remove(Role::Bank));
		assert!(!set.remove(Role::Bank));
		assert!(!set.contains(Role::Bank) && set.contains(Role::Court));
	}

	#[test]
	fn names_round_trip() {
		for role in Role::ALL {
			assert_eq!(Role::from_name(role.name()), Some(role));
		}
		assert_eq!(Role::from_name("pirate"), None);
	}
}
