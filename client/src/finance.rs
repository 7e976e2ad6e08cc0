//! Valuation (价值评估) and pledge financing (质押融资): appraisals through `pallet-valuation`
//! (submit, withdraw), pledges through `pallet-pledge` (propose, accept, withdraw the proposal, release,
//! enforce), and the reads a bank relies on: the lending verdict of `ipr_assetStatus`, every appraisal
//! through `ipr_getValuations`, a pledge and its history through `ipr_getPledge`.
//!
//! Each transaction function signs and submits one call, waits for finality and returns what the
//! pallet's event said. Amounts are fen (0.01 CNY) as `u128`; [`parse_cny`] reads yuan written as a
//! decimal exactly, without floating point. The `validate` methods of the requests check what can be
//! checked without the chain, so a bad value is refused before anything is sent.

use crate::{
	asset::{self, AssetQuery, Included},
	chain::Client,
	error::ClientError,
	signer::Signer,
};
use iprchain_primitives::{
	rpc::{fen_to_cny, to_hex, AssetStatusView, PledgeDetailView, ValuationsView},
	time::MS_PER_DAY,
	Digest,
};
use iprchain_runtime::{AccountId, Hash, Runtime, RuntimeCall, RuntimeEvent};
use jsonrpsee::rpc_params;
use serde::{Serialize, Serializer};

pub use pallet_valuation::ValuationMethod;

type ValuationCall = pallet_valuation::Call<Runtime>;
type ValuationEvent = pallet_valuation::Event<Runtime>;
type PledgeCall = pallet_pledge::Call<Runtime>;
type PledgeEvent = pallet_pledge::Event<Runtime>;

/// How amounts are written, for messages.
const AMOUNT_FORM: &str = "write yuan as digits with an optional `.` and at most two decimals, without \
	sign, spaces or separators, e.g. 18500000.00";

/// An amount in yuan written as a decimal (`18500000`, `18500000.5`, `18500000.00`) as fen, exactly:
/// at most two decimals, no sign, exponent or separators. Zero is accepted here; the requests refuse
/// it.
pub fn parse_cny(text: &str) -> Result<u128, ClientError> {
	let text = text.trim();
	let bad = |why: &str| ClientError::Input(format!("amount `{text}`: {why}; {AMOUNT_FORM}"));
	let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
	if text.starts_with('-') {
		return Err(bad("an amount cannot be negative"));
	}
	let (whole, fraction) = match text.split_once('.') {
		Some((whole, fraction)) => (whole, Some(fraction)),
		None => (text, None),
	};
	if whole.is_empty() {
		return Err(bad("no digits before the decimal point"));
	}
	if !all_digits(whole) || !fraction.is_none_or(all_digits) {
		return Err(bad("not a decimal number"));
	}
	let fen_part = match fraction {
		None => 0,
		Some("") => return Err(bad("no digits after the decimal point")),
		Some(fraction) if fraction.len() > 2 => {
			return Err(bad("more than two decimals (the fen, 0.01 CNY, is the smallest unit)"))
		}
		Some(fraction) => {
			let value = fraction.parse::<u128>().expect("one or two digits");
			if fraction.len() == 1 {
				value * 10
			} else {
				value
			}
		}
	};
	// Digits only, so parsing fails only on overflow.
	let yuan = whole.parse::<u128>().map_err(|_| bad("too large"))?;
	yuan.checked_mul(100).and_then(|fen| fen.checked_add(fen_part)).ok_or_else(|| bad("too large"))
}

/// An amount in fen written as a whole number (`1850000000`).
pub fn parse_fen(text: &str) -> Result<u128, ClientError> {
	let text = text.trim();
	if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
		return Err(ClientError::Input(format!(
			"amount `{text}` in fen: write a whole number of fen (0.01 CNY) in digits, e.g. 1850000000"
		)));
	}
	text.parse::<u128>().map_err(|_| ClientError::Input(format!("amount `{text}` in fen: too large")))
}

/// `fen` as yuan with thousands separators and two decimals: `1850000000` → `18,500,000.00`.
pub fn format_yuan(fen: u128) -> String {
	let plain = fen_to_cny(fen);
	let (whole, fraction) = plain.split_once('.').expect("fen_to_cny writes a decimal point");
	let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 + 3);
	for (i, digit) in whole.chars().enumerate() {
		if i > 0 && (whole.len() - i) % 3 == 0 {
			grouped.push(',');
		}
		grouped.push(digit);
	}
	format!("{grouped}.{fraction}")
}

/// An amount in fen as the RPC writes it (a decimal string), for reading: `18,500,000.00 CNY`; the
/// text itself if it is not a number.
pub fn format_fen_text(fen: &str) -> String {
	match fen.parse::<u128>() {
		Ok(fen) => format!("{} CNY", format_yuan(fen)),
		Err(_) => format!("{fen} fen"),
	}
}

/// A valuation method by name: `cost`, `income`, `market` or `mixed` (case-insensitive).
pub fn parse_method(text: &str) -> Result<ValuationMethod, ClientError> {
	ValuationMethod::from_name(&text.trim().to_ascii_lowercase()).ok_or_else(|| {
		let names: Vec<_> = ValuationMethod::ALL.iter().map(|method| method.name()).collect();
		ClientError::Input(format!("unknown valuation method `{text}`; one of: {}", names.join(", ")))
	})
}

/// `days` whole days after `now_ms`, Unix milliseconds; `what` names the option for the message.
pub fn days_after(what: &str, now_ms: u64, days: u64) -> Result<u64, ClientError> {
	days.checked_mul(MS_PER_DAY)
		.and_then(|term| now_ms.checked_add(term))
		.ok_or_else(|| ClientError::Input(format!("{what} {days} days is too far ahead")))
}

/// A valuation to submit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValuationRequest {
	/// The asset valued; it must be registered and unexpired.
	pub asset: u64,
	/// Appraised value in fen, more than zero.
	pub value_fen: u128,
	/// The approach taken.
	pub method: ValuationMethod,
	/// Digest of the appraisal report, which stays off chain.
	pub report_digest: Digest,
	/// End of the valuation's validity, Unix milliseconds, exclusive.
	pub valid_until_ms: u64,
}

impl ValuationRequest {
	/// Checks what the pallet will without the chain: a positive value, validity ending after `now_ms`.
	pub fn validate(&self, now_ms: u64) -> Result<(), ClientError> {
		if self.value_fen == 0 {
			return Err(ClientError::Input("the appraised value must be more than zero".into()));
		}
		if self.valid_until_ms <= now_ms {
			return Err(ClientError::Input(format!(
				"the valuation's validity must end in the future, not at {}",
				crate::time::format_millis_utc(self.valid_until_ms)
			)));
		}
		Ok(())
	}
}

/// A pledge to propose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PledgeRequest {
	/// The asset pledged; the signer must hold it.
	pub asset: u64,
	/// The bank (pledgee); it must hold the `Bank` role.
	pub bank: AccountId,
	/// The secured claim in fen, more than zero.
	pub secured_fen: u128,
	/// When the secured debt falls due, Unix milliseconds.
	pub maturity_ms: u64,
}

impl PledgeRequest {
	/// Checks what the pallet will without the chain: a positive amount, maturity after `now_ms`.
	pub fn validate(&self, now_ms: u64) -> Result<(), ClientError> {
		if self.secured_fen == 0 {
			return Err(ClientError::Input("the secured amount must be more than zero".into()));
		}
		if self.maturity_ms <= now_ms {
			return Err(ClientError::Input(format!(
				"maturity must lie in the future, not at {}",
				crate::time::format_millis_utc(self.maturity_ms)
			)));
		}
		Ok(())
	}
}

fn fen_string<S: Serializer>(fen: &u128, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&fen.to_string())
}

fn method_name<S: Serializer>(method: &ValuationMethod, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(method.name())
}

/// What `submit_valuation` answered. Amounts appear in JSON as decimal strings, as in the RPC.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Valued {
	/// The asset.
	pub asset: u64,
	/// Index of the valuation among the asset's valuations.
	pub index: u32,
	/// The appraiser.
	pub appraiser: AccountId,
	/// Appraised value in fen.
	#[serde(serialize_with = "fen_string")]
	pub value_fen: u128,
	/// The same in yuan with two decimals.
	pub value_cny: String,
	/// The approach taken.
	#[serde(serialize_with = "method_name")]
	pub method: ValuationMethod,
	/// End of validity, Unix milliseconds.
	#[serde(rename = "validUntil")]
	pub valid_until_ms: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `withdraw_valuation` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValuationWithdrawn {
	/// The asset.
	pub asset: u64,
	/// Index of the withdrawn valuation.
	pub index: u32,
	/// Digest of the reason, `0x`-hex.
	pub reason_digest: String,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `propose` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposed {
	/// The new pledge's id.
	pub pledge: u64,
	/// The asset.
	pub asset: u64,
	/// The holder (pledgor).
	pub pledgor: AccountId,
	/// The bank (pledgee).
	pub pledgee: AccountId,
	/// The secured claim in fen.
	#[serde(serialize_with = "fen_string")]
	pub secured_fen: u128,
	/// The same in yuan with two decimals.
	pub secured_cny: String,
	/// When the secured debt falls due, Unix milliseconds.
	#[serde(rename = "maturity")]
	pub maturity_ms: u64,
	/// Until when the bank may accept, Unix milliseconds.
	#[serde(rename = "expires")]
	pub expires_ms: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `accept` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Accepted {
	/// The pledge, now active.
	pub pledge: u64,
	/// The asset, now locked.
	pub asset: u64,
	/// The bank.
	pub pledgee: AccountId,
	/// Index of the valuation the bank relied on.
	pub valuation_index: u32,
	/// Its value in fen.
	#[serde(serialize_with = "fen_string")]
	pub valuation_fen: u128,
	/// The same in yuan with two decimals.
	pub valuation_cny: String,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `withdraw_proposal` and `release` answered: the pledge, its asset and the block.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PledgeEnded {
	/// The pledge.
	pub pledge: u64,
	/// The asset, no longer locked or proposed.
	pub asset: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `enforce` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enforced {
	/// The pledge.
	pub pledge: u64,
	/// The asset, moved.
	pub asset: u64,
	/// Who received it: the bank itself or the buyer.
	pub to: AccountId,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// Submits `call`, waits for finality and picks the answer out of the transaction's events; `event`
/// (`Pledge.Proposed`) names the expected one in the message when it is missing.
pub(crate) async fn submit_expecting<T>(
	client: &Client,
	signer: &Signer,
	call: RuntimeCall,
	event: &str,
	pick: impl Fn(&RuntimeEvent) -> Option<T>,
) -> Result<(T, Included), ClientError> {
	let finalized = client.submit(signer, call).await?;
	let included = Included { block_number: finalized.block_number, block_hash: finalized.block_hash };
	let answer = finalized.events.iter().find_map(pick).ok_or_else(|| {
		ClientError::Decode(format!(
			"the transaction succeeded in block #{} but emitted no {event} event",
			included.block_number
		))
	})?;
	Ok((answer, included))
}

/// Records a valuation (appraiser, not the asset's holder); returns its index.
pub async fn submit_valuation(
	client: &Client,
	signer: &Signer,
	request: ValuationRequest,
) -> Result<Valued, ClientError> {
	request.validate(asset::now_ms())?;
	let asset = request.asset;
	let call = RuntimeCall::Valuation(ValuationCall::submit {
		asset,
		value_fen: request.value_fen,
		method: request.method,
		report_digest: request.report_digest,
		valid_until_ms: request.valid_until_ms,
	});
	let ((index, appraiser, value_fen, method, valid_until_ms), included) =
		submit_expecting(client, signer, call, "Valuation.Valued", |event| match event {
			RuntimeEvent::Valuation(ValuationEvent::Valued {
				asset: a,
				index,
				appraiser,
				value_fen,
				method,
				valid_until_ms,
			}) if *a == asset => Some((*index, appraiser.clone(), *value_fen, *method, *valid_until_ms)),
			_ => None,
		})
		.await?;
	Ok(Valued {
		asset,
		index,
		appraiser,
		value_fen,
		value_cny: fen_to_cny(value_fen),
		method,
		valid_until_ms,
		included,
	})
}

/// Withdraws valuation `index` of `asset` with the digest of the reason (the appraiser that submitted
/// it).
pub async fn withdraw_valuation(
	client: &Client,
	signer: &Signer,
	asset: u64,
	index: u32,
	reason_digest: Digest,
) -> Result<ValuationWithdrawn, ClientError> {
	let call = RuntimeCall::Valuation(ValuationCall::withdraw { asset, index, reason_digest });
	let (reason, included) =
		submit_expecting(client, signer, call, "Valuation.Withdrawn", |event| match event {
			RuntimeEvent::Valuation(ValuationEvent::Withdrawn { asset: a, index: i, reason_digest })
				if *a == asset && *i == index =>
			{
				Some(*reason_digest)
			}
			_ => None,
		})
		.await?;
	Ok(ValuationWithdrawn { asset, index, reason_digest: to_hex(&reason), included })
}

/// Proposes a pledge of an asset the signer holds to a bank; returns the new pledge's id and until when
/// the bank may accept.
pub async fn propose(
	client: &Client,
	signer: &Signer,
	request: PledgeRequest,
) -> Result<Proposed, ClientError> {
	request.validate(asset::now_ms())?;
	let asset = request.asset;
	let call = RuntimeCall::Pledge(PledgeCall::propose {
		asset,
		bank: request.bank,
		secured_fen: request.secured_fen,
		maturity_ms: request.maturity_ms,
	});
	let ((pledge, pledgor, pledgee, secured_fen, maturity_ms, expires_ms), included) =
		submit_expecting(client, signer, call, "Pledge.Proposed", |event| match event {
			RuntimeEvent::Pledge(PledgeEvent::Proposed {
				pledge,
				asset: a,
				pledgor,
				pledgee,
				secured_fen,
				maturity_ms,
				expires_ms,
			}) if *a == asset => {
				Some((*pledge, pledgor.clone(), pledgee.clone(), *secured_fen, *maturity_ms, *expires_ms))
			}
			_ => None,
		})
		.await?;
	Ok(Proposed {
		pledge,
		asset,
		pledgor,
		pledgee,
		secured_fen,
		secured_cny: fen_to_cny(secured_fen),
		maturity_ms,
		expires_ms,
		included,
	})
}

/// Accepts a proposal (the named bank), relying on the asset's current valuation: the pledge becomes
/// active and locks the asset.
pub async fn accept(client: &Client, signer: &Signer, pledge: u64) -> Result<Accepted, ClientError> {
	let call = RuntimeCall::Pledge(PledgeCall::accept { pledge });
	let ((asset, pledgee, valuation_index, valuation_fen), included) =
		submit_expecting(client, signer, call, "Pledge.Accepted", |event| match event {
			RuntimeEvent::Pledge(PledgeEvent::Accepted {
				pledge: p,
				asset,
				pledgee,
				valuation_index,
				valuation_fen,
			}) if *p == pledge => Some((*asset, pledgee.clone(), *valuation_index, *valuation_fen)),
			_ => None,
		})
		.await?;
	Ok(Accepted {
		pledge,
		asset,
		pledgee,
		valuation_index,
		valuation_fen,
		valuation_cny: fen_to_cny(valuation_fen),
		included,
	})
}

/// Withdraws a proposal the bank has not accepted (the proposer).
pub async fn withdraw_proposal(
	client: &Client,
	signer: &Signer,
	pledge: u64,
) -> Result<PledgeEnded, ClientError> {
	let call = RuntimeCall::Pledge(PledgeCall::withdraw_proposal { pledge });
	let (asset, included) =
		submit_expecting(client, signer, call, "Pledge.ProposalWithdrawn", |event| match event {
			RuntimeEvent::Pledge(PledgeEvent::ProposalWithdrawn { pledge: p, asset }) if *p == pledge => {
				Some(*asset)
			}
			_ => None,
		})
		.await?;
	Ok(PledgeEnded { pledge, asset, included })
}

/// Releases an active pledge (the bank), unlocking the asset.
pub async fn release(client: &Client, signer: &Signer, pledge: u64) -> Result<PledgeEnded, ClientError> {
	let call = RuntimeCall::Pledge(PledgeCall::release { pledge });
	let (asset, included) = submit_expecting(client, signer, call, "Pledge.Released", |event| match event {
		RuntimeEvent::Pledge(PledgeEvent::Released { pledge: p, asset }) if *p == pledge => Some(*asset),
		_ => None,
	})
	.await?;
	Ok(PledgeEnded { pledge, asset, included })
}

/// Enforces an active pledge on default (the bank): the asset goes to `buyer`, or to the bank itself
/// when `None`.
pub async fn enforce(
	client: &Client,
	signer: &Signer,
	pledge: u64,
	buyer: Option<AccountId>,
) -> Result<Enforced, ClientError> {
	let call = RuntimeCall::Pledge(PledgeCall::enforce { pledge, buyer });
	let ((asset, to), included) =
		submit_expecting(client, signer, call, "Pledge.Enforced", |event| match event {
			RuntimeEvent::Pledge(PledgeEvent::Enforced { pledge: p, asset, to }) if *p == pledge => {
				Some((*asset, to.clone()))
			}
			_ => None,
		})
		.await?;
	Ok(Enforced { pledge, asset, to, included })
}

/// One page of `ipr_getValuations`: up to `limit` valuations of `asset` (default and at most 1 000)
/// from index `start`, which is current, and where the next page starts, at block `at` (default:
/// best); `None` for an unknown asset.
pub async fn valuations_page(
	client: &Client,
	asset: u64,
	start: u32,
	limit: Option<u32>,
	at: Option<Hash>,
) -> Result<Option<ValuationsView>, ClientError> {
	client.call("ipr_getValuations", rpc_params![asset, at, start, limit]).await
}

/// Every valuation of `asset`, oldest first, and which is current, read page by page at one block
/// (`at`, default: the best block when asked) by following each page's `next`; the answer has them
/// all and no `next`. `None` for an unknown asset.
pub async fn valuations(
	client: &Client,
	asset: u64,
	at: Option<Hash>,
) -> Result<Option<ValuationsView>, ClientError> {
	let at = match at {
		Some(hash) => hash,
		None => client.call::<Hash>("chain_getBlockHash", rpc_params![]).await?,
	};
	let Some(mut all) = valuations_page(client, asset, 0, None, Some(at)).await? else { return Ok(None) };
	while let Some(start) = all.next {
		let Some(page) = valuations_page(client, asset, start, None, Some(at)).await? else {
			return Ok(None);
		};
		all.valuations.extend(page.valuations);
		all.next = page.next;
	}
	Ok(Some(all))
}

/// `ipr_getPledge`: a pledge with its whole history (at most three entries) at block `at` (default:
/// best); `None` if no pledge has that id.
pub async fn pledge(
	client: &Client,
	pledge: u64,
	at: Option<Hash>,
) -> Result<Option<PledgeDetailView>, ClientError> {
	client.call("ipr_getPledge", rpc_params![pledge, at]).await
}

/// The bank's check: one `ipr_assetStatus` call for the asset `query` names, at the best block, or
/// with `finalized` at the latest finalized block (`chain_getFinalizedHead`), so the verdict rests on
/// state that cannot be reorganised. `None` if no asset has that name. The verdict is the answer's
/// `lending`.
pub async fn bank_check(
	client: &Client,
	query: &AssetQuery,
	finalized: bool,
) -> Result<Option<AssetStatusView>, ClientError> {
	let at = if finalized { Some(client.finalized_head().await?) } else { None };
	asset::status(client, query, at).await
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn finance_yuan_amounts_parse_exactly() {
		assert_eq!(parse_cny("18500000.00").unwrap(), 1_850_000_000);
		assert_eq!(parse_cny("10000000").unwrap(), 1_000_000_000);
		assert_eq!(parse_cny(" 0.1 ").unwrap(), 10);
		assert_eq!(parse_cny("0.01").unwrap(), 1);
		assert_eq!(parse_cny("0").unwrap(), 0);
		assert_eq!(parse_cny("007.50").unwrap(), 750);
		// Exactly what a float would get wrong.
		assert_eq!(parse_cny("0.29").unwrap(), 29);
		assert_eq!(parse_cny("1234567890123456789.99").unwrap(), 123_456_789_012_345_678_999);
		let max = u128::MAX;
		assert_eq!(parse_cny(&fen_to_cny(max)).unwrap(), max);
		for (bad, why) in [
			("1.234", "more than two decimals"),
			("-5", "negative"),
			("", "no digits"),
			(".5", "no digits before"),
			("5.", "no digits after"),
			("1,000.00", "not a decimal"),
			("1e6", "not a decimal"),
			("1.2.3", "not a decimal"),
			("¥100", "not a decimal"),
			("+100", "not a decimal"),
			("1 000", "not a decimal"),
			("0x10", "not a decimal"),
			("NaN", "not a decimal"),
			("340282366920938463463374607431768211456", "too large"),
			("3402823669209384634633746074317682115", "too large"),
		] {
			let error = parse_cny(bad).expect_err(bad).to_string();
			assert!(error.contains(why) && error.contains("18500000.00"), "{bad}: {error}");
		}
	}

	#[test]
	fn finance_fen_amounts_and_formatting() {
		assert_eq!(parse_fen("1850000000").unwrap(), 1_850_000_000);
		for bad in ["", "1.5", "-1", "1e3", "340282366920938463463374607431768211456"] {
			assert!(parse_fen(bad).is_err(), "{bad} accepted");
		}
		assert_eq!(format_yuan(1_850_000_000), "18,500,000.00");
		assert_eq!(format_yuan(100_000), "1,000.00");
		assert_eq!(format_yuan(99_999), "999.99");
		assert_eq!(format_yuan(5), "0.05");
		assert_eq!(format_yuan(0), "0.00");
		assert_eq!(format_fen_text("1000000000"), "10,000,000.00 CNY");
		assert_eq!(format_fen_text("x"), "x fen");
		for fen in [0u128, 1, 99, 100, 12_345_678, u128::MAX] {
			assert_eq!(parse_cny(&format_yuan(fen).replace(',', "")).unwrap(), fen);
		}
	}

	#[test]
	fn finance_methods_and_requests_are_checked() {
		assert_eq!(parse_method("income").unwrap(), ValuationMethod::Income);
		assert_eq!(parse_method(" Mixed ").unwrap(), ValuationMethod::Mixed);
		let unknown = parse_method("appraised").unwrap_err().to_string();
		assert!(unknown.contains("cost, income, market, mixed"), "{unknown}");

		let now = 1_796_038_212_000;
		assert_eq!(days_after("--days", now, 2).unwrap(), now + 2 * MS_PER_DAY);
		assert!(days_after("--days", now, u64::MAX).is_err());

		let valuation = ValuationRequest {
			asset: 3,
			value_fen: 1,
			method: ValuationMethod::Cost,
			report_digest: [1; 32],
			valid_until_ms: now + 1,
		};
		assert!(valuation.validate(now).is_ok());
		assert!(ValuationRequest { value_fen: 0, ..valuation.clone() }.validate(now).is_err());
		let past = ValuationRequest { valid_until_ms: now, ..valuation }.validate(now).unwrap_err();
		assert!(past.to_string().contains("2026-11-30T11:30:12.000Z"), "{past}");

		let pledge =
			PledgeRequest { asset: 3, bank: AccountId::new([4; 32]), secured_fen: 1, maturity_ms: now + 1 };
		assert!(pledge.validate(now).is_ok());
		let zero = PledgeRequest { secured_fen: 0, ..pledge.clone() }.validate(now).unwrap_err();
		assert!(zero.to_string().contains("more than zero"), "{zero}");
		assert!(PledgeRequest { maturity_ms: now - 1, ..pledge }.validate(now).is_err());
	}

	#[test]
	fn finance_pallet_errors_come_with_their_docs() {
		assert_eq!(
			asset::error_doc("Valuation.NotAppraiser").as_deref(),
			Some("Only an `Appraiser` may submit valuations.")
		);
		assert_eq!(
			asset::error_doc("Pledge.NotPledgee").as_deref(),
			Some("Only the pledge's bank may do this.")
		);
		let pledged = asset::explain(&ClientError::DispatchFailed("DataIp.Pledged".into()));
		assert!(pledged.starts_with("transaction failed on chain: DataIp.Pledged — "), "{pledged}");
	}

	#[test]
	fn finance_answers_serialize_amounts_as_strings() {
		let included = Included { block_number: 7, block_hash: Hash::repeat_byte(1) };
		let valued = Valued {
			asset: 3,
			index: 0,
			appraiser: AccountId::new([2; 32]),
			value_fen: 1_850_000_000,
			value_cny: fen_to_cny(1_850_000_000),
			method: ValuationMethod::Income,
			valid_until_ms: 5,
			included,
		};
		let json = serde_json::to_value(&valued).unwrap();
		assert_eq!(json["valueFen"], "1850000000");
		assert_eq!(json["valueCny"], "18500000.00");
		assert_eq!(json["method"], "income");
		assert_eq!(json["validUntil"], 5);
		assert_eq!(json["blockNumber"], 7);
	}
}
