//! Types stored and passed by `pallet-pledge`.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The stored state of a pledge. Neither the expiry of a proposal nor the lapse of an active pledge
/// is stored: both follow from the time, see [`PledgeState`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum PledgeStatus<AccountId> {
	/// Proposed by the holder and awaiting the bank's acceptance until `expires_ms`.
	Proposed {
		/// End of the proposal's validity, Unix milliseconds; it cannot be accepted from then on.
		expires_ms: u64,
	},
	/// Accepted by the bank: the pledge is established (质权设立) and locks the asset while in force.
	Active {
		/// When the bank accepted, Unix milliseconds.
		since_ms: u64,
		/// Index of the valuation the bank relied on among the asset's valuations.
		valuation_index: u32,
		/// The appraised value it relied on, in fen (0.01 CNY).
		valuation_fen: u128,
	},
	/// Withdrawn by the holder before the bank accepted.
	Withdrawn {
		/// When, Unix milliseconds.
		at_ms: u64,
	},
	/// Released (解除质押) by the bank.
	Released {
		/// When, Unix milliseconds.
		at_ms: u64,
	},
	/// Enforced (质权实现) by the bank on default: the asset went to `to`.
	Enforced {
		/// Who received the asset: the bank itself or a buyer.
		to: AccountId,
		/// When, Unix milliseconds.
		at_ms: u64,
	},
}

impl<AccountId> PledgeStatus<AccountId> {
	/// Kebab-case name of the stored state, used by the CLI and RPC. See [`PledgeState::name`] for
	/// the state with expiry and lapse evaluated.
	pub fn name(&self) -> &'static str {
		match self {
			PledgeStatus::Proposed { .. } => "proposed",
			PledgeStatus::Active { .. } => "active",
			PledgeStatus::Withdrawn { .. } => "withdrawn",
			PledgeStatus::Released { .. } => "released",
			PledgeStatus::Enforced { .. } => "enforced",
		}
	}
}

/// The state of a pledge as of a given time: the stored state, with a proposal past its end reported
/// as expired and an active pledge past maturity plus the enforcement grace reported as lapsed.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum PledgeState {
	/// A proposal the bank may still accept.
	Proposed,
	/// A proposal whose time ran out; it cannot be accepted and does not block a new one.
	ProposalExpired,
	/// An active pledge in force: it locks the asset and may be enforced.
	Active,
	/// An active pledge past maturity plus the enforcement grace: it no longer locks the asset and
	/// cannot be enforced, but the bank may still release it.
	Lapsed,
	/// See [`PledgeStatus::Withdrawn`].
	Withdrawn,
	/// See [`PledgeStatus::Released`].
	Released,
	/// See [`PledgeStatus::Enforced`].
	Enforced,
}

impl PledgeState {
	/// Kebab-case name used by the CLI and RPC.
	pub fn name(self) -> &'static str {
		match self {
			PledgeState::Proposed => "proposed",
			PledgeState::ProposalExpired => "proposal-expired",
			PledgeState::Active => "active",
			PledgeState::Lapsed => "lapsed",
			PledgeState::Withdrawn => "withdrawn",
			PledgeState::Released => "released",
			PledgeState::Enforced => "enforced",
		}
	}
}

/// A pledge (质押) of a registered data-IP asset to a bank, securing a loan of `secured_fen`.
///
/// The loan contract stays off chain; the chain records who pledged what to whom, for how much and
/// until when, and that both parties signed: the holder's `propose` and the bank's `accept`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Pledge<AccountId> {
	/// The pledged asset (a data-IP registration).
	pub asset: u64,
	/// The pledgor (出质人): the asset's holder when proposing.
	pub pledgor: AccountId,
	/// The pledgee (质权人): the bank.
	pub pledgee: AccountId,
	/// The secured claim, in fen (0.01 CNY).
	pub secured_fen: u128,
	/// When the secured debt falls due, Unix milliseconds.
	pub maturity_ms: u64,
	/// When the holder proposed, Unix milliseconds.
	pub proposed_at_ms: u64,
	/// Where in its lifecycle the pledge is.
	pub status: PledgeStatus<AccountId>,
}

impl<AccountId> Pledge<AccountId> {
	/// The end of the time an active pledge is in force, Unix milliseconds, exclusive: maturity plus
	/// the enforcement grace `grace_ms`.
	pub fn in_force_until_ms(&self, grace_ms: u64) -> u64 {
		self.maturity_ms.saturating_add(grace_ms)
	}

	/// Whether the pledge is active and in force at `now_ms`, so that it locks the asset and may be
	/// enforced.
	pub fn in_force(&self, now_ms: u64, grace_ms: u64) -> bool {
		matches!(self.status, PledgeStatus::Active { .. }) && now_ms < self.in_force_until_ms(grace_ms)
	}

	/// Whether the pledge is a proposal the bank may still accept at `now_ms`.
	pub fn is_open_proposal(&self, now_ms: u64) -> bool {
		matches!(self.status, PledgeStatus::Proposed { expires_ms } if now_ms < expires_ms)
	}

	/// The state at `now_ms`, with an enforcement grace of `grace_ms`.
	pub fn state(&self, now_ms: u64, grace_ms: u64) -> PledgeState {
		match self.status {
			PledgeStatus::Proposed { expires_ms } if now_ms >= expires_ms => PledgeState::ProposalExpired,
			PledgeStatus::Proposed { .. } => PledgeState::Proposed,
			PledgeStatus::Active { .. } if self.in_force(now_ms, grace_ms) => PledgeState::Active,
			PledgeStatus::Active { .. } => PledgeState::Lapsed,
			PledgeStatus::Withdrawn { .. } => PledgeState::Withdrawn,
			PledgeStatus::Released { .. } => PledgeState::Released,
			PledgeStatus::Enforced { .. } => PledgeState::Enforced,
		}
	}
}

/// What happened to a pledge, as kept in its history.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum Action<AccountId> {
	/// The holder proposed the pledge.
	Proposed {
		/// End of the proposal's validity, Unix milliseconds.
		expires_ms: u64,
	},
	/// The bank accepted, relying on this valuation.
	Accepted {
		/// Index of the valuation among the asset's valuations.
		valuation_index: u32,
		/// The appraised value, in fen.
		valuation_fen: u128,
	},
	/// The holder withdrew the proposal.
	ProposalWithdrawn,
	/// The bank released the pledge.
	Released,
	/// The bank enforced the pledge; the asset went to `to`.
	Enforced {
		/// Who received the asset.
		to: AccountId,
	},
}

/// One entry of a pledge's history.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct HistoryEntry<AccountId, BlockNumber> {
	/// Block in which it happened.
	pub block: BlockNumber,
	/// Timestamp of that block, Unix milliseconds.
	pub at_ms: u64,
	/// Who signed the transaction.
	pub actor: AccountId,
	/// What happened.
	pub action: Action<AccountId>,
}
