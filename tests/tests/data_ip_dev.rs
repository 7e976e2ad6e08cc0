//! A data-IP registration on a running development node, through the client library and the `ipr_*`
//! RPC: notice, an objection, approval, renewal, change, transfer, a court freeze, a licence and expiry,
//! with the bank's and the court's reads (`ipr_assetStatus`, `ipr_certificateStatus`,
//! `ipr_assetHistory`) checked at each step and bad queries refused.

use anyhow::{bail, Result};
use iprchain_client::{
	pallet_data_ip::{self, ApplicationInput, DataSourceType, EvidenceRef, LicenceKind, Periods},
	pallet_roles, pallet_sudo,
	primitives::{
		rpc::{AssetStatusView, CertificateStatusView, HistoryEntryView},
		HashAlgo, Role,
	},
	rpc_params,
	runtime::{Hash, RuntimeCall, RuntimeEvent},
	Client, ClientError, Finalized, Signer,
};
use iprchain_tests::{now_ms, sample_application, text_deposit, TestNode};
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(180);

/// Short periods set by sudo for the scenario: a renewal window as long as the validity, so the
/// holder may renew right after approval, and a validity long enough for the steps that follow.
const SCENARIO: Periods = Periods { notice_ms: 30_000, validity_ms: 45_000, renewal_window_ms: 45_000 };

struct Accounts {
	/// Workstation and registrar.
	alice: Signer,
	/// Workstation and holder.
	bob: Signer,
	/// Holder and appraiser.
	charlie: Signer,
	/// Bank and insurer.
	dave: Signer,
	/// Court and holder.
	eve: Signer,
}

fn data_ip(call: pallet_data_ip::Call<iprchain_client::runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::DataIp(call)
}

fn data_ip_events(finalized: &Finalized) -> Vec<pallet_data_ip::Event<iprchain_client::runtime::Runtime>> {
	finalized
		.events
		.iter()
		.filter_map(|event| match event {
			RuntimeEvent::DataIp(event) => Some(event.clone()),
			_ => None,
		})
		.collect()
}

/// Submits `call` and expects it to fail on chain with `DataIp.<error>`.
async fn expect_refused(client: &Client, signer: &Signer, call: RuntimeCall, error: &str) -> Result<()> {
	match client.submit(signer, call).await {
		Err(ClientError::DispatchFailed(reason)) if reason == format!("DataIp.{error}") => Ok(()),
		other => bail!("expected DataIp.{error}, got {other:?}"),
	}
}

async fn deposit(client: &Client, signer: &Signer, text: &str) -> Result<EvidenceRef> {
	let request = text_deposit(text);
	client.submit(signer, request.call()).await?;
	Ok(EvidenceRef { algo: HashAlgo::Sha256, digest: request.digest })
}

async fn asset_status(client: &Client, query: serde_json::Value) -> Result<Option<AssetStatusView>> {
	Ok(client.call("ipr_assetStatus", rpc_params![query, None::<Hash>]).await?)
}

async fn certificate_status(client: &Client, number: &str) -> Result<Option<CertificateStatusView>> {
	Ok(client.call("ipr_certificateStatus", rpc_params![number, None::<Hash>]).await?)
}

fn application(contract: EvidenceRef, scale: &str) -> ApplicationInput {
	sample_application("东湖高新区企业用电数据集", DataSourceType::Licensed, Some(contract), scale)
}

/// Sleeps until the node's clock (the same machine's) is past `ms`, plus a block for the chain's
/// timestamp to follow.
async fn sleep_past(ms: u64) {
	let now = now_ms();
	if ms > now {
		tokio::time::sleep(Duration::from_millis(ms - now)).await;
	}
	tokio::time::sleep(Duration::from_secs(3)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn data_ip_registration_lifecycle_on_a_dev_node() -> Result<()> {
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	let [alice, bob, charlie, dave, eve] =
		["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve"].map(|suri| Signer::from_suri(suri).unwrap());
	let accounts = Accounts { alice, bob, charlie, dave, eve };
	bad_queries_are_refused(&client).await?;
	lifecycle(&client, &accounts).await
}

async fn bad_queries_are_refused(client: &Client) -> Result<()> {
	for (query, why) in [
		(serde_json::json!("not-an-asset"), "neither an asset id"),
		(serde_json::json!("2026114201000000A"), "malformed certificate number"),
		(serde_json::json!("2026310000000010"), "malformed registration number"),
	] {
		match asset_status(client, query.clone()).await {
			Err(error) if error.to_string().contains(why) => {}
			other => bail!("ipr_assetStatus({query}) should be refused with `{why}`, got {other:?}"),
		}
	}
	assert_eq!(asset_status(client, serde_json::json!(999_999)).await?, None);
	assert_eq!(certificate_status(client, "20261142019999999").await?, None);
	let history: Option<Vec<HistoryEntryView>> =
		client.call("ipr_assetHistory", rpc_params![999_999u64, None::<u32>, None::<Hash>]).await?;
	assert_eq!(history, None);
	Ok(())
}

async fn lifecycle(client: &Client, a: &Accounts) -> Result<()> {
	client
		.submit(
			&a.alice,
			RuntimeCall::Sudo(pallet_sudo::Call::sudo {
				call: Box::new(data_ip(pallet_data_ip::Call::set_periods { periods: SCENARIO })),
			}),
		)
		.await?;

	// Application by a workstation (Alice) on Bob's behalf, citing Bob's deposited licence contract.
	let contract = deposit(client, &a.bob, "licence contract: grid operator → Bob, 2026").await?;
	// Deposited ahead so the objection lands well inside the notice period.
	let objection = deposit(client, &a.charlie, "Charlie: the grid data is mine").await?;
	let applied = client
		.submit(
			&a.alice,
			data_ip(pallet_data_ip::Call::apply {
				holder: a.bob.account(),
				application: application(contract, "12 million rows"),
			}),
		)
		.await?;
	let asset = match data_ip_events(&applied).as_slice() {
		[pallet_data_ip::Event::Applied { asset, holder, .. }] if *holder == a.bob.account() => *asset,
		other => bail!("expected one Applied event, got {other:?}"),
	};
	let view = asset_status(client, serde_json::json!(asset)).await?.expect("asset readable");
	assert_eq!((view.status.as_str(), view.holder.as_str()), ("under-notice", a.bob.ss58().as_str()));
	assert_eq!(view.application.source_type, "licensed");
	assert_eq!(
		view.application.source_evidence.as_ref().map(|e| e.digest.clone()),
		Some(hex(&contract.digest))
	);
	let notice_until = view.notice_until.expect("notice end");
	// Alice filed it as a workstation, so as registrar she may not decide it: nobody decides its own
	// case. Sudo (the council on a real network) makes Dave a second registrar, who decides instead.
	expect_refused(client, &a.alice, data_ip(pallet_data_ip::Call::approve { asset }), "OwnApplication")
		.await?;
	let make_registrar =
		RuntimeCall::Roles(pallet_roles::Call::grant_role { who: a.dave.account(), role: Role::Registrar });
	client
		.submit(&a.alice, RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(make_registrar) }))
		.await?;
	// Approval before the notice ends is refused (checked only while the end is safely ahead, so
	// a slow machine cannot turn it into a spurious failure).
	if now_ms() + 4_000 < notice_until {
		expect_refused(client, &a.dave, data_ip(pallet_data_ip::Call::approve { asset }), "NoticeNotOver")
			.await?;
	}

	// Charlie objects; approval waits for the registrar, who dismisses the objection.
	client.submit(&a.charlie, data_ip(pallet_data_ip::Call::object { asset, evidence: objection })).await?;
	let view = asset_status(client, serde_json::json!(asset.to_string())).await?.unwrap();
	assert_eq!(
		(view.status.as_str(), view.objector.as_deref()),
		("objected", Some(a.charlie.ss58().as_str()))
	);
	expect_refused(client, &a.dave, data_ip(pallet_data_ip::Call::approve { asset }), "WrongState").await?;
	let dismiss = data_ip(pallet_data_ip::Call::resolve_objection { asset, upheld: false });
	expect_refused(client, &a.alice, dismiss.clone(), "OwnApplication").await?;
	client.submit(&a.dave, dismiss).await?;

	// Approval after the notice: certificate and registration numbers, each leading to the asset.
	sleep_past(notice_until).await;
	let approved = client.submit(&a.dave, data_ip(pallet_data_ip::Call::approve { asset })).await?;
	let (certificate_no, registration_no, valid_until) = match data_ip_events(&approved).as_slice() {
		[pallet_data_ip::Event::Registered { certificate_no, registration_no, valid_until_ms, .. }] => (
			String::from_utf8(certificate_no.to_vec())?,
			String::from_utf8(registration_no.to_vec())?,
			*valid_until_ms,
		),
		other => bail!("expected one Registered event, got {other:?}"),
	};
	assert!(certificate_no[6..10] == *"4201" && certificate_no.len() == 17, "{certificate_no}");
	assert!(registration_no[4..6] == *"21" && registration_no.len() == 16, "{registration_no}");
	for query in [certificate_no.clone(), registration_no.clone()] {
		let view = asset_status(client, serde_json::json!(query)).await?.expect("found by number");
		assert_eq!((view.id, view.status.as_str()), (asset, "registered"));
		assert_eq!(view.valid_until, Some(valid_until));
	}
	let certificate = certificate_status(client, &certificate_no).await?.expect("certificate known");
	assert_eq!((certificate.status.as_str(), certificate.asset), ("valid", asset));
	assert_eq!(certificate.registration_no, registration_no);

	// Renewal right away (the window is the whole validity here): the end moves on by the validity.
	let renewed = client.submit(&a.bob, data_ip(pallet_data_ip::Call::renew { asset })).await?;
	let renewed_until = valid_until + SCENARIO.validity_ms;
	assert_eq!(
		data_ip_events(&renewed),
		vec![pallet_data_ip::Event::Renewed { asset, valid_until_ms: renewed_until }]
	);

	// Change: the new scale is in force, version 1.
	client
		.submit(
			&a.bob,
			data_ip(pallet_data_ip::Call::change {
				asset,
				application: application(contract, "15 million rows"),
			}),
		)
		.await?;
	let view = asset_status(client, serde_json::json!(asset)).await?.unwrap();
	assert_eq!((view.version, view.application.scale.as_str()), (1, "15 million rows"));

	// Transfer to Charlie; Dave (a bank) cannot hold it.
	expect_refused(
		client,
		&a.bob,
		data_ip(pallet_data_ip::Call::transfer { asset, to: a.dave.account() }),
		"RecipientNotHolder",
	)
	.await?;
	client.submit(&a.bob, data_ip(pallet_data_ip::Call::transfer { asset, to: a.charlie.account() })).await?;

	// A court (Eve) freezes it: the certificate reads frozen and the holder cannot transfer.
	let order = HashAlgo::Sha256.digest(b"(2026) E 01 Min Chu 1234");
	client
		.submit(&a.eve, data_ip(pallet_data_ip::Call::freeze { asset, order_digest: order, until_ms: None }))
		.await?;
	assert_eq!(certificate_status(client, &certificate_no).await?.unwrap().status, "frozen");
	expect_refused(
		client,
		&a.charlie,
		data_ip(pallet_data_ip::Call::transfer { asset, to: a.bob.account() }),
		"Frozen",
	)
	.await?;
	client.submit(&a.eve, data_ip(pallet_data_ip::Call::unfreeze { asset, order_digest: order })).await?;
	assert_eq!(certificate_status(client, &certificate_no).await?.unwrap().status, "valid");

	// Charlie licenses it to Dave's bank, non-exclusively, for a day.
	let start = now_ms();
	client
		.submit(
			&a.charlie,
			data_ip(pallet_data_ip::Call::license {
				asset,
				licensee: a.dave.account(),
				kind: LicenceKind::NonExclusive,
				scope: b"credit scoring".to_vec(),
				start_ms: start,
				end_ms: start + 86_400_000,
			}),
		)
		.await?;
	let view = asset_status(client, serde_json::json!(asset)).await?.unwrap();
	assert_eq!(view.licences.len(), 1);
	assert_eq!(
		(view.licences[0].licensee.as_str(), view.licences[0].kind.as_str()),
		(a.dave.ss58().as_str(), "non-exclusive")
	);

	// Expiry: the node reports it from its clock, the chain refuses a transfer once its blocks are past.
	sleep_past(renewed_until).await;
	let view = asset_status(client, serde_json::json!(asset)).await?.unwrap();
	assert_eq!((view.status.as_str(), view.valid_until), ("expired", Some(renewed_until)));
	assert_eq!(certificate_status(client, &certificate_no).await?.unwrap().status, "expired");
	expect_refused(
		client,
		&a.charlie,
		data_ip(pallet_data_ip::Call::transfer { asset, to: a.eve.account() }),
		"Expired",
	)
	.await?;

	// The history, as the RPC serves it: every transition, in order, with its signer.
	let history: Vec<HistoryEntryView> = client
		.call::<Option<Vec<HistoryEntryView>>>(
			"ipr_assetHistory",
			rpc_params![asset, None::<u32>, None::<Hash>],
		)
		.await?
		.expect("history of a known asset");
	let actions: Vec<&str> = history.iter().map(|entry| entry.action.as_str()).collect();
	assert_eq!(
		actions,
		[
			"applied",
			"objected",
			"objection-dismissed",
			"registered",
			"renewed",
			"changed",
			"transferred",
			"frozen",
			"unfrozen",
			"licensed"
		]
	);
	assert_eq!(history[0].actor, a.alice.ss58());
	assert!(history
		.iter()
		.any(|entry| entry.details.contains(&("certificateNo".into(), certificate_no.clone()))));
	assert_eq!(view.history_length as usize, history.len());
	Ok(())
}

fn hex(bytes: &[u8]) -> String {
	iprchain_client::primitives::rpc::to_hex(bytes)
}
