//! `ipr_assetStatus`, `ipr_certificateStatus` and `ipr_assetHistory`: data-IP registrations as a bank
//! or a court reads them.

use std::sync::Arc;

use iprchain_primitives::rpc::{
	fen_to_cny, to_hex, ApplicationView, AssetStatusView, AtView, CertificateStatusView, EvidenceRefView,
	FreezeView, HistoryEntryView, LendingView, LicenceView, PledgeDetailView, PledgeView, ValuationView,
	ValuationsView,
};
use iprchain_runtime::status_api::{AssetStatusApi, AssetStatusParts};
use iprchain_runtime::{opaque::Block, AccountId, BlockNumber, Hash};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_data_ip::{
	numbers::{registration_no_is_valid, CERTIFICATE_NO_LEN, REGISTRATION_NO_LEN},
	runtime_api::DataIpApi,
	Action, Application, AssetInfo, AssetStatus, EffectiveStatus, EvidenceRef, HistoryEntry, Named,
};
use pallet_insurance::runtime_api::InsuranceApi;
use pallet_pledge::{runtime_api::PledgeApi, Pledge, PledgeState, PledgeStatus};
use pallet_valuation::{runtime_api::ValuationApi, Valuation};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;

use super::{internal_error, invalid_params, resolve_at, wall_clock_ms};

/// Most history entries one `ipr_assetHistory` call returns.
const MAX_HISTORY_PAGE: u32 = 1_000;

/// How an asset is named in `ipr_assetStatus`: its id, or a certificate or registration number.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AssetRef {
	/// The asset id as a JSON number.
	Id(u64),
	/// An id, a 17-digit certificate number or a 16-character registration number, as a string.
	Text(String),
}

/// The data-IP RPC methods.
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

	/// A pledge with its history; `null` if no pledge has that id.
	#[method(name = "ipr_getPledge")]
	fn get_pledge(&self, pledge: u64, at: Option<Hash>) -> RpcResult<Option<PledgeDetailView>>;

	/// Every valuation of an asset and which is current; `null` for an unknown asset.
	#[method(name = "ipr_getValuations")]
	fn get_valuations(&self, asset: u64, at: Option<Hash>) -> RpcResult<Option<ValuationsView>>;

	/// Entries of the asset's history from `start` (default 0), at most 1 000; `null` for an unknown
	/// asset.
	#[method(name = "ipr_assetHistory")]
	fn asset_history(
		&self,
		asset: u64,
		start: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Option<Vec<HistoryEntryView>>>;
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
struct Found {
	info: AssetInfo<AccountId>,
	hash: Hash,
	at: AtView,
	evaluated_at: u64,
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
	/// Reads `asset` at `at`. At the best block, expiry is judged by the node's clock, so a chain
	/// that has stalled does not keep an expired registration valid; at a given block, by that
	/// block's timestamp, so the answer is what the chain said then.
	fn find(&self, asset: u64, at: Option<Hash>) -> RpcResult<Option<Found>> {
		let now_ms = match at {
			None => Some(wall_clock_ms()),
			Some(_) => None,
		};
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let info = self.client.runtime_api().asset(hash, asset, now_ms).map_err(runtime_error)?;
		Ok(info.map(|info| Found { evaluated_at: info.evaluated_at_ms, info, hash, at }))
	}

	/// Everything `ipr_assetStatus` shows about `asset` at `at`, from one runtime call (so from one
	/// execution at one block), judged at the same time as [`Self::find`] judges it.
	fn status_parts(&self, asset: u64, at: Option<Hash>) -> RpcResult<Option<(Found, StatusParts)>> {
		let now_ms = match at {
			None => Some(wall_clock_ms()),
			Some(_) => None,
		};
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let parts = self.client.runtime_api().asset_status(hash, asset, now_ms).map_err(runtime_error)?;
		Ok(parts.map(|AssetStatusParts { info, valuation, pledge, enforcement_grace_ms, policies }| {
			let found = Found { evaluated_at: info.evaluated_at_ms, info, hash, at };
			(found, (valuation, pledge, enforcement_grace_ms, policies))
		}))
	}

	/// The runtime's enforcement grace after maturity, for a pledge's in-force end.
	fn grace_ms(&self, hash: Hash) -> RpcResult<u64> {
		self.client.runtime_api().enforcement_grace_ms(hash).map_err(runtime_error)
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
		let now_ms = if at.is_none() { Some(wall_clock_ms()) } else { None };
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let api = self.client.runtime_api();
		let Some(record) = api.pledge(hash, pledge).map_err(runtime_error)? else { return Ok(None) };
		let state = api
			.pledge_state(hash, pledge, now_ms)
			.map_err(runtime_error)?
			.ok_or_else(|| internal_error(format!("pledge {pledge} has a record but no state")))?;
		let grace = self.grace_ms(hash)?;
		let history = api
			.pledge_history(hash, pledge)
			.map_err(runtime_error)?
			.into_iter()
			.enumerate()
			.map(|(index, entry)| pledge_history_view(index as u32, entry))
			.collect();
		Ok(Some(PledgeDetailView { pledge: pledge_view(pledge, record, state, grace), history, at }))
	}

	fn get_valuations(&self, asset: u64, at: Option<Hash>) -> RpcResult<Option<ValuationsView>> {
		let Some(found) = self.find(asset, at)? else { return Ok(None) };
		let api = self.client.runtime_api();
		let now = found.evaluated_at;
		let current =
			api.current(found.hash, asset, Some(now)).map_err(runtime_error)?.map(|(index, _)| index);
		let valuations = api
			.valuations(found.hash, asset)
			.map_err(runtime_error)?
			.into_iter()
			.enumerate()
			.map(|(index, valuation)| valuation_view(index as u32, valuation, now))
			.collect();
		Ok(Some(ValuationsView { asset, current, valuations, at: found.at }))
	}

	fn certificate_status(
		&self,
		certificate_no: String,
		at: Option<Hash>,
	) -> RpcResult<Option<CertificateStatusView>> {
		let Some(id) = self.lookup_certificate(certificate_no.trim(), at)? else { return Ok(None) };
		let Some(Found { info, at, evaluated_at, .. }) = self.find(id, at)? else { return Ok(None) };
		let (certificate, registration_no, valid_from, valid_until) = match &info.asset.status {
			AssetStatus::Registered { certificate_no, registration_no, valid_from_ms, valid_until_ms } => {
				(*certificate_no, *registration_no, *valid_from_ms, *valid_until_ms)
			}
			// Cancelled and revoked records drop their numbers from the status; the history keeps
			// them.
			_ => registration_of(&self.client, id, &at)?,
		};
		let status = match info.effective {
			EffectiveStatus::Revoked => "revoked",
			EffectiveStatus::Cancelled => "cancelled",
			EffectiveStatus::Expired => "expired",
			EffectiveStatus::Registered if info.frozen => "frozen",
			EffectiveStatus::Registered => "valid",
			other => {
				return Err(internal_error(format!(
					"certificate {} indexes asset {id}, which is {}",
					certificate_no.trim(),
					other.name()
				)))
			}
		};
		Ok(Some(CertificateStatusView {
			certificate_no: text(&certificate),
			status: status.into(),
			asset: id,
			holder: info.asset.holder.to_ss58check(),
			registration_no: text(&registration_no),
			valid_from,
			valid_until,
			frozen: info.frozen,
			evaluated_at,
			at,
		}))
	}

	fn asset_history(
		&self,
		asset: u64,
		start: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Option<Vec<HistoryEntryView>>> {
		let (hash, _, _) = resolve_at(&*self.client, at)?;
		let api = self.client.runtime_api();
		if api.asset(hash, asset, None).map_err(runtime_error)?.is_none() {
			return Ok(None);
		}
		let start = start.unwrap_or(0);
		let entries =
			DataIpApi::history(&*api, hash, asset, start, MAX_HISTORY_PAGE).map_err(runtime_error)?;
		Ok(Some(
			entries
				.into_iter()
				.enumerate()
				.map(|(offset, entry)| history_view(start + offset as u32, entry))
				.collect(),
		))
	}
}

/// The numbers and validity a cancelled or revoked asset was registered with, from its history.
fn registration_of<C>(
	client: &Arc<C>,
	asset: u64,
	at: &AtView,
) -> RpcResult<([u8; CERTIFICATE_NO_LEN], [u8; REGISTRATION_NO_LEN], u64, u64)>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	C::Api: DataIpApi<Block, AccountId, BlockNumber>,
{
	let hash = parse_hash(&at.hash)?;
	let entries = client.runtime_api().history(hash, asset, 0, u32::MAX).map_err(runtime_error)?;
	let mut found = None;
	for entry in entries {
		match entry.action {
			Action::Registered { certificate_no, registration_no, valid_until_ms } => {
				found = Some((certificate_no, registration_no, entry.at_ms, valid_until_ms));
			}
			Action::Renewed { valid_until_ms } => {
				if let Some(found) = found.as_mut() {
					found.3 = valid_until_ms;
				}
			}
			_ => {}
		}
	}
	found.ok_or_else(|| internal_error(format!("asset {asset} has a certificate but no registration entry")))
}

fn asset_view(
	Found { info, at, evaluated_at, .. }: Found,
	valuation: Option<ValuationView>,
	pledge: Option<PledgeView>,
	policies: Vec<String>,
) -> AssetStatusView {
	let asset = info.asset;
	let lending = lending_view(&info.effective, info.frozen, pledge.as_ref(), valuation.as_ref());
	let mut view = AssetStatusView {
		id: info.id,
		holder: asset.holder.to_ss58check(),
		status: info.effective.name().into(),
		frozen: info.frozen,
		evaluated_at,
		certificate_no: None,
		registration_no: None,
		valid_from: None,
		valid_until: None,
		notice_until: None,
		objector: None,
		revocation_reason: None,
		applied_at: asset.applied_at_ms,
		freeze: asset.freeze.map(|freeze| FreezeView {
			court: freeze.court.to_ss58check(),
			order_digest: to_hex(&freeze.order_digest),
			since: freeze.since_ms,
			until: freeze.until_ms,
		}),
		version: asset.version,
		application: application_view(asset.application),
		licences: info
			.licences
			.into_iter()
			.map(|licence| LicenceView {
				licensee: licence.licensee.to_ss58check(),
				kind: licence.kind.name().into(),
				scope: String::from_utf8_lossy(&licence.scope).into_owned(),
				start: licence.start_ms,
				end: licence.end_ms,
				licensor: licence.licensor.to_ss58check(),
				granted_at: licence.granted_at_ms,
				active: licence.start_ms <= evaluated_at && evaluated_at < licence.end_ms,
			})
			.collect(),
		history_length: info.history_len,
		valuation,
		pledge,
		policies,
		lending,
		at,
	};
	match asset.status {
		AssetStatus::UnderNotice { until_ms } => view.notice_until = Some(until_ms),
		AssetStatus::Objected { until_ms, objector } => {
			view.notice_until = Some(until_ms);
			view.objector = Some(objector.to_ss58check());
		}
		AssetStatus::Registered { certificate_no, registration_no, valid_from_ms, valid_until_ms } => {
			view.certificate_no = Some(text(&certificate_no));
			view.registration_no = Some(text(&registration_no));
			view.valid_from = Some(valid_from_ms);
			view.valid_until = Some(valid_until_ms);
		}
		AssetStatus::Revoked { reason_digest } => view.revocation_reason = Some(to_hex(&reason_digest)),
		AssetStatus::Rejected | AssetStatus::Withdrawn | AssetStatus::Cancelled => {}
	}
	view
}

fn lending_view(
	status: &EffectiveStatus,
	frozen: bool,
	pledge: Option<&PledgeView>,
	valuation: Option<&ValuationView>,
) -> LendingView {
	let mut reasons = Vec::new();
	if *status != EffectiveStatus::Registered {
		reasons.push(format!("not a live registration (status: {})", status.name()));
	}
	if frozen {
		reasons.push("frozen by a court order".to_string());
	}
	if let Some(pledge) = pledge {
		reasons.push(format!("already pledged (pledge {} to {})", pledge.id, pledge.pledgee));
	}
	if valuation.is_none() {
		reasons.push("no current valuation".to_string());
	}
	LendingView { lendable: reasons.is_empty(), reasons }
}

fn valuation_view(index: u32, valuation: Valuation<AccountId>, now_ms: u64) -> ValuationView {
	let in_force = valuation.withdrawn.is_none() && now_ms < valuation.valid_until_ms;
	ValuationView {
		index,
		appraiser: valuation.appraiser.to_ss58check(),
		value_fen: valuation.value_fen.to_string(),
		value_cny: fen_to_cny(valuation.value_fen),
		method: valuation.method.name().into(),
		report_digest: to_hex(&valuation.report_digest),
		valued_at: valuation.valued_at_ms,
		valid_until: valuation.valid_until_ms,
		withdrawn_at: valuation.withdrawn.as_ref().map(|w| w.at_ms),
		withdrawal_reason: valuation.withdrawn.as_ref().map(|w| to_hex(&w.reason_digest)),
		in_force,
	}
}

fn pledge_view(id: u64, pledge: Pledge<AccountId>, state: PledgeState, grace_ms: u64) -> PledgeView {
	let mut view = PledgeView {
		id,
		asset: pledge.asset,
		state: state.name().into(),
		pledgor: pledge.pledgor.to_ss58check(),
		pledgee: pledge.pledgee.to_ss58check(),
		secured_fen: pledge.secured_fen.to_string(),
		secured_cny: fen_to_cny(pledge.secured_fen),
		maturity: pledge.maturity_ms,
		in_force_until: pledge.in_force_until_ms(grace_ms),
		proposed_at: pledge.proposed_at_ms,
		accepted_at: None,
		valuation_index: None,
		valuation_fen: None,
		enforced_to: None,
	};
	match pledge.status {
		PledgeStatus::Active { since_ms, valuation_index, valuation_fen } => {
			view.accepted_at = Some(since_ms);
			view.valuation_index = Some(valuation_index);
			view.valuation_fen = Some(valuation_fen.to_string());
		}
		PledgeStatus::Enforced { to, .. } => view.enforced_to = Some(to.to_ss58check()),
		PledgeStatus::Proposed { .. } | PledgeStatus::Withdrawn { .. } | PledgeStatus::Released { .. } => {}
	}
	view
}

fn pledge_history_view(
	index: u32,
	entry: pallet_pledge::HistoryEntry<AccountId, BlockNumber>,
) -> HistoryEntryView {
	use pallet_pledge::Action as PledgeAction;
	let pair = |name: &str, value: String| (name.to_string(), value);
	let (action, details) = match &entry.action {
		PledgeAction::Proposed { expires_ms } => ("proposed", vec![pair("expires", expires_ms.to_string())]),
		PledgeAction::Accepted { valuation_index, valuation_fen } => (
			"accepted",
			vec![
				pair("valuation", valuation_index.to_string()),
				pair("valuationFen", valuation_fen.to_string()),
			],
		),
		PledgeAction::ProposalWithdrawn => ("proposal-withdrawn", vec![]),
		PledgeAction::Released => ("released", vec![]),
		PledgeAction::Enforced { to } => ("enforced", vec![pair("to", to.to_ss58check())]),
	};
	HistoryEntryView {
		index,
		block_number: entry.block,
		at: entry.at_ms,
		actor: entry.actor.to_ss58check(),
		action: action.into(),
		details,
	}
}

fn application_view(application: Application<Vec<u8>, Vec<EvidenceRef>>) -> ApplicationView {
	ApplicationView {
		name: String::from_utf8_lossy(&application.name).into_owned(),
		category: application.category,
		source_type: application.source_type.name().into(),
		source_evidence: application.source_evidence.map(evidence_view),
		holder_type: application.holder_type.name().into(),
		scale: String::from_utf8_lossy(&application.scale).into_owned(),
		format: String::from_utf8_lossy(&application.format).into_owned(),
		update_frequency: application.update_frequency.name().into(),
		structure_digest: to_hex(&application.structure_digest),
		sample_digest: to_hex(&application.sample_digest),
		rules_digest: to_hex(&application.rules_digest),
		row_root: application.row_root.map(|root| to_hex(&root)),
		evidence: application.evidence.into_iter().map(evidence_view).collect(),
	}
}

fn evidence_view(evidence: EvidenceRef) -> EvidenceRefView {
	EvidenceRefView { algo: evidence.algo.name().into(), digest: to_hex(&evidence.digest) }
}

fn history_view(index: u32, entry: HistoryEntry<AccountId, BlockNumber>) -> HistoryEntryView {
	let hex = |bytes: &[u8; 32]| to_hex(bytes);
	let pair = |name: &str, value: String| (name.to_string(), value);
	let details = match &entry.action {
		Action::Applied { holder } => vec![pair("holder", holder.to_ss58check())],
		Action::Objected { evidence } => {
			vec![pair("algo", evidence.algo.name().into()), pair("evidence", hex(&evidence.digest))]
		}
		Action::ObjectionUpheld | Action::ObjectionDismissed | Action::Withdrawn | Action::Cancelled => {
			vec![]
		}
		Action::Registered { certificate_no, registration_no, valid_until_ms } => vec![
			pair("certificateNo", text(certificate_no)),
			pair("registrationNo", text(registration_no)),
			pair("validUntil", valid_until_ms.to_string()),
		],
		Action::Changed { version } => vec![pair("version", version.to_string())],
		Action::Transferred { from, to } => {
			vec![pair("from", from.to_ss58check()), pair("to", to.to_ss58check())]
		}
		Action::Enforced { from, to } => {
			vec![pair("from", from.to_ss58check()), pair("to", to.to_ss58check())]
		}
		Action::Licensed { index, licensee } => {
			vec![pair("licence", index.to_string()), pair("licensee", licensee.to_ss58check())]
		}
		Action::Renewed { valid_until_ms } => vec![pair("validUntil", valid_until_ms.to_string())],
		Action::Revoked { reason_digest } => vec![pair("reason", hex(reason_digest))],
		Action::Frozen { order_digest, until_ms } => {
			let mut details = vec![pair("order", hex(order_digest))];
			if let Some(until) = until_ms {
				details.push(pair("until", until.to_string()));
			}
			details
		}
		Action::Unfrozen { order_digest } => vec![pair("order", hex(order_digest))],
	};
	HistoryEntryView {
		index,
		block_number: entry.block,
		at: entry.at_ms,
		actor: entry.actor.to_ss58check(),
		action: entry.action.name().into(),
		details,
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

fn parse_hash(hex: &str) -> RpcResult<Hash> {
	let digest = iprchain_primitives::parse_digest_hex(hex).map_err(|why| internal_error(why.to_string()))?;
	Ok(Hash::from(digest))
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn runtime_error(error: sp_api::ApiError) -> jsonrpsee::types::ErrorObjectOwned {
	internal_error(format!("runtime call failed: {error}"))
}
