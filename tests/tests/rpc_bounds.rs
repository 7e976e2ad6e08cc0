//! Every `ipr_*` list is read in bounded pages, on a running development node: an asset is given a
//! history several pages long (court freezes and lifts) and many valuations (an appraiser revaluing
//! it), and the pages are walked. A page never holds more than its limit, `next` visits every entry
//! exactly once and in order, a limit above the documented maximum is refused as invalid params, an
//! unknown asset is `null`, a malformed argument is invalid params. The certificate of the cancelled
//! asset is answered from the ending the pallet kept, and every verdict is judged at the timestamp of
//! the block read.

use anyhow::{bail, ensure, Context, Result};
use iprchain_client::{
	asset, finance,
	pallet_data_ip::{self, DataSourceType},
	pallet_valuation::{Call as ValuationCall, ValuationMethod},
	primitives::{
		rpc::{
			to_hex, AssetStatusView, CertificateStatusView, HistoryEntryView, HistoryPageView, ValuationsView,
		},
		storage_keys::storage_prefix,
	},
	rpc_params,
	runtime::{Hash, RuntimeCall, RuntimeEvent},
	submit::{submit_all, SubmitOptions},
	Client, ClientError, Signer,
};
use iprchain_tests::{now_ms, sample_application, TestNode};
use serde_json::{json, Value};
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(180);
const DAY_MS: u64 = 86_400_000;
/// Freeze-and-lift rounds by the court: two history entries each.
const ROUNDS: u32 = 30;
/// Valuations the appraiser submits; each supersedes the one before, and all stay listed.
const VALUATIONS: u32 = 25;
/// The page size the walks use: far smaller than the lists, so they take many pages.
const PAGE: u32 = 7;
/// The documented maximum `limit` of every paged method.
const MAX_LIMIT: u32 = 1_000;
/// JSON-RPC's invalid-params error code.
const INVALID_PARAMS: i64 = -32602;

fn data_ip(call: pallet_data_ip::Call<iprchain_client::runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::DataIp(call)
}

/// Bob applies; Alice approves once the dev chain's notice is over. Returns the asset id.
async fn register(client: &Client, alice: &Signer, bob: &Signer) -> Result<u64> {
	let application = sample_application("武汉港口吞吐量数据集", DataSourceType::OwnCollection, None, "9 GB");
	let applied = client
		.submit(bob, data_ip(pallet_data_ip::Call::apply { holder: bob.account(), application }))
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
		.context("no Applied event")?;
	tokio::time::sleep(Duration::from_millis(notice_until.saturating_sub(now_ms()) + 3_000)).await;
	// The chain judges the notice by its blocks' time, which may trail this clock by a slot.
	for _ in 0..5 {
		match client.submit(alice, data_ip(pallet_data_ip::Call::approve { asset })).await {
			Ok(_) => return Ok(asset),
			Err(ClientError::DispatchFailed(reason)) if reason == "DataIp.NoticeNotOver" => {
				tokio::time::sleep(Duration::from_secs(2)).await
			}
			Err(other) => bail!("approval failed: {other}"),
		}
	}
	bail!("the notice of asset {asset} never ended")
}

/// A JSON-RPC call over plain HTTP, answering the whole response object, so that an error's code can
/// be checked (the client library keeps only the message).
async fn raw_rpc(port: u16, method: &str, params: Value) -> Result<Value> {
	let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
	tokio::task::spawn_blocking(move || -> Result<Value> {
		use std::io::{Read, Write};
		let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
		stream.set_read_timeout(Some(Duration::from_secs(30)))?;
		write!(
			stream,
			"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
			body.len()
		)?;
		let mut response = String::new();
		stream.read_to_string(&mut response)?;
		let (_, payload) = response.split_once("\r\n\r\n").context("no HTTP body")?;
		let json = payload.find('{').zip(payload.rfind('}')).map(|(a, b)| &payload[a..=b]);
		Ok(serde_json::from_str(json.with_context(|| format!("no JSON in {response}"))?)?)
	})
	.await?
}

/// Expects `method(params)` to be refused with invalid params, the message containing `why`.
async fn expect_invalid(port: u16, method: &str, params: Value, why: &str) -> Result<()> {
	let answer = raw_rpc(port, method, params.clone()).await?;
	let error = &answer["error"];
	ensure!(
		error["code"] == INVALID_PARAMS && error["message"].as_str().is_some_and(|m| m.contains(why)),
		"{method}({params}) should be refused as invalid params with `{why}`, got {answer}"
	);
	Ok(())
}

/// The block's own time: `Timestamp::Now` in its state.
async fn block_time(client: &Client, at: Hash) -> Result<u64> {
	let key = to_hex(&storage_prefix(b"Timestamp", b"Now"));
	let raw: String =
		client.call::<Option<String>>("state_getStorage", rpc_params![key, at]).await?.context("no Now")?;
	let bytes = hex::decode(raw.trim_start_matches("0x"))?;
	Ok(u64::from_le_bytes(bytes.as_slice().try_into().context("Now is a u64")?))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_list_is_read_in_bounded_pages() -> Result<()> {
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	let port = node.rpc_port;
	// Development roles: Alice registrar, Bob holder, Charlie appraiser, Eve court.
	let [alice, bob, charlie, eve] =
		["//Alice", "//Bob", "//Charlie", "//Eve"].map(|suri| Signer::from_suri(suri).unwrap());
	let asset = register(&client, &alice, &bob).await?;

	// A long history and many valuations, sent together and each followed to finality.
	let freezes: Vec<RuntimeCall> = (0..ROUNDS)
		.flat_map(|n| {
			let order_digest = [n as u8; 32];
			[
				data_ip(pallet_data_ip::Call::freeze { asset, order_digest, until_ms: None }),
				data_ip(pallet_data_ip::Call::unfreeze { asset, order_digest }),
			]
		})
		.collect();
	let valid_until_ms = now_ms() + 180 * DAY_MS;
	let revaluations: Vec<RuntimeCall> = (0..VALUATIONS)
		.map(|n| {
			RuntimeCall::Valuation(ValuationCall::submit {
				asset,
				value_fen: 1_000_000 + u128::from(n),
				method: ValuationMethod::Cost,
				report_digest: [n as u8; 32],
				valid_until_ms,
			})
		})
		.collect();
	let options = SubmitOptions::default();
	let (frozen, valued) = tokio::join!(
		submit_all(&client, &eve, freezes, &options, |_| {}),
		submit_all(&client, &charlie, revaluations, &options, |_| {})
	);
	for (index, result) in frozen?.iter().chain(valued?.iter()).enumerate() {
		ensure!(result.is_ok(), "call {index}: {result:?}");
	}

	// Everything below reads one finalized block, so the lists do not move between pages.
	let at = client.finalized_head().await?;
	let history_len = 2 + 2 * ROUNDS;
	let status: AssetStatusView =
		client.call::<Option<_>>("ipr_assetStatus", rpc_params![asset, at]).await?.context("asset")?;
	assert_eq!(status.history_length, history_len);
	assert_eq!(status.evaluated_at, block_time(&client, at).await?, "judged at the block's own time");

	history_pages(&client, port, asset, at, history_len).await?;
	valuation_pages(&client, asset, at).await?;
	refusals(&client, port, asset).await?;
	cancelled_certificate(&client, &bob, asset, at, &status).await
}

/// Walks the history `PAGE` entries at a time and checks it against one whole page, the bare-list
/// method and the client library's walk.
async fn history_pages(client: &Client, port: u16, asset: u64, at: Hash, len: u32) -> Result<()> {
	let mut walked: Vec<HistoryEntryView> = Vec::new();
	let (mut start, mut pages) = (Some(0u32), 0);
	while let Some(from) = start {
		let page: HistoryPageView = client
			.call::<Option<_>>("ipr_assetHistoryPage", rpc_params![asset, from, PAGE, at])
			.await?
			.context("history of a known asset")?;
		ensure!(page.entries.len() as u32 <= PAGE, "page at {from} holds {}", page.entries.len());
		assert_eq!((page.total, page.at.hash.clone()), (len, format!("{at:?}")));
		walked.extend(page.entries);
		start = page.next;
		pages += 1;
	}
	assert_eq!(pages, len.div_ceil(PAGE));
	assert_eq!(walked.iter().map(|entry| entry.index).collect::<Vec<_>>(), (0..len).collect::<Vec<_>>());
	let actions: Vec<&str> = walked.iter().map(|entry| entry.action.as_str()).collect();
	assert_eq!(&actions[..2], ["applied", "registered"]);
	ensure!(
		actions[2..].chunks(2).all(|pair| pair == ["frozen", "unfrozen"]),
		"freezes and lifts alternate: {actions:?}"
	);

	// The default limit is the maximum, so one call holds this whole history, and says it is all.
	let whole: HistoryPageView = client
		.call::<Option<_>>("ipr_assetHistoryPage", rpc_params![asset, None::<u32>, None::<u32>, at])
		.await?
		.context("whole history")?;
	assert_eq!((whole.entries, whole.next), (walked.clone(), None));
	let past_the_end: HistoryPageView =
		client.call::<Option<_>>("ipr_assetHistoryPage", rpc_params![asset, len, PAGE, at]).await?.unwrap();
	assert_eq!((past_the_end.entries.len(), past_the_end.next), (0, None));

	// The bare list of clients written before pages: same entries, new `limit` last.
	let legacy: Vec<HistoryEntryView> =
		client.call::<Option<_>>("ipr_assetHistory", rpc_params![asset, 7u32, at, 5u32]).await?.unwrap();
	assert_eq!(legacy, walked[7..12].to_vec());
	let legacy_all: Vec<HistoryEntryView> =
		client.call::<Option<_>>("ipr_assetHistory", rpc_params![asset, None::<u32>, at]).await?.unwrap();
	assert_eq!(legacy_all, walked);
	assert_eq!(asset::history(client, asset, Some(at)).await?, Some(walked));

	let answer =
		raw_rpc(port, "ipr_assetHistoryPage", json!([asset, 0, MAX_LIMIT, format!("{at:?}")])).await?;
	assert_eq!(answer["result"]["entries"].as_array().map(Vec::len), Some(len as usize), "{answer}");
	Ok(())
}

/// Walks the valuations `PAGE` at a time; the current one is the newest, wherever the page is.
async fn valuation_pages(client: &Client, asset: u64, at: Hash) -> Result<()> {
	let mut walked = Vec::new();
	let mut start = Some(0u32);
	while let Some(from) = start {
		let page: ValuationsView = client
			.call::<Option<_>>("ipr_getValuations", rpc_params![asset, at, from, PAGE])
			.await?
			.context("valuations of a known asset")?;
		ensure!(page.valuations.len() as u32 <= PAGE, "page at {from} holds {}", page.valuations.len());
		assert_eq!((page.total, page.current), (VALUATIONS, Some(VALUATIONS - 1)));
		walked.extend(page.valuations);
		start = page.next;
	}
	assert_eq!(walked.iter().map(|v| v.index).collect::<Vec<_>>(), (0..VALUATIONS).collect::<Vec<_>>());
	let values: Vec<String> = walked.iter().map(|v| v.value_fen.clone()).collect();
	assert_eq!(values, (0..VALUATIONS).map(|n| (1_000_000 + n).to_string()).collect::<Vec<_>>());
	// Superseded ones stay listed, withdrawn; only the newest is in force.
	assert_eq!(walked.iter().filter(|v| v.in_force).count(), 1);
	let all = finance::valuations(client, asset, Some(at)).await?.context("valuations")?;
	assert_eq!((all.valuations, all.next), (walked, None));
	// The parameters of clients written before pages still work: the first page, at the best block.
	let first: ValuationsView =
		client.call::<Option<_>>("ipr_getValuations", rpc_params![asset]).await?.unwrap();
	assert_eq!(first.valuations.len() as u32, VALUATIONS);
	Ok(())
}

/// Too-large and zero limits, unknown assets and malformed arguments.
async fn refusals(client: &Client, port: u16, asset: u64) -> Result<()> {
	let too_many = MAX_LIMIT + 1;
	let maximum = format!("maximum of {MAX_LIMIT}");
	expect_invalid(port, "ipr_assetHistoryPage", json!([asset, 0, too_many]), &maximum).await?;
	expect_invalid(port, "ipr_assetHistory", json!([asset, 0, null, 5_000]), &maximum).await?;
	expect_invalid(port, "ipr_getValuations", json!([asset, null, 0, too_many]), &maximum).await?;
	expect_invalid(port, "ipr_assetHistoryPage", json!([asset, 0, 0]), "at least 1").await?;
	expect_invalid(port, "ipr_getValuations", json!([asset, null, 0, 0]), "at least 1").await?;

	for (method, params) in [
		("ipr_assetHistoryPage", json!([999_999])),
		("ipr_assetHistory", json!([999_999])),
		("ipr_getValuations", json!([999_999])),
		("ipr_getPledge", json!([999_999])),
		("ipr_certificateStatus", json!(["20261142019999999"])),
	] {
		let answer = raw_rpc(port, method, params.clone()).await?;
		ensure!(answer["result"].is_null() && answer.get("error").is_none(), "{method}({params}): {answer}");
	}

	for (method, params) in [
		("ipr_assetHistoryPage", json!([asset, "abc"])),
		("ipr_assetHistoryPage", json!([asset, -1])),
		("ipr_assetHistoryPage", json!([asset, 0, 2.5])),
		("ipr_assetHistory", json!([asset, 0, "not-a-hash"])),
		("ipr_getValuations", json!(["seven"])),
		("ipr_getValuations", json!([asset, null, 0, "all"])),
	] {
		expect_invalid(port, method, params, "").await?;
	}
	expect_invalid(port, "ipr_certificateStatus", json!(["12345"]), "malformed certificate number").await?;
	// Refusals changed nothing: the same question still gets its answer.
	let page: Option<HistoryPageView> =
		client.call("ipr_assetHistoryPage", rpc_params![asset, 0u32, 1u32]).await?;
	assert_eq!(page.context("history")?.entries.len(), 1);
	Ok(())
}

/// Bob cancels the asset: its certificate keeps what it stated and says when it ended, while the
/// block before still shows it valid.
async fn cancelled_certificate(
	client: &Client,
	bob: &Signer,
	asset: u64,
	before: Hash,
	status: &AssetStatusView,
) -> Result<()> {
	let number = status.certificate_no.clone().context("certificate number")?;
	let certificate = |at: Hash| {
		let number = number.clone();
		async move {
			let view: Option<CertificateStatusView> =
				client.call("ipr_certificateStatus", rpc_params![number, at]).await?;
			view.context("an issued certificate")
		}
	};
	let live = certificate(before).await?;
	assert_eq!((live.status.as_str(), live.ended_at, live.ended_block), ("valid", None, None));
	assert_eq!(live.evaluated_at, block_time(client, before).await?);
	assert_eq!(
		(Some(live.registration_no.clone()), Some(live.valid_from), Some(live.valid_until)),
		(status.registration_no.clone(), status.valid_from, status.valid_until)
	);

	let cancelled = client.submit(bob, data_ip(pallet_data_ip::Call::cancel { asset })).await?;
	let after = client.finalized_head().await?;
	let ended = certificate(after).await?;
	assert_eq!(ended.status, "cancelled");
	assert_eq!(
		(ended.registration_no.as_str(), ended.valid_from, ended.valid_until, ended.asset),
		(live.registration_no.as_str(), live.valid_from, live.valid_until, asset)
	);
	assert_eq!(ended.ended_block, Some(cancelled.block_number));
	assert_eq!(ended.ended_at, Some(block_time(client, cancelled.block_hash).await?));
	assert_eq!(ended.evaluated_at, block_time(client, after).await?);
	// Read at the earlier block, the answer is still what the chain said then.
	assert_eq!(certificate(before).await?, live);
	Ok(())
}
