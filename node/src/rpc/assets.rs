//! `ipr_assetStatus`, `ipr_certificateStatus`, `ipr_assetHistory`, `ipr_assetHistoryPage`,
//! `ipr_getValuations` and `ipr_getPledge`: data-IP registrations as a bank or a court reads them.
//!
//! Every answer is judged at the timestamp of the block read (`at`, default the best block), never
//! at the node's clock, so it depends only on the chain's state there; and every list is one bounded
//! page (see [`super::pages`]).

use std::sync::Arc;

use iprchain_primitives::rpc::{
	AssetStatusView, AtView, CertificateStatusView, HistoryEntryView, HistoryPageView, PledgeDetailView,
	ValuationsView,
};
use iprchain_runtime::status_api::{AssetStatusApi, AssetStatusParts};
use iprchain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_data_ip::{
	numbers::{registration_no_is_valid, CERTIFICATE_NO_LEN, REGISTRATION_NO_LEN},
	runtime_api::{DataIpApi, MAX_HISTORY_PAGE},
	AssetInfo,
};
use pallet_insurance::runtime_api::InsuranceApi;
use pallet_pledge::{runtime_api::PledgeApi, Pledge, PledgeState};
use pallet_valuation::{
	runtime_api::{ValuationApi, MAX_VALUATIONS_PAGE},
	Valuation,
};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;

use super::views::{asset_view, history_view, pledge_history_view, pledge_view, text, valuation_view};
use super::{internal_error, invalid_params, pages, resolve_at};

/// How an asset is named in `ipr_assetStatus`: its id, or a certificate or registration number.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AssetRef {
	/// The asset id as a JSON number.
	Id(u64),
	/// An id, a 17-digit certificate number or a 16-character registration number, as a string.
	Text(String),
}

/// The data-IP RPC methods. Parameters added after the first release come after `at`, so that
/// clients written before them keep working.
#[rpc(server)]
pub trait AssetsApi {
	/// The asset named by id, certificate number or registration number, with its effective status;
	/// `null` if no asset has that name. See docs/rpc.md.
	#[method(name = "ipr_assetStatus")]
	fn asset_status(&self, asset: AssetRef, at: Option<Hash>) -> RpcResult<Option<AssetStatusView>>;

	/// Whether the certificate is valid, expired, revoked, cancelled or frozen; `null` if no such
	/// certificate was issued.
	#[method(name = "ipr_certificateStatus")]
	fn certificate_status(
		&self,
		certificate_no: String,
		at: Option<Hash>,
	) -> RpcResult<Option<CertificateStatusView>>;

	/// A pledge with its whole history (at most three entries); `null` if no pledge has that id.
	#[method(name = "ipr_getPledge")]
	fn get_pledge(&self, pledge: u64, at: Option<Hash>) -> RpcResult<Option<PledgeDetailView>>;

	/// One page of an asset's valuations, from index `start` (default 0), at most `limit` (default
	/// and maximum 1 000), and which is current; `null` for an unknown asset.
	#[method(name = "ipr_getValuations")]
	fn get_valuations(
		&self,
		asset: u64,
		at: Option<Hash>,
		start: Option<u32>,
		limit: Option<u32>,
	) -> RpcResult<Option<ValuationsView>>;

	/// Entries of the asset's history from `start` (default 0), at most `limit` (default and maximum
	/// 1 000), as a bare list; `null` for an unknown asset. `ipr_assetHistoryPage` says where the
	/// next page starts.
	#[method(name = "ipr_assetHistory")]
	fn asset_history(
		&self,
		asset: u64,
		start: Option<u32>,
		at: Option<Hash>,
		limit: Option<u32>,
	) -> RpcResult<Option<Vec<HistoryEntryView>>>;

	/// One page of the asset's history from `start` (default 0), at most `limit` (default and maximum
	/// 1 000), with the history's length and the start of the next page; `null` for an unknown asset.
	#[method(name = "ipr_assetHistoryPage")]
	fn asset_history_page(
		&self,
		asset: u64,
		start: Option<u32>,
		limit: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Option<HistoryPageView>>;
}

/// Serves [`AssetsApiServer`] from the runtime's `DataIpApi`.
pub struct Assets<C> {
	client: Arc<C>,
}

impl<C> Assets<C> {
	/// Serves `client`'s state.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

/// What an asset query found: the asset, the block and the time it was evaluated at.
pub(super) struct Found {
	pub(super) info: AssetInfo<AccountId>,
	pub(super) hash: Hash,
	pub(super) at: AtView,
	pub(super) evaluated_at: u64,
}

/// The parts of [`AssetStatusParts`] besides the asset: valuation, pledge, grace and policies.
type StatusParts = (
	Option<(u32, Valuation<AccountId>)>,
	Option<(u64, Pledge<AccountId>)>,
	u64,
	Vec<(u64, pallet_insurance::PolicyInfo<AccountId>)>,
);

impl<C> Assets<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DataIpApi<Block, AccountId, BlockNumber>
		+ ValuationApi<Block, AccountId>
		+ PledgeApi<Block, AccountId, BlockNumber>
		+ InsuranceApi<Block, AccountId>
		+ AssetStatusApi<Block, AccountId>,
{
	/// Reads `asset` at `at`, judged at that block's timestamp (the runtime's time when it is given
	/// none): the same question at the same block always gets the same answer.
	fn find(&self, asset: u64, at: Option<Hash>) -> RpcResult<Option<Found>> {
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let info = self.client.runtime_api().asset(hash, asset, None).map_err(runtime_error)?;
		Ok(info.map(|info| Found { evaluated_at: info.evaluated_at_ms, info, hash, at }))
	}

	/// Everything `ipr_assetStatus` shows about `asset` at `at`, from one runtime call (so from one
	/// execution at one block), judged at that block's timestamp.
	fn status_parts(&self, asset: u64, at: Option<Hash>) -> RpcResult<Option<(Found, StatusParts)>> {
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let parts = self.client.runtime_api().asset_status(hash, asset, None).map_err(runtime_error)?;
		Ok(parts.map(|AssetStatusParts { info, valuation, pledge, enforcement_grace_ms, policies }| {
			let found = Found { evaluated_at: info.evaluated_at_ms, info, hash, at };
			(found, (valuation, pledge, enforcement_grace_ms, policies))
		}))
	}

	fn lookup_certificate(&self, number: &str, at: Option<Hash>) -> RpcResult<Option<u64>> {
		let certificate_no = parse_certificate_no(number)?;
		let (hash, _, _) = resolve_at(&*self.client, at)?;
		self.client.runtime_api().asset_by_certificate(hash, certificate_no).map_err(runtime_error)
	}

	fn lookup_registration(&self, number: &str, at: Option<Hash>) -> RpcResult<Option<u64>> {
		let bytes = number.as_bytes();
		if !registration_no_is_valid(bytes) {
			return Err(invalid_params(format!(
				"malformed registration number `{number}`: 15 digits and a check character (0-9 or X)"
			)));
		}
		let mut registration_no = [0u8; REGISTRATION_NO_LEN];
		registration_no.copy_from_slice(bytes);
		let (hash, _, _) = resolve_at(&*self.client, at)?;
		self.client.runtime_api().asset_by_registration(hash, registration_no).map_err(runtime_error)
	}

	/// One page of `asset`'s history at `at`, with its length and the next page's start; `None` for an
	/// unknown asset. One runtime call, which reads only the page.
	fn history(
		&self,
		asset: u64,
		start: Option<u32>,
		limit: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Option<HistoryPageView>> {
		let limit = pages::limit(limit, MAX_HISTORY_PAGE, "history entries")?;
		let start = start.unwrap_or(0);
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let page = DataIpApi::history(&*self.client.runtime_api(), hash, asset, start, limit)
			.map_err(runtime_error)?;
		Ok(page.map(|(entries, total)| {
			let next = pages::next(start, entries.len(), total);
			let entries =
				entries.into_iter().zip(start..).map(|(entry, index)| history_view(index, entry)).collect();
			HistoryPageView { asset, entries, total, next, at }
		}))
	}
}

impl<C> AssetsApiServer for Assets<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DataIpApi<Block, AccountId, BlockNumber>
		+ ValuationApi<Block, AccountId>
		+ PledgeApi<Block, AccountId, BlockNumber>
		+ InsuranceApi<Block, AccountId>
		+ AssetStatusApi<Block, AccountId>,
{
	fn asset_status(&self, asset: AssetRef, at: Option<Hash>) -> RpcResult<Option<AssetStatusView>> {
		let id = match asset {
			AssetRef::Id(id) => Some(id),
			AssetRef::Text(text) => {
				let text = text.trim();
				if text.len() == CERTIFICATE_NO_LEN {
					self.lookup_certificate(text, at)?
				} else if text.len() == REGISTRATION_NO_LEN {
					self.lookup_registration(text, at)?
				} else {
					Some(text.parse::<u64>().map_err(|_| {
						invalid_params(format!(
							"`{text}` is neither an asset id, a 17-digit certificate number nor a \
							 16-character registration number"
						))
					})?)
				}
			}
		};
		let Some(id) = id else { return Ok(None) };
		let Some((found, (valuation, pledge, grace, policies))) = self.status_parts(id, at)? else {
			return Ok(None);
		};
		let policies = policies.into_iter().map(|(_, policy)| text(&policy.policy_no)).collect();
		let valuation =
			valuation.map(|(index, valuation)| valuation_view(index, valuation, found.evaluated_at));
		let pledge =
			pledge.map(|(pledge_id, pledge)| pledge_view(pledge_id, pledge, PledgeState::Active, grace));
		Ok(Some(asset_view(found, valuation, pledge, policies)))
	}

	fn get_pledge(&self, pledge: u64, at: Option<Hash>) -> RpcResult<Option<PledgeDetailView>> {
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let api = self.client.runtime_api();
		let Some(record) = api.pledge(hash, pledge).map_err(runtime_error)? else { return Ok(None) };
		let state = api
			.pledge_state(hash, pledge, None)
			.map_err(runtime_error)?
			.ok_or_else(|| internal_error(format!("pledge {pledge} has a record but no state")))?;
		let grace = api.enforcement_grace_ms(hash).map_err(runtime_error)?;
		// At most `pallet_pledge::MAX_HISTORY` entries, so the history needs no page.
		let history = api
			.pledge_history(hash, pledge)
			.map_err(runtime_error)?
			.into_iter()
			.zip(0..)
			.map(|(entry, index)| pledge_history_view(index, entry))
			.collect();
		Ok(Some(PledgeDetailView { pledge: pledge_view(pledge, record, state, grace), history, at }))
	}

	fn get_valuations(
		&self,
		asset: u64,
		at: Option<Hash>,
		start: Option<u32>,
		limit: Option<u32>,
	) -> RpcResult<Option<ValuationsView>> {
		let limit = pages::limit(limit, MAX_VALUATIONS_PAGE, "valuations")?;
		let start = start.unwrap_or(0);
		let Some(found) = self.find(asset, at)? else { return Ok(None) };
		let api = self.client.runtime_api();
		let now = found.evaluated_at;
		let current =
			api.current(found.hash, asset, Some(now)).map_err(runtime_error)?.map(|(index, _)| index);
		let (page, total) = api.valuations(found.hash, asset, start, limit).map_err(runtime_error)?;
		let next = pages::next(start, page.len(), total);
		let valuations = page
			.into_iter()
			.zip(start..)
			.map(|(valuation, index)| valuation_view(index, valuation, now))
			.collect();
		Ok(Some(ValuationsView { asset, current, valuations, total, next, at: found.at }))
	}

	fn certificate_status(
		&self,
		certificate_no: String,
		at: Option<Hash>,
	) -> RpcResult<Option<CertificateStatusView>> {
		let number = parse_certificate_no(certificate_no.trim())?;
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let Some(info) = self.client.runtime_api().certificate(hash, number, None).map_err(runtime_error)?
		else {
			return Ok(None);
		};
		let registration = info.registration;
		Ok(Some(CertificateStatusView {
			certificate_no: text(&registration.certificate_no),
			status: info.state.name().into(),
			asset: info.asset,
			holder: info.holder.to_ss58check(),
			registration_no: text(&registration.registration_no),
			valid_from: registration.valid_from_ms,
			valid_until: registration.valid_until_ms,
			frozen: info.frozen,
			evaluated_at: info.evaluated_at_ms,
			ended_at: info.ended.map(|(at_ms, _)| at_ms),
			ended_block: info.ended.map(|(_, block)| block),
			at,
		}))
	}

	fn asset_history(
		&self,
		asset: u64,
		start: Option<u32>,
		at: Option<Hash>,
		limit: Option<u32>,
	) -> RpcResult<Option<Vec<HistoryEntryView>>> {
		Ok(self.history(asset, start, limit, at)?.map(|page| page.entries))
	}

	fn asset_history_page(
		&self,
		asset: u64,
		start: Option<u32>,
		limit: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Option<HistoryPageView>> {
		self.history(asset, start, limit, at)
	}
}

fn parse_certificate_no(number: &str) -> RpcResult<[u8; CERTIFICATE_NO_LEN]> {
	let bytes = number.as_bytes();
	if bytes.len() != CERTIFICATE_NO_LEN || !bytes.iter().all(u8::is_ascii_digit) {
		return Err(invalid_params(format!("malformed certificate number `{number}`: 17 digits")));
	}
	let mut out = [0u8; CERTIFICATE_NO_LEN];
	out.copy_from_slice(bytes);
	Ok(out)
}

fn runtime_error(error: sp_api::ApiError) -> jsonrpsee::types::ErrorObjectOwned {
	internal_error(format!("runtime call failed: {error}"))
}
