//! Pledge financing on a running development node: register → value → propose → accept → transfer
//! refused → the bank's one-call check over JSON-RPC → release → transfer allowed, with the refusals a
//! bank relies on (non-appraiser valuation, non-bank acceptance, unregistered asset, second pledge).

use anyhow::{bail, ensure, Result};
use iprchain_client::{
	pallet_data_ip::{self, DataSourceType},
	primitives::rpc::{AssetStatusView, PledgeDetailView, ValuationsView},
	rpc_params,
	runtime::{Hash, RuntimeCall, RuntimeEvent},
	Client, ClientError, Finalized, Signer,
};
use iprchain_client::{
	pallet_pledge::{self, Call as PledgeCall},
	pallet_valuation::{Call as ValuationCall, ValuationMethod},
};
use iprchain_tests::{now_ms, sample_application, TestNode};
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(180);
/// 10 million yuan in fen: the loan of Hubei's first data-IP pledge.
const LOAN_FEN: u128 = 10_000_000 * 100;
const VALUE_FEN: u128 = 18_500_000 * 100;
const DAY_MS: u64 = 86_400_000;

async fn refused(client: &Client, signer: &Signer, call: RuntimeCall, error: &str) -> Result<()> {
	match client.submit(signer, call).await {
		Err(ClientError::DispatchFailed(reason)) if reason == error => Ok(()),
		other => bail!("expected {error}, got {other:?}"),
	}
}

async fn status(client: &Client, asset: u64) -> Result<AssetStatusView> {
	let view: Option<AssetStatusView> =
		client.call("ipr_assetStatus", rpc_params![asset, None::<Hash>]).await?;
	view.ok_or_else(|| anyhow::anyhow!("asset {asset} unknown"))
}

fn pledge_id(finalized: &Finalized) -> Result<u64> {
	finalized
		.events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::Pledge(pallet_pledge::Event::Proposed { pledge, .. }) => Some(*pledge),
			_ => None,
		})
		.ok_or_else(|| anyhow::anyhow!("no Proposed event"))
}

/// Applies for `holder` and approves it once the development preset's notice is over.
async fn register(client: &Client, registrar: &Signer, holder: &Signer, name: &str) -> Result<u64> {
	let applied = client
		.submit(
			holder,
			RuntimeCall::DataIp(pallet_data_ip::Call::apply {
				holder: holder.account(),
				application: sample_application(name, DataSourceType::OwnCollection, None, "2.4 TB"),
			}),
		)
		.await?;
	let (asset, notice_until) = applied
		.events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::DataIp(pallet_data_ip::Event::Applied { asset, notice_until_ms, .. }) => {
				Some((*asset, *notice_until_ms))
			}
			_ => None,
		})
		.ok_or_else(|| anyhow::anyhow!("no Applied event"))?;
	let wait = notice_until.saturating_sub(now_ms()) + 3_000;
	tokio::time::sleep(Duration::from_millis(wait)).await;
	client.submit(registrar, RuntimeCall::DataIp(pallet_data_ip::Call::approve { asset })).await?;
	Ok(asset)
}

#[tokio::test(flavor = "multi_thread")]
async fn pledge_financing_on_a_dev_node() -> Result<()> {
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	let [alice, bob, charlie, dave, eve] =
		["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve"].map(|suri| Signer::from_suri(suri).unwrap());
	// Roles (development preset): Alice registrar, Bob holder, Charlie appraiser, Dave bank, Eve court+holder.

	// An application under notice cannot be pledged.
	let pending = client
		.submit(
			&eve,
			RuntimeCall::DataIp(pallet_data_ip::Call::apply {
				holder: eve.account(),
				application: sample_application("pending", DataSourceType::Public, None, "1 GB"),
			}),
		)
		.await?;
	ensure!(pending
		.events
		.iter()
		.any(|e| matches!(e, RuntimeEvent::DataIp(pallet_data_ip::Event::Applied { .. }))));
	let pending_asset = 0;
	refused(
		&client,
		&eve,
		RuntimeCall::Pledge(PledgeCall::propose {
			asset: pending_asset,
			bank: dave.account(),
			secured_fen: LOAN_FEN,
			maturity_ms: now_ms() + 365 * DAY_MS,
		}),
		"Pledge.AssetNotRegistered",
	)
	.await?;

	let asset = register(&client, &alice, &bob, "武汉城市交通出行数据集").await?;
	let verdict = status(&client, asset).await?.lending;
	ensure!(!verdict.lendable && verdict.reasons == ["no current valuation"], "{verdict:?}");

	// Valuation: Bob is no appraiser; Charlie is.
	let valuation = || {
		RuntimeCall::Valuation(ValuationCall::submit {
			asset,
			value_fen: VALUE_FEN,
			method: ValuationMethod::Income,
			report_digest: [0x5a; 32],
			valid_until_ms: now_ms() + 180 * DAY_MS,
		})
	};
	refused(&client, &bob, valuation(), "Valuation.NotAppraiser").await?;
	client.submit(&charlie, valuation()).await?;
	let view = status(&client, asset).await?;
	let valuation = view.valuation.as_ref().expect("current valuation");
	assert_eq!((valuation.value_cny.as_str(), valuation.method.as_str()), ("18500000.00", "income"));
	ensure!(view.lending.lendable, "{:?}", view.lending);

	// Bob proposes a 10 M CNY pledge to Dave's bank; Charlie (no bank) cannot accept it.
	let maturity = now_ms() + 365 * DAY_MS;
	let proposed = client
		.submit(
			&bob,
			RuntimeCall::Pledge(PledgeCall::propose {
				asset,
				bank: dave.account(),
				secured_fen: LOAN_FEN,
				maturity_ms: maturity,
			}),
		)
		.await?;
	let pledge = pledge_id(&proposed)?;
	refused(&client, &charlie, RuntimeCall::Pledge(PledgeCall::accept { pledge }), "Pledge.NotPledgee")
		.await?;
	client.submit(&dave, RuntimeCall::Pledge(PledgeCall::accept { pledge })).await?;

	// Pledged: the holder cannot transfer, and the bank's check says so in one call.
	refused(
		&client,
		&bob,
		RuntimeCall::DataIp(pallet_data_ip::Call::transfer { asset, to: eve.account() }),
		"DataIp.Pledged",
	)
	.await?;
	let view = status(&client, asset).await?;
	let active = view.pledge.as_ref().expect("active pledge");
	assert_eq!(
		(active.id, active.state.as_str(), active.pledgee.as_str(), active.secured_cny.as_str()),
		(pledge, "active", dave.ss58().as_str(), "10000000.00")
	);
	assert_eq!(active.valuation_fen, Some(VALUE_FEN.to_string()));
	ensure!(!view.lending.lendable, "pledged asset reported lendable");
	ensure!(view.lending.reasons.iter().any(|r| r.contains("already pledged")), "{:?}", view.lending);
	// A second pledge is refused while the first is active.
	refused(
		&client,
		&bob,
		RuntimeCall::Pledge(PledgeCall::propose {
			asset,
			bank: dave.account(),
			secured_fen: 1,
			maturity_ms: maturity,
		}),
		"Pledge.AlreadyPledged",
	)
	.await?;

	// Only the pledgee releases; then the transfer goes through.
	refused(&client, &bob, RuntimeCall::Pledge(PledgeCall::release { pledge }), "Pledge.NotPledgee").await?;
	client.submit(&dave, RuntimeCall::Pledge(PledgeCall::release { pledge })).await?;
	let view = status(&client, asset).await?;
	ensure!(view.pledge.is_none() && view.lending.lendable, "{view:?}");
	client
		.submit(&bob, RuntimeCall::DataIp(pallet_data_ip::Call::transfer { asset, to: eve.account() }))
		.await?;
	assert_eq!(status(&client, asset).await?.holder, eve.ss58());

	// The pledge's own record and history, and the valuation list.
	let detail: PledgeDetailView = client
		.call::<Option<PledgeDetailView>>("ipr_getPledge", rpc_params![pledge, None::<Hash>])
		.await?
		.expect("pledge readable");
	let steps: Vec<&str> = detail.history.iter().map(|entry| entry.action.as_str()).collect();
	assert_eq!((detail.pledge.state.as_str(), steps), ("released", vec!["proposed", "accepted", "released"]));
	let valuations: ValuationsView = client
		.call::<Option<ValuationsView>>("ipr_getValuations", rpc_params![asset, None::<Hash>])
		.await?
		.expect("valuations readable");
	assert_eq!((valuations.current, valuations.valuations.len()), (Some(0), 1));
	let none: Option<PledgeDetailView> =
		client.call("ipr_getPledge", rpc_params![999u64, None::<Hash>]).await?;
	ensure!(none.is_none());
	Ok(())
}
