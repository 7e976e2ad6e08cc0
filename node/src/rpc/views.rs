//! The JSON views of what the runtime APIs answer: formatting only, no rules (those live in the
//! pallets), shared by the `ipr_*` methods of [`super::assets`].

use iprchain_primitives::rpc::{
	fen_to_cny, to_hex, ApplicationView, AssetStatusView, EvidenceRefView, FreezeView, HistoryEntryView,
	LendingView, LicenceView, PledgeView, ValuationView,
};
use iprchain_runtime::{AccountId, BlockNumber};
use pallet_data_ip::{Action, Application, AssetStatus, EffectiveStatus, EvidenceRef, HistoryEntry, Named};
use pallet_pledge::{Pledge, PledgeState, PledgeStatus};
use pallet_valuation::Valuation;
use sp_core::crypto::Ss58Codec;

use super::assets::Found;

pub(super) fn asset_view(
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

pub(super) fn valuation_view(index: u32, valuation: Valuation<AccountId>, now_ms: u64) -> ValuationView {
	let in_force = valuation.is_in_force(now_ms);
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

pub(super) fn pledge_view(
	id: u64,
	pledge: Pledge<AccountId>,
	state: PledgeState,
	grace_ms: u64,
) -> PledgeView {
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

pub(super) fn pledge_history_view(
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

pub(super) fn history_view(index: u32, entry: HistoryEntry<AccountId, BlockNumber>) -> HistoryEntryView {
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

pub(super) fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}
