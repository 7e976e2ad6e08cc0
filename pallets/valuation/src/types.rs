//! Types stored and passed by `pallet-valuation`.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use iprchain_primitives::CurrentValuation;
use scale_info::TypeInfo;

/// The approach the appraiser took (评估方法).
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum ValuationMethod {
	/// What it cost to collect and process the data, or would cost to replace it (成本法).
	Cost,
	/// The income the data is expected to bring, discounted (收益法).
	Income,
	/// Prices of comparable data sets traded on the market (市场法).
	Market,
	/// A combination of the above (综合法).
	Mixed,
}

impl ValuationMethod {
	/// Every method, in declaration order.
	pub const ALL: [ValuationMethod; 4] =
		[ValuationMethod::Cost, ValuationMethod::Income, ValuationMethod::Market, ValuationMethod::Mixed];

	/// Kebab-case name used by the CLI and RPC.
	pub fn name(self) -> &'static str {
		match self {
			ValuationMethod::Cost => "cost",
			ValuationMethod::Income => "income",
			ValuationMethod::Market => "market",
			ValuationMethod::Mixed => "mixed",
		}
	}

	/// The method named `name` by [`ValuationMethod::name`], if any.
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|method| method.name() == name)
	}
}

/// The withdrawal of a valuation by its appraiser.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Withdrawal {
	/// When it was withdrawn (the block's time), Unix milliseconds.
	pub at_ms: u64,
	/// Digest of the document giving the reason; the document stays off chain.
	pub reason_digest: [u8; 32],
}

/// An appraisal (价值评估) of a registered data asset. The report itself stays off chain; the chain
/// keeps its digest, so a report shown later can be checked against it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Valuation<AccountId> {
	/// The data-IP asset valued.
	pub asset: u64,
	/// The appraiser (评估机构) that submitted it.
	pub appraiser: AccountId,
	/// Appraised value in fen (0.01 CNY); never zero.
	pub value_fen: u128,
	/// The approach taken.
	pub method: ValuationMethod,
	/// Digest of the appraisal report.
	pub report_digest: [u8; 32],
	/// When it was submitted (the block's time), Unix milliseconds.
	pub valued_at_ms: u64,
	/// End of its validity, Unix milliseconds, exclusive; set by the appraiser, after `valued_at_ms`.
	pub valid_until_ms: u64,
	/// Its withdrawal, if the appraiser withdrew it.
	pub withdrawn: Option<Withdrawal>,
}

impl<AccountId> Valuation<AccountId> {
	/// Whether the validity has ended at `now_ms`.
	pub fn is_expired(&self, now_ms: u64) -> bool {
		now_ms >= self.valid_until_ms
	}

	/// Whether the valuation may be relied on at `now_ms`: neither expired nor withdrawn.
	pub fn is_in_force(&self, now_ms: u64) -> bool {
		self.withdrawn.is_none() && !self.is_expired(now_ms)
	}

	/// What a pledge reads of it, as valuation number `index` of its asset.
	pub fn summary(&self, index: u32) -> CurrentValuation {
		CurrentValuation { index, value_fen: self.value_fen, valid_until_ms: self.valid_until_ms }
	}
}

/// A valuation in its asset's list of those in force ([`crate::InForce`]): which one, whose, and until
/// when, so that the current one is found, and expired ones dropped, without reading the others.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct InForceEntry<AccountId> {
	/// The valuation's index among the asset's valuations.
	pub index: u32,
	/// Its appraiser: an appraiser has at most one entry per asset.
	pub appraiser: AccountId,
	/// End of its validity, Unix milliseconds, exclusive.
	pub valid_until_ms: u64,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn method_names_parse_back() {
		for method in ValuationMethod::ALL {
			assert_eq!(ValuationMethod::from_name(method.name()), Some(method));
		}
		assert_eq!(ValuationMethod::ALL.map(ValuationMethod::name), ["cost", "income", "market", "mixed"]);
		assert_eq!(ValuationMethod::from_name("Cost"), None);
		assert_eq!(ValuationMethod::from_name("appraised"), None);
	}
}
